/** The audit log through the API: every merchant change leaves an entry saying who, what and when; the log only reads. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../../fixtures/reviews';
import { makeMember, signIn, type TestSession } from '../../../helpers/admin';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { AdminUser } from '../../../../db/schema';

let h: Harness;
let kimUser: AdminUser;
let kim: TestSession;
beforeEach(async () => {
  h = await createHarness();
  kimUser = await makeMember(h, { store: 'store-a', role: 'owner', email: 'kim@store-a.example' });
  kim = await signIn(h, kimUser.email);
});
afterEach(() => h.close());

const key = () => h.a.keys.secretKey;
const log = async (query = '') => {
  const res = await h.call('GET', `/v1/admin/stores/store-a/audit${query}`, kim.as());
  expect(res.status, res.text).toBe(200);
  return res.body as { entries: Array<{ seq: number; at: string; actor: { kind: string; id: string; label: string }; action: string; target: { kind: string; id: string } | null; details: Record<string, unknown> }>; nextBefore: number | null };
};
const newest = async () => (await log('?limit=1')).entries[0]!;
const review = async () => (await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput() })).body.id as string;
const question = async () =>
  (await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Does it shrink?', author: { name: 'Asker', email: 'asker@example.com' } } })).body.id as string;

describe('audit entries', () => {
  it('records moderation with who, when, the target and the change', async () => {
    const id = await review();
    h.clock.advance(5000);
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${id}`, kim.as({ json: { status: 'rejected' } }))).status).toBe(200);
    expect(await newest()).toEqual({
      seq: expect.any(Number),
      at: new Date(h.clock.now).toISOString(),
      actor: { kind: 'user', id: kimUser.id, label: 'kim@store-a.example' },
      action: 'review.status',
      target: { kind: 'review', id },
      details: { from: 'published', to: 'rejected' },
    });
    // Bulk, with the key: one entry per review that changed, none for one already in that state.
    const other = await review();
    await h.call('POST', '/v1/admin/stores/store-a/reviews/moderate', { key: key(), json: { ids: [id, other], status: 'published' } });
    const entries = (await log()).entries.filter((e) => e.action === 'review.status');
    expect(entries.map((e) => [e.target!.id, e.details, e.actor.kind])).toEqual([
      [id, { from: 'rejected', to: 'published' }, 'key'],
      [id, { from: 'published', to: 'rejected' }, 'user'],
    ]);
    expect(entries[0]!.actor.label).toBe(`${key().slice(0, 10)}…`);
  });

  it('records replies, deletions and Q&A moderation, official answers and accepted answers', async () => {
    const id = await review();
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${id}/reply`, kim.as({ json: { body: 'Thanks!' } }));
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${id}/reply`, kim.as({ json: { body: 'Thanks a lot!' } }));
    await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${id}/reply`, kim.as());
    await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${id}`, kim.as());
    const q = await question();
    await h.call('PATCH', `/v1/admin/stores/store-a/questions/${q}`, kim.as({ json: { status: 'spam' } }));
    await h.call('POST', '/v1/admin/stores/store-a/qa/moderate', kim.as({ json: { ids: [q], status: 'published' } }));
    const official = await h.call('PUT', `/v1/admin/stores/store-a/questions/${q}/answer`, kim.as({ json: { body: 'It does not.' } }));
    await h.call('PUT', `/v1/admin/stores/store-a/questions/${q}/answer`, kim.as({ json: { body: 'It does not shrink.' } }));
    await h.call('PATCH', `/v1/admin/stores/store-a/answers/${official.body.id}`, kim.as({ json: { status: 'rejected' } }));
    await h.call('PATCH', `/v1/admin/stores/store-a/answers/${official.body.id}`, kim.as({ json: { status: 'published' } }));
    await h.call('POST', `/v1/admin/stores/store-a/questions/${q}/accept`, kim.as({ json: { answerId: official.body.id } }));
    await h.call('DELETE', `/v1/admin/stores/store-a/questions/${q}/answer`, kim.as());
    await h.call('DELETE', `/v1/admin/stores/store-a/questions/${q}`, kim.as());
    const entries = (await log()).entries.reverse();
    expect(entries.map((e) => `${e.action} ${e.target?.kind}:${e.target?.id === id ? 'R' : e.target?.id === q ? 'Q' : e.target?.id === official.body.id ? 'A' : e.target?.id}`)).toEqual([
      'reply.create review:R',
      'reply.update review:R',
      'reply.delete review:R',
      'review.delete review:R',
      'question.status question:Q',
      'question.status question:Q',
      'answer.official.create question:Q',
      'answer.official.update question:Q',
      'answer.status answer:A',
      'answer.status answer:A',
      'answer.accept question:Q',
      'answer.official.delete question:Q',
      'question.delete question:Q',
    ]);
    expect(entries[4]!.details).toEqual({ from: 'published', to: 'spam' });
    expect(entries[10]!.details).toEqual({ answerId: official.body.id });
  });

  it("records an erasure by its counts, never the shopper's address", async () => {
    await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ author: { name: 'Fay', email: 'fay@example.com' } }) });
    await h.call('DELETE', '/v1/admin/stores/store-a/authors/fay@example.com', kim.as());
    const entry = await newest();
    expect(entry).toMatchObject({ action: 'author.erase', target: null, details: { deletedReviews: 1 } });
    expect(JSON.stringify(entry)).not.toContain('fay@');
  });

  it('records product changes, order imports and outbox retries', async () => {
    await h.call('PUT', '/v1/admin/stores/store-a/products/tee', kim.as({ json: { name: 'Tee', gtin: '4006381333931' } }));
    await h.call('POST', '/v1/admin/stores/store-a/products', kim.as({ json: [{ id: 'cap', name: 'Cap' }, { id: 'hat', name: 'Hat' }] }));
    await h.call('POST', '/v1/admin/stores/store-a/orders/import', kim.as({ json: [{ id: 'o1', customer: { email: 'a@b.example' }, createdAt: '2026-10-01T00:00:00Z', items: [] }] }));
    await h.call('POST', '/v1/admin/stores/store-a/outbox/retry', kim.as());
    const entries = (await log()).entries.reverse();
    expect(entries.map((e) => [e.action, e.target, e.details])).toEqual([
      ['product.update', { kind: 'product', id: 'tee' }, { fields: ['name', 'gtin'] }],
      ['product.update', null, { products: 2 }],
      ['orders.import', null, { imported: 1, fulfilled: 0, format: 'json' }],
      ['outbox.retry', null, { requeued: 0 }],
    ]);
    expect(JSON.stringify(entries)).not.toContain('a@b.example');
  });

  it('records nothing for a change that fails', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a/reviews/rv_000000000000000000000000', kim.as({ json: { status: 'rejected' } }));
    await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${await review()}`, kim.as({ json: { status: 'bogus' } }));
    await h.call('DELETE', '/v1/admin/stores/store-a/questions/qn_000000000000000000000000/answer', kim.as());
    expect((await log()).entries).toEqual([]);
  });
});

describe('GET /audit', () => {
  it('pages newest first and filters by action and actor', async () => {
    const ids = [await review(), await review(), await review()];
    for (const id of ids) await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${id}`, kim.as({ json: { status: 'spam' } }));
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${ids[0]}/reply`, { key: key(), json: { body: 'Hello' } });
    const first = await log('?limit=2');
    expect(first.entries.map((e) => e.action)).toEqual(['reply.create', 'review.status']);
    const second = await log(`?limit=2&before=${first.nextBefore}`);
    expect(second.entries.map((e) => e.target!.id)).toEqual([ids[1], ids[0]]);
    expect(second.nextBefore).toBeNull();
    expect((await log('?action=reply.create')).entries).toHaveLength(1);
    expect((await log(`?actor=${kimUser.id}`)).entries).toHaveLength(3);
  });

  it("shows one store's log only", async () => {
    await h.call('PATCH', `/v1/admin/stores/store-b/reviews/rv_000000000000000000000000`, { key: h.b.keys.secretKey, json: { status: 'spam' } });
    await h.call('POST', '/v1/admin/stores/store-b/outbox/retry', { key: h.b.keys.secretKey });
    expect((await log()).entries).toEqual([]);
    expect((await h.call('GET', '/v1/admin/stores/store-b/audit', kim.as())).status).toBe(403);
    expect((await h.call('GET', '/v1/admin/stores/store-b/audit', { key: h.b.keys.secretKey })).body.entries.map((e: { action: string }) => e.action)).toEqual(['outbox.retry']);
  });

  it('refuses bad filters with a clear message', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/audit?limit=0', kim.as());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('limit must be an integer from 1 to 200');
    expect((await h.call('GET', '/v1/admin/stores/store-a/audit?before=abc', kim.as())).body.error.message).toContain('before must be an entry seq');
  });

  it('offers no way to change the log', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await h.call(method, '/v1/admin/stores/store-a/audit', kim.as({ json: {} }))).status, method).toBe(404);
    }
  });
});
