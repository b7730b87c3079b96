/** Every merchant route refuses a missing key, a wrong key, another store's key, and a session of another store's member. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser } from '../../../../db/schema';
import { makeReviewInput } from '../../../fixtures/reviews';
import { makeMember, signIn, type TestSession } from '../../../helpers/admin';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let reviewOfB: string;
beforeAll(async () => {
  h = await createHarness();
  reviewOfB = (await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() })).body.id;
});
afterAll(() => h.close());

const routes = (store: string, review: string): Array<[string, string, unknown?]> => [
  ['GET', `/v1/admin/stores/${store}`],
  ['PATCH', `/v1/admin/stores/${store}`, { moderation: 'hold' }],
  ['PUT', `/v1/admin/stores/${store}/products/new-thing`, { name: 'x' }],
  ['POST', `/v1/admin/stores/${store}/products`, [{ id: 'p', name: 'x' }]],
  ['GET', `/v1/admin/stores/${store}/reviews`],
  ['PATCH', `/v1/admin/stores/${store}/reviews/${review}`, { status: 'rejected' }],
  ['POST', `/v1/admin/stores/${store}/reviews/moderate`, { ids: [review], status: 'spam' }],
  ['DELETE', `/v1/admin/stores/${store}/reviews/${review}`],
  ['PUT', `/v1/admin/stores/${store}/reviews/${review}/reply`, { body: 'hi' }],
  ['DELETE', `/v1/admin/stores/${store}/reviews/${review}/reply`],
  ['GET', `/v1/admin/stores/${store}/authors/someone@example.com/export`],
  ['DELETE', `/v1/admin/stores/${store}/authors/someone@example.com`],
  ['POST', `/v1/admin/stores/${store}/orders/import`, [{ id: 'o1', customer: { email: 'a@b.co' }, createdAt: '2026-10-01T00:00:00Z', items: [] }]],
  ['GET', `/v1/admin/stores/${store}/outbox`],
  ['POST', `/v1/admin/stores/${store}/outbox/retry`],
  ['GET', `/v1/admin/stores/${store}/questions`],
  ['GET', `/v1/admin/stores/${store}/answers`],
  ['PATCH', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000`, { status: 'published' }],
  ['PATCH', `/v1/admin/stores/${store}/answers/an_000000000000000000000000`, { status: 'published' }],
  ['POST', `/v1/admin/stores/${store}/qa/moderate`, { ids: ['qn_000000000000000000000000'], status: 'spam' }],
  ['DELETE', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000`],
  ['PUT', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000/answer`, { body: 'x' }],
  ['DELETE', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000/answer`],
  ['POST', `/v1/admin/stores/${store}/questions/qn_000000000000000000000000/accept`, { answerId: null }],
  ['GET', `/v1/admin/stores/${store}/products/tee/content`],
  ['GET', `/v1/admin/stores/${store}/inbox`],
  ['POST', `/v1/admin/stores/${store}/inbox/moderate`, { items: [{ kind: 'review', id: review }], status: 'spam' }],
  ['POST', `/v1/admin/stores/${store}/outbox/em_000000000000000000000000/retry`],
  ['GET', `/v1/admin/stores/${store}/notifications`],
  ['PUT', `/v1/admin/stores/${store}/notifications`, { notify: 'off', lowRatingsAtOnce: false }],
  ['GET', `/v1/admin/stores/${store}/members`],
  ['POST', `/v1/admin/stores/${store}/invites`, { email: 'intruder@example.com', role: 'owner' }],
  ['DELETE', `/v1/admin/stores/${store}/invites/inv_000000000000000000000000`],
  ['PATCH', `/v1/admin/stores/${store}/members/usr_000000000000000000000000`, { role: 'moderator' }],
  ['DELETE', `/v1/admin/stores/${store}/members/usr_000000000000000000000000`],
  ['POST', `/v1/admin/stores/${store}/keys/rotate`],
  ['GET', `/v1/admin/stores/${store}/audit`],
  ['GET', `/v1/admin/stores/${store}/insights`],
];

describe('merchant routes', () => {
  it.each(routes('store-b', 'rv_000000000000000000000000'))('%s %s needs a key', async (method, path, json) => {
    const res = await h.call(method, path, { json });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });

  it.each(routes('store-b', 'rv_000000000000000000000000'))('%s %s refuses an unknown key', async (method, path, json) => {
    const res = await h.call(method, path, { json, key: 'sk_not-a-real-key' });
    expect(res.status).toBe(401);
  });

  it("refuses store A's key on every route of store B, and changes nothing", async () => {
    for (const [method, path, json] of routes('store-b', reviewOfB)) {
      const res = await h.call(method, path, { json, key: h.a.keys.secretKey });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const still = await h.call('GET', '/v1/stores/store-b/products/tee/reviews');
    expect(still.body.reviews.map((r: { id: string }) => r.id)).toEqual([reviewOfB]);
    expect(still.body.reviews[0].reply).toBeNull();
  });

  it("answers NOT_FOUND for store B's review through store A's own routes", async () => {
    const key = h.a.keys.secretKey;
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${reviewOfB}`, { key, json: { status: 'rejected' } })).status).toBe(404);
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/reviews/${reviewOfB}`, { key })).status).toBe(404);
    expect((await h.call('PUT', `/v1/admin/stores/store-a/reviews/${reviewOfB}/reply`, { key, json: { body: 'x' } })).status).toBe(404);
    const bulk = await h.call('POST', '/v1/admin/stores/store-a/reviews/moderate', { key, json: { ids: [reviewOfB], status: 'spam' } });
    expect(bulk.body).toEqual({ updated: [], notFound: [reviewOfB] });
    const list = await h.call('GET', '/v1/admin/stores/store-a/reviews', { key });
    expect(list.body.reviews).toEqual([]);
    expect((await h.call('GET', '/v1/stores/store-b/products/tee/reviews')).body.reviews).toHaveLength(1);
  });

  it('stops accepting a key once it is rotated', async () => {
    const { rotateStoreKeys } = await import('../../../../worker/domain/store-keys');
    const fresh = await createHarness();
    try {
      const old = fresh.a.keys.secretKey;
      const keys = await rotateStoreKeys(fresh.db, 'store-a', fresh.clock.now);
      expect((await fresh.call('GET', '/v1/admin/stores/store-a/reviews', { key: old })).status).toBe(401);
      expect((await fresh.call('GET', '/v1/admin/stores/store-a/reviews', { key: keys.secretKey })).status).toBe(200);
    } finally {
      fresh.close();
    }
  });
});

/**
 * Dashboard sessions: a moderator (or owner) of store A reaches nothing of
 * store B, whichever route, URL spelling or payload; and through A's own URLs,
 * B's ids are simply not found. Checked on the database itself: every row of
 * store B is the same afterwards.
 */
describe('dashboard sessions across stores', () => {
  let s: Harness;
  let moderatorA: TestSession;
  let ownerA: TestSession;
  let reviewB: string;
  let questionB: string;
  let ownerB: AdminUser;
  let inviteB: string;

  beforeAll(async () => {
    s = await createHarness();
    moderatorA = await signIn(s, (await makeMember(s, { store: 'store-a', role: 'moderator' })).email);
    ownerA = await signIn(s, (await makeMember(s, { store: 'store-a', role: 'owner' })).email);
    ownerB = await makeMember(s, { store: 'store-b', role: 'owner' });
    const asB = { key: s.b.keys.secretKey };
    reviewB = (await s.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() })).body.id;
    await s.call('PUT', `/v1/admin/stores/store-b/reviews/${reviewB}/reply`, { ...asB, json: { body: 'From B' } });
    questionB = (await s.call('POST', '/v1/stores/store-b/products/tee/questions', { json: { body: 'Is it warm?', author: { name: 'Q', email: 'q@example.com' } } })).body.id;
    inviteB = (await s.call('POST', '/v1/admin/stores/store-b/invites', { ...asB, json: { email: 'helper@store-b.example', role: 'moderator' } })).body.id;
  });
  afterAll(() => s.close());

  /** Every row that belongs to store B, its reviews or its members, as JSON. */
  async function snapshotOfB(): Promise<string> {
    const tables = await s.db.all<{ name: string; col: string }>(
      sql`SELECT m.name AS name, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name IN ('store_id', 'review_id', 'user_id') ORDER BY m.name, p.name`,
    );
    const members = (await s.db.all<{ user_id: string }>(sql`SELECT user_id FROM store_members WHERE store_id = 'store-b'`)).map((r) => r.user_id);
    const reviews = (await s.db.all<{ id: string }>(sql`SELECT id FROM reviews WHERE store_id = 'store-b'`)).map((r) => r.id);
    const dump: Record<string, unknown> = {
      stores: await s.db.all(sql`SELECT * FROM stores WHERE id = 'store-b'`),
      admin_users: await s.db.all(sql`SELECT * FROM admin_users WHERE id IN (SELECT value FROM json_each(${JSON.stringify(members)}))`),
    };
    for (const { name, col } of tables) {
      const ids = col === 'store_id' ? ['store-b'] : col === 'review_id' ? reviews : members;
      dump[`${name}.${col}`] = await s.db.all(sql.raw(`SELECT * FROM "${name}" WHERE "${col}" IN (SELECT value FROM json_each('${JSON.stringify(ids)}')) ORDER BY rowid`));
    }
    return JSON.stringify(dump);
  }

  const bRoutes = () => routes('store-b', reviewB).map(([method, path, json]) => [method, path.replace('qn_000000000000000000000000', questionB).replace('inv_000000000000000000000000', inviteB).replace('usr_000000000000000000000000', ownerB.id), json] as const);

  it("refuses a moderator and an owner of store A on every route of store B, and changes no row of B", async () => {
    const before = await snapshotOfB();
    for (const who of [moderatorA, ownerA]) {
      for (const [method, path, json] of bRoutes()) {
        const res = await s.call(method, path, who.as({ json }));
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code, `${method} ${path}`).toBe('FORBIDDEN');
      }
    }
    expect(await snapshotOfB()).toBe(before);
  });

  it('refuses whatever spelling of the store in the URL', async () => {
    const before = await snapshotOfB();
    for (const store of ['store%2Db', 'STORE-B', 'store-b%20', '%73tore-b', 'store-b.']) {
      for (const [method, path, json] of routes(store, reviewB)) {
        const res = await s.call(method, path, ownerA.as({ json }));
        expect([400, 403, 404], `${method} ${path}`).toContain(res.status);
      }
    }
    expect(await snapshotOfB()).toBe(before);
  });

  it("finds none of B's reviews, questions, members or invites through A's own URLs, whatever the payload", async () => {
    const before = await snapshotOfB();
    const attempts: Array<[string, string, unknown?]> = [
      ['PATCH', `/v1/admin/stores/store-a/reviews/${reviewB}`, { status: 'spam' }],
      ['POST', '/v1/admin/stores/store-a/reviews/moderate', { ids: [reviewB], status: 'spam' }],
      ['PUT', `/v1/admin/stores/store-a/reviews/${reviewB}/reply`, { body: 'x' }],
      ['DELETE', `/v1/admin/stores/store-a/reviews/${reviewB}/reply`],
      ['DELETE', `/v1/admin/stores/store-a/reviews/${reviewB}`],
      ['PATCH', `/v1/admin/stores/store-a/questions/${questionB}`, { status: 'spam' }],
      ['POST', '/v1/admin/stores/store-a/qa/moderate', { ids: [questionB], status: 'spam' }],
      ['PUT', `/v1/admin/stores/store-a/questions/${questionB}/answer`, { body: 'x' }],
      ['DELETE', `/v1/admin/stores/store-a/questions/${questionB}`],
      ['PATCH', `/v1/admin/stores/store-a/members/${ownerB.id}`, { role: 'moderator' }],
      ['DELETE', `/v1/admin/stores/store-a/members/${ownerB.id}`],
      ['DELETE', `/v1/admin/stores/store-a/invites/${inviteB}`],
      // Fields that name another store are not part of any body: refused, not obeyed.
      ['PATCH', `/v1/admin/stores/store-a/reviews/${reviewB}`, { status: 'spam', storeId: 'store-b' }],
      ['POST', '/v1/admin/stores/store-a/invites', { email: 'x@example.com', role: 'owner', store: 'store-b' }],
    ];
    for (const who of [moderatorA, ownerA]) {
      for (const [method, path, json] of attempts) {
        const res = await s.call(method, path, who.as({ json }));
        // Bulk routes answer 200 and list the ids as not found; every other route refuses.
        if (res.status === 200) expect(res.body.updated, `${method} ${path}`).toEqual([]);
        else expect([400, 403, 404], `${method} ${path}`).toContain(res.status);
      }
    }
    const bulk = await s.call('POST', '/v1/admin/stores/store-a/reviews/moderate', moderatorA.as({ json: { ids: [reviewB], status: 'spam' } }));
    expect(bulk.body).toEqual({ updated: [], notFound: [reviewB] });
    const lists = await Promise.all(['reviews', 'questions', 'audit', 'members'].map((r) => s.call('GET', `/v1/admin/stores/store-a/${r}`, ownerA.as())));
    expect(JSON.stringify(lists.map((l) => l.body))).not.toMatch(new RegExp(`${reviewB}|${questionB}|${ownerB.id}|${inviteB}|helper@store-b`));
    expect(await snapshotOfB()).toBe(before);
  });
});
