import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, MAX_ATTEMPTS } from '../../../../db/queries/outbox';
import type { OutboxMessage } from '../../../../db/schema';
import { runScheduler } from '../../../../worker/domain/review-requests';
import type { EmailTransport } from '../../../../worker/email/transport';
import { randomId } from '../../../../worker/lib/crypto';
import { createHarness, PUBLIC_URL, type Harness } from '../../../helpers/harness';

/** Fails every send while `down`, with the provider's message. */
class FlakyTransport implements EmailTransport {
  readonly name = 'flaky';
  down = true;
  sent: string[] = [];
  async send(m: OutboxMessage) {
    if (this.down) throw new Error('550 mailbox unavailable');
    this.sent.push(m.id);
  }
}

let h: Harness;
let key: string;
let transport: FlakyTransport;
beforeEach(async () => {
  h = await createHarness();
  key = h.a.keys.secretKey;
  transport = new FlakyTransport();
});
afterEach(() => h.close());

async function email(storeId = 'store-a', purpose = 'request'): Promise<string> {
  const id = randomId('em');
  await enqueue(h.db, { id, storeId, dedupeKey: `${purpose}:${id}`, toAddress: `${id}@example.com`, fromAddress: 'r@verity.invalid', subject: 'Hi', text: 't', html: '<p>t</p>', headers: {}, createdAt: h.clock.now });
  h.clock.advance(1000);
  return id;
}

/** Delivery fails until the outbox gives up on the message. */
async function failForGood(...ids: string[]) {
  for (const id of ids) await h.client.execute({ sql: 'UPDATE outbox SET attempts = ? WHERE id = ?', args: [MAX_ATTEMPTS - 1, id] });
  await runScheduler(h.db, { now: h.clock.now, baseUrl: PUBLIC_URL, transport });
}

const list = (query = '') => h.call('GET', `/v1/admin/stores/store-a/outbox${query}`, { key });

describe('GET /v1/admin/stores/:store/outbox', () => {
  it('shows failed emails with the reason and what they were for', async () => {
    const failing = await email('store-a', 'notify');
    await failForGood(failing);
    const res = await list('?status=failed');
    expect(res.status).toBe(200);
    expect(res.body.emails).toEqual([expect.objectContaining({ id: failing, status: 'failed', purpose: 'notify', attempts: MAX_ATTEMPTS, lastError: '550 mailbox unavailable', nextAttemptAt: null })]);
  });

  it('pages newest first with a cursor', async () => {
    const ids = [await email(), await email(), await email()];
    const first = await list('?limit=2');
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.emails, ...second.body.emails].map((e: { id: string }) => e.id)).toEqual(ids.reverse());
    expect(second.body.nextCursor).toBeNull();
    expect((await list('?cursor=bogus')).body.error.code).toBe('INVALID_CURSOR');
  });
});

describe('POST /v1/admin/stores/:store/outbox/:id/retry', () => {
  it('queues one failed email again, records it, and the scheduler then delivers it', async () => {
    const failing = await email();
    const other = await email();
    await failForGood(failing, other);

    h.clock.advance(60_000);
    const res = await h.call('POST', `/v1/admin/stores/store-a/outbox/${failing}/retry`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: failing, status: 'queued' });
    const queued = (await list('?status=queued')).body.emails;
    expect(queued).toEqual([expect.objectContaining({ id: failing, attempts: 0, nextAttemptAt: new Date(h.clock.now).toISOString() })]);
    expect((await list('?status=failed')).body.emails.map((e: { id: string }) => e.id)).toEqual([other]);

    const audit = await h.client.execute("SELECT action, target_kind, target_id FROM audit_log WHERE store_id = 'store-a'");
    expect(audit.rows.map((r) => [r.action, r.target_kind, r.target_id])).toEqual([['outbox.retry', 'email', failing]]);

    transport.down = false;
    await runScheduler(h.db, { now: h.clock.now, baseUrl: PUBLIC_URL, transport });
    expect(transport.sent).toEqual([failing]);
  });

  it('refuses an email that has not failed, an unknown one, and one of another store, changing nothing', async () => {
    const queued = await email();
    const theirs = await email('store-b');
    await failForGood(theirs);
    const retry = (id: string) => h.call('POST', `/v1/admin/stores/store-a/outbox/${id}/retry`, { key });

    const notFailed = await retry(queued);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error).toMatchObject({ code: 'CONFLICT', message: 'only a failed email can be retried; this one is queued' });
    expect((await retry(theirs)).status).toBe(404);
    expect((await retry('em_000000000000000000000000')).status).toBe(404);
    expect((await retry('not-an-id')).body.error.message).toMatch(/email id/);
    const inB = await h.call('GET', '/v1/admin/stores/store-b/outbox?status=failed', { key: h.b.keys.secretKey });
    expect(inB.body.emails.map((e: { id: string }) => e.id)).toEqual([theirs]);
    expect((await h.client.execute('SELECT count(*) AS n FROM audit_log')).rows[0]!.n).toBe(0);
  });
});
