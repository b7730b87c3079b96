import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getStore } from '../../../../db/queries/stores';
import { decide, findHoldWord, blockAddressEntry, type PolicyInput } from '../../../../worker/domain/moderation-policy';
import { moderationPolicies } from '../../../../db/schema';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await createHarness();
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

const patch = (json: unknown) => h.call('PATCH', '/v1/admin/stores/store-a', { key, json });
const statusOf = async (id: string) =>
  (await h.client.execute({ sql: 'SELECT status FROM reviews WHERE id = ? UNION ALL SELECT status FROM questions WHERE id = ? UNION ALL SELECT status FROM answers WHERE id = ?', args: [id, id, id] })).rows[0]?.status;

async function review(overrides: Record<string, unknown> = {}, client?: string) {
  const res = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput(overrides), client });
  h.clock.advance(1000);
  return res;
}

describe('moderation policy', () => {
  it('never depends on the rating: the rule has no rating to read, and every policy treats 1 and 5 stars alike', async () => {
    const input: PolicyInput = { kind: 'review', authorEmail: 'a@example.com', text: ['Fine'] };
    // @ts-expect-error the rating is not an input of the publication rule, by construction
    const withRating: PolicyInput = { ...input, rating: 1 };
    for (const moderation of moderationPolicies) {
      const settings = { moderation, holdWords: [], blockList: [] };
      expect(decide(settings, withRating, { firstTimeAuthor: true })).toEqual(decide(settings, input, { firstTimeAuthor: true }));
    }
    for (const moderation of moderationPolicies) {
      await patch({ moderation });
      const email = `same-${moderation}@example.com`;
      const low = await review({ rating: 1, author: { name: 'Sam', email } });
      const high = await review({ rating: 5, author: { name: 'Sam', email: `other-${email}` } });
      expect([moderation, low.body.status]).toEqual([moderation, high.body.status]);
    }
  });

  it('hold-first-time holds an author until something of theirs is published, for reviews and questions alike', async () => {
    expect((await patch({ moderation: 'hold-first-time' })).body.moderation).toBe('hold-first-time');
    const email = 'newcomer@example.com';
    const first = await review({ author: { name: 'Nia', email } });
    expect(first.body.status).toBe('pending');
    const asked = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Machine washable?', author: { name: 'Nia', email } } });
    expect(asked.body.status).toBe('pending');

    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${first.body.id}`, { key, json: { status: 'published' } });
    expect((await review({ author: { name: 'Nia', email: 'NEWCOMER@example.com' } })).body.status).toBe('published');
    const again = await h.call('POST', '/v1/stores/store-a/products/mug/questions', { json: { body: 'Dishwasher safe?', author: { name: 'Nia', email } } });
    expect(again.body.status).toBe('published');
    // Store B's history is not store A's.
    expect((await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput({ author: { name: 'Nia', email } }) })).body.status).toBe('published');
  });

  it('holds content with a hold word, as a whole word in any case, whatever the policy', async () => {
    await patch({ holdWords: ['refund', 'call me'] });
    expect((await review({ body: 'I want a REFUND now' })).body.status).toBe('pending');
    expect((await review({ body: 'Please call   me back' })).body.status).toBe('pending');
    expect((await review({ body: 'Refunded quickly, great service' })).body.status).toBe('published');
    const q = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Can I get a refund?', author: { name: 'Q', email: 'q@example.com' } } });
    expect(q.body.status).toBe('pending');
    expect(findHoldWord(['ass'], ['A classic class'])).toBeUndefined();
    expect(findHoldWord(['spam'], ['ＳＰＡＭ here'])).toBe('spam');
  });

  it('stores content from a blocked email or address as spam and tells the writer it is pending', async () => {
    const store = (await getStore(h.db, 'store-a'))!;
    const blockedAddress = (await blockAddressEntry(store, '198.51.100.9'))!;
    const res = await patch({ blockList: ['Troll@Example.com', blockedAddress] });
    expect(res.status).toBe(200);
    expect(res.body.blockList).toEqual(['troll@example.com', blockedAddress]);

    const byEmail = await review({ author: { name: 'T', email: 'troll@example.com' } });
    expect(byEmail.body.status).toBe('pending');
    expect(await statusOf(byEmail.body.id)).toBe('spam');
    const byAddress = await review({}, '198.51.100.9');
    expect(await statusOf(byAddress.body.id)).toBe('spam');
    expect(await statusOf((await review({}, '198.51.100.10')).body.id)).toBe('published');

    const asked = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Hm?', author: { name: 'T', email: 'troll@example.com' } } });
    expect(await statusOf(asked.body.id)).toBe('spam');
    const open = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Size?', author: { name: 'U', email: 'u@example.com' } } });
    const answered = await h.call('POST', `/v1/stores/store-a/questions/${open.body.id}/answers`, { json: { body: 'Big', author: { name: 'T', email: 'troll@example.com' } } });
    expect(await statusOf(answered.body.id)).toBe('spam');
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.summary.count).toBe(1);
  });
});

describe('PATCH /v1/admin/stores/:store (settings)', () => {
  it('reads a store saved before these settings existed with their defaults', async () => {
    await h.client.execute(`UPDATE stores SET settings = json_remove(settings, '$.holdWords', '$.blockList', '$.turnstile') WHERE id = 'store-a'`);
    const res = await h.call('GET', '/v1/admin/stores/store-a', { key });
    expect(res.body).toMatchObject({ moderation: 'publish', holdWords: [], blockList: [], turnstile: { siteKey: null, enabled: false, secretSet: false } });
  });

  it('records settings.update with the names of the changed fields and list counts, never their values', async () => {
    await patch({ moderation: 'hold', holdWords: ['refund', 'refund', 'scam'], blockList: ['x@example.com'], turnstileSecret: 'secret-value-123', acceptUnverified: true });
    await patch({ moderation: 'hold' });
    const rows = await h.client.execute("SELECT action, actor_kind, details FROM audit_log WHERE store_id = 'store-a' AND action = 'settings.update'");
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.actor_kind).toBe('key');
    const details = JSON.parse(String(rows.rows[0]!.details));
    expect(details).toEqual({ fields: ['moderation', 'holdWords', 'blockList', 'turnstileSecret'], counts: { holdWords: 2, blockList: 1 } });
    expect(String(rows.rows[0]!.details)).not.toMatch(/secret-value|x@example/);
    const shown = await h.call('GET', '/v1/admin/stores/store-a', { key });
    expect(shown.body.turnstile.secretSet).toBe(true);
    expect(shown.text).not.toContain('secret-value-123');
  });

  it('refuses a bad block list entry, too many hold words, and Turnstile without its keys, changing nothing', async () => {
    const bad = async (json: unknown, message: RegExp) => {
      const res = await patch(json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    };
    await bad({ blockList: ['not an email'] }, /email address or addr:/);
    await bad({ blockList: ['addr:1234'] }, /email address or addr:/);
    await bad({ holdWords: Array.from({ length: 201 }, (_, i) => `w${i}`) }, /at most 200/);
    await bad({ moderation: 'by-rating' }, /moderation must be one of publish, hold, hold-first-time/);
    await bad({ turnstile: { enabled: true }, moderation: 'hold' }, /turnstile.enabled needs both turnstile.siteKey and turnstileSecret/);
    await bad({ turnstile: { enabled: true, siteKey: '0x4AAA' }, addAllowedOrigins: ['https://more.example'] }, /turnstileSecret/);
    const res = await h.call('GET', '/v1/admin/stores/store-a', { key });
    expect(res.body).toMatchObject({ moderation: 'publish', holdWords: [], blockList: [], turnstile: { enabled: false }, allowedOrigins: ['https://shop-a.example'] });
    expect((await h.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.update'")).rows[0]!.n).toBe(0);
  });
});
