import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScheduler } from '../../../../worker/domain/review-requests';
import { makeReviewInput } from '../../../fixtures/reviews';
import { makeMember, signIn } from '../../../helpers/admin';
import { createHarness, PUBLIC_URL, type Harness } from '../../../helpers/harness';
import { RecordingTransport } from '../../../helpers/transport';

const DAY = 24 * 60 * 60 * 1000;

let h: Harness;
let transport: RecordingTransport;
beforeEach(async () => {
  h = await createHarness();
  transport = new RecordingTransport();
});
afterEach(() => h.close());

async function member(id: string, notify: 'each' | 'digest' | 'off', lowRatingsAtOnce = false, store = 'store-a') {
  await h.client.execute({
    sql: "INSERT OR IGNORE INTO admin_users (id, email, name, password_hash, password_changed_at, created_at) VALUES (?, ?, ?, 'x', 0, ?)",
    args: [id, `${id}@staff.example`, id, h.clock.now],
  });
  await h.client.execute({
    sql: 'INSERT INTO store_members (store_id, user_id, role, notify, notify_low_ratings_at_once, digest_covered_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [store, id, 'moderator', notify, lowRatingsAtOnce ? 1 : 0, notify === 'digest' ? h.clock.now : null, h.clock.now],
  });
}

const outboxTo = async () =>
  (await h.client.execute("SELECT to_address, subject, text FROM outbox WHERE dedupe_key LIKE 'notify:%' OR dedupe_key LIKE 'digest:%' ORDER BY created_at, to_address")).rows.map(
    (r) => [String(r.to_address), String(r.subject)],
  );

async function review(rating: number) {
  const res = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ rating, body: `Rated ${rating}` }) });
  h.clock.advance(1000);
  return res.body;
}

describe('notifications of new content', () => {
  it('emails each-mode members at once, digest members with low ratings at once if they asked, and publishes the same either way', async () => {
    await member('each', 'each');
    await member('digest', 'digest');
    await member('hurry', 'digest', true);
    await member('quiet', 'off');
    await member('other-store', 'each', false, 'store-b');

    const five = await review(5);
    expect(await outboxTo()).toEqual([['each@staff.example', 'Store store-a: new 5-star review of store-a tee']]);
    const one = await review(1);
    expect((await outboxTo()).slice(1)).toEqual([
      ['each@staff.example', 'Store store-a: new 1-star review of store-a tee'],
      ['hurry@staff.example', 'Store store-a: new 1-star review of store-a tee'],
    ]);
    expect([five.status, one.status]).toEqual(['published', 'published']);

    await h.call('POST', '/v1/stores/store-a/products/mug/questions', { json: { body: 'Dishwasher safe?', author: { name: 'Q', email: 'q@example.com' } } });
    expect((await outboxTo()).at(-1)).toEqual(['each@staff.example', 'Store store-a: new question about store-a mug']);
  });

  it('tells nobody of spam (a honeypot or a blocked writer)', async () => {
    await member('each', 'each');
    await h.call('PATCH', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey, json: { blockList: ['troll@example.com'] } });
    await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ website: 'http://spam.example' }) });
    await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ author: { name: 'T', email: 'troll@example.com' } }) });
    expect(await outboxTo()).toEqual([]);
  });

  it('sends a daily digest through the scheduler with what arrived since the last one, and nothing when nothing did', async () => {
    await member('digest', 'digest');
    h.clock.advance(1000);
    await review(4);
    await h.call('POST', '/v1/stores/store-a/products/mug/questions', { json: { body: 'Dishwasher safe?', author: { name: 'Q', email: 'q@example.com' } } });
    const run = () => runScheduler(h.db, { now: h.clock.now, baseUrl: PUBLIC_URL, transport });
    // The scheduler also delivers the authors' edit links; this is about the staff's digest.
    const toStaff = () => transport.sent.filter((m) => m.toAddress === 'digest@staff.example');

    expect((await run()).digests).toBe(0);
    h.clock.advance(DAY);
    expect((await run()).digests).toBe(1);
    expect(toStaff().map((m) => [m.toAddress, m.subject])).toEqual([['digest@staff.example', 'Store store-a: 2 new items today (1 review, 1 question)']]);
    expect(toStaff()[0]!.text).toContain('Dishwasher safe?');
    expect(toStaff()[0]!.text).toContain('http://localhost/admin');
    expect((await run()).digests).toBe(0);

    h.clock.advance(DAY);
    expect((await run()).digests).toBe(0);
    await review(2);
    h.clock.advance(DAY);
    expect((await run()).digests).toBe(1);
    expect(toStaff().at(-1)!.subject).toBe('Store store-a: 1 new item today (1 review, 0 questions)');
  });
});

describe('GET/PUT /v1/admin/stores/:store/notifications', () => {
  it('refuses the secret key: notifications belong to a person', async () => {
    for (const method of ['GET', 'PUT']) {
      const res = await h.call(method, '/v1/admin/stores/store-a/notifications', { key: h.a.keys.secretKey, json: method === 'PUT' ? { notify: 'off', lowRatingsAtOnce: false } : undefined });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/notifications belong to a signed-in user/) });
    }
  });

  it("reads and saves the signed-in member's own choice; turning the digest on starts it now", async () => {
    // A signed-in moderator of store-a, through the real sign-in route and session.
    const mod = await makeMember(h, { store: 'store-a', role: 'moderator', email: 'mod@staff.example' });
    const session = await signIn(h, 'mod@staff.example');
    const call = async (method: string, json?: unknown) => {
      const res = await h.call(method, '/v1/admin/stores/store-a/notifications', session.as({ json }));
      return { status: res.status, body: res.body };
    };

    expect(await call('GET')).toEqual({ status: 200, body: { notify: 'each', lowRatingsAtOnce: false } });
    h.clock.advance(5 * DAY);
    expect(await call('PUT', { notify: 'digest', lowRatingsAtOnce: true })).toEqual({ status: 200, body: { notify: 'digest', lowRatingsAtOnce: true } });
    const row = await h.client.execute({ sql: 'SELECT digest_covered_until FROM store_members WHERE user_id = ?', args: [mod.id] });
    expect(row.rows[0]!.digest_covered_until).toBe(h.clock.now);
    const bad = await call('PUT', { notify: 'hourly', lowRatingsAtOnce: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/notify must be one of each, digest, off/);
    expect((await call('GET')).body).toEqual({ notify: 'digest', lowRatingsAtOnce: true });
  });
});
