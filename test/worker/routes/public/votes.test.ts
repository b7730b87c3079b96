import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VOTES_PER_ADDRESS } from '../../../../worker/domain/voters';
import { makeReviewInput, voterToken } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let review: string;
beforeEach(async () => {
  h = await createHarness();
  review = (await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput() })).body.id;
});
afterEach(() => h.close());

const vote = (value: string, voter: string, id = review, store = 'store-a', client = '203.0.113.7') =>
  h.call('POST', `/v1/stores/${store}/reviews/${id}/votes`, { json: { value, voter }, client });

describe('POST …/reviews/:id/votes', () => {
  it('counts one vote per voter and lets a voter change their mind', async () => {
    expect((await vote('helpful', voterToken(1))).body).toEqual({ helpfulCount: 1, unhelpfulCount: 0 });
    expect((await vote('helpful', voterToken(2))).body).toEqual({ helpfulCount: 2, unhelpfulCount: 0 });
    const again = await vote('helpful', voterToken(1));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_VOTED', details: { helpfulCount: 2, unhelpfulCount: 0 } });
    expect((await vote('unhelpful', voterToken(1))).body).toEqual({ helpfulCount: 1, unhelpfulCount: 1 });
    const shown = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews[0];
    expect(shown).toMatchObject({ helpfulCount: 1, unhelpfulCount: 1 });
  });

  it('counts exactly under concurrent votes', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => vote(i % 4 === 0 ? 'unhelpful' : 'helpful', voterToken(`c${i}`), review, 'store-a', `198.51.100.${i}`)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const shown = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews[0];
    expect(shown).toMatchObject({ helpfulCount: 30, unhelpfulCount: 10 });
  });

  it(`adds at most ${VOTES_PER_ADDRESS} votes from one address to a review, however many tokens it invents`, async () => {
    const stuffing = [];
    for (let i = 0; i < 8; i++) stuffing.push(await vote('helpful', voterToken(`rotate${i}`), review, 'store-a', '192.0.2.66'));
    expect(stuffing.slice(0, VOTES_PER_ADDRESS).map((r) => r.status)).toEqual(Array(VOTES_PER_ADDRESS).fill(200));
    const refused = stuffing.slice(VOTES_PER_ADDRESS);
    expect(refused.map((r) => r.body.error.code)).toEqual(Array(refused.length).fill('VOTE_LIMIT_REACHED'));
    expect(refused[0]!.status).toBe(409);
    expect(refused[0]!.body.error.details).toEqual({ helpfulCount: VOTES_PER_ADDRESS, unhelpfulCount: 0 });

    // Concurrent stuffing gets no further than sequential stuffing.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => vote('unhelpful', voterToken(`burst${i}`), review, 'store-a', '192.0.2.77')));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(VOTES_PER_ADDRESS);

    // A voter already counted may still change their mind; other addresses and other reviews are unaffected.
    expect((await vote('unhelpful', voterToken('rotate0'), review, 'store-a', '192.0.2.66')).status).toBe(200);
    expect((await vote('helpful', voterToken('other'), review, 'store-a', '192.0.2.99')).status).toBe(200);
    const second = (await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput() })).body.id;
    expect((await vote('helpful', voterToken('rotate7'), second, 'store-a', '192.0.2.66')).status).toBe(200);

    const listed = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews;
    // 3 helpful from .66, one of them turned unhelpful; 3 unhelpful from .77; 1 helpful from .99.
    expect(listed.find((r: { id: string }) => r.id === review)).toMatchObject({ helpfulCount: VOTES_PER_ADDRESS, unhelpfulCount: VOTES_PER_ADDRESS + 1 });
  });

  it('keeps the address only as a keyed hash', async () => {
    await vote('helpful', voterToken('hash'), review, 'store-a', '192.0.2.55');
    const rows = await h.client.execute('SELECT voter, address FROM review_votes');
    const stored = JSON.stringify(rows.rows);
    expect(stored).not.toContain('192.0.2.55');
    expect(rows.rows[0]!.address).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.rows[0]!.address).not.toBe(createHash('sha256').update('192.0.2.55').digest('hex'));
  });

  it('refuses votes on unknown, foreign and unpublished reviews', async () => {
    expect((await vote('helpful', voterToken(), 'rv_000000000000000000000000')).status).toBe(404);
    expect((await vote('helpful', voterToken(), review, 'store-b')).status).toBe(404);
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${review}`, { key: h.a.keys.secretKey, json: { status: 'pending' } });
    expect((await vote('helpful', voterToken())).body.error.code).toBe('NOT_FOUND');
  });

  it('explains a bad vote', async () => {
    const res = await vote('love', voterToken());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('value must be "helpful" or "unhelpful"');
    expect((await vote('helpful', 'short')).body.error.message).toMatch(/voter must be 16-128 characters/);
  });
});

describe('POST …/reviews/:id/reports', () => {
  it('files one report per reporter and counts it for the merchant', async () => {
    const report = (reporter: string) =>
      h.call('POST', `/v1/stores/store-a/reviews/${review}/reports`, { json: { reason: 'offensive', note: 'rude', reporter } });
    expect((await report(voterToken('r1'))).status).toBe(202);
    expect((await report(voterToken('r1'))).status).toBe(409);
    expect((await report(voterToken('r2'))).status).toBe(202);
    const admin = await h.call('GET', '/v1/admin/stores/store-a/reviews', { key: h.a.keys.secretKey });
    expect(admin.body.reviews[0].reportCount).toBe(2);
  });

  it('refuses an unknown reason', async () => {
    const res = await h.call('POST', `/v1/stores/store-a/reviews/${review}/reports`, { json: { reason: 'meh', reporter: voterToken() } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/reason must be one of spam, offensive/);
  });
});

describe('GET /v1/stores/:store/summaries', () => {
  it('answers many products in one call', async () => {
    await h.call('POST', '/v1/stores/store-a/products/mug/reviews', { json: makeReviewInput({ rating: 2 }) });
    const res = await h.call('GET', '/v1/stores/store-a/summaries?products=tee,mug,tote,unknown');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.summaries).sort()).toEqual(['mug', 'tee', 'tote', 'unknown']);
    expect(res.body.summaries.tee).toMatchObject({ count: 1, average: 5 });
    expect(res.body.summaries.mug).toMatchObject({ count: 1, average: 2 });
    expect(res.body.summaries.tote.count).toBe(0);
  });

  it('needs a list of at most 100 ids', async () => {
    expect((await h.call('GET', '/v1/stores/store-a/summaries')).status).toBe(400);
    expect((await h.call('GET', '/v1/stores/store-a/summaries?products=,,')).body.error.message).toMatch(/at least one/);
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`).join(',');
    expect((await h.call('GET', `/v1/stores/store-a/summaries?products=${many}`)).body.error.message).toMatch(/at most 100/);
  });
});
