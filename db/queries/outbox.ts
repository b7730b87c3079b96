/**
 * The email outbox. Sending is claim, send, settle: a claim is one UPDATE …
 * RETURNING, so two schedulers running at once never hold the same message,
 * and a claim that dies mid-send expires (its lease) and is retried.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox, type OutboxMessage, type OutboxStatus } from '../schema';
import { keysetPage, keysetQuery, type Keyset } from './keyset';
import { prepared } from './prepared';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60 * 1000;

/** 1 min, 2, 4, … capped at 6 h: a provider outage of a day loses nothing. */
export const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);

export type NewOutboxMessage = Omit<OutboxMessage, 'status' | 'attempts' | 'nextAttemptAt' | 'leaseUntil' | 'lastError' | 'sentAt'>;

export function enqueue(db: Db, message: NewOutboxMessage) {
  return db
    .insert(outbox)
    .values({ ...message, status: 'queued', attempts: 0, nextAttemptAt: message.createdAt })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

/**
 * {@link enqueue} built once, for the emails a public write causes (the
 * edit link of every review): run it with the message, alone or in the
 * write's batch (db/queries/write-batch.ts). An INSERT's placeholders keep
 * their columns' encoding, so the values are the message as it is.
 */
export const enqueueQuery = (db: Db) =>
  prepared(db, 'enqueue-email', (d) =>
    d
      .insert(outbox)
      .values({
        id: sql.placeholder('id'),
        storeId: sql.placeholder('storeId'),
        dedupeKey: sql.placeholder('dedupeKey'),
        toAddress: sql.placeholder('toAddress'),
        fromAddress: sql.placeholder('fromAddress'),
        subject: sql.placeholder('subject'),
        text: sql.placeholder('text'),
        html: sql.placeholder('html'),
        headers: sql.placeholder('headers'),
        status: 'queued',
        attempts: 0,
        nextAttemptAt: sql.placeholder('createdAt'),
        createdAt: sql.placeholder('createdAt'),
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .prepare(),
  );

export async function claimDue(db: Db, now: number, limit: number): Promise<OutboxMessage[]> {
  return db.all<OutboxMessage>(sql`
    UPDATE outbox SET status = 'sending', lease_until = ${now + LEASE_MS}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE (status = 'queued' AND next_attempt_at <= ${now}) OR (status = 'sending' AND lease_until <= ${now})
      ORDER BY next_attempt_at LIMIT ${limit})
    RETURNING id, store_id AS storeId, dedupe_key AS dedupeKey, to_address AS toAddress, from_address AS fromAddress,
      subject, text, html, json(headers) AS headers, status, attempts, next_attempt_at AS nextAttemptAt,
      lease_until AS leaseUntil, last_error AS lastError, created_at AS createdAt, sent_at AS sentAt`).then((rows) =>
    rows.map((r) => ({ ...r, headers: typeof r.headers === 'string' ? (JSON.parse(r.headers) as Record<string, string>) : r.headers })),
  );
}

export async function markSent(db: Db, id: string, now: number): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, leaseUntil: null, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export async function markFailed(db: Db, message: OutboxMessage, error: string, now: number): Promise<OutboxStatus> {
  const status: OutboxStatus = message.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued';
  await db
    .update(outbox)
    .set({ status, nextAttemptAt: now + backoffMs(message.attempts), leaseUntil: null, lastError: error.slice(0, 500) })
    .where(and(eq(outbox.id, message.id), eq(outbox.status, 'sending')));
  return status;
}

const outboxNewestFirst: Keyset<{ createdAt: number; id: string }> = {
  name: 'outbox',
  parts: [
    { column: outbox.createdAt, direction: 'desc' },
    { column: outbox.id, direction: 'desc' },
  ],
  key: (m) => [m.createdAt, m.id],
};

/** A store's emails newest first, keyset-paged by (created_at, id). */
export async function listOutbox(db: Db, storeId: string, status: OutboxStatus | undefined, limit: number, cursor?: string) {
  const page = keysetQuery(outboxNewestFirst, cursor, limit);
  const rows = await db
    .select({
      id: outbox.id,
      dedupeKey: outbox.dedupeKey,
      to: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(and(eq(outbox.storeId, storeId), status ? eq(outbox.status, status) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return keysetPage(outboxNewestFirst, rows, limit);
}

/**
 * Puts one failed message of the store back in the queue with fresh
 * attempts. `not_failed` carries its status: only a failed email is retried
 * by hand, the others are the scheduler's.
 */
export async function retryOne(db: Db, storeId: string, id: string, now: number): Promise<{ outcome: 'requeued' } | { outcome: 'not_found' } | { outcome: 'not_failed'; status: OutboxStatus }> {
  const mine = and(eq(outbox.storeId, storeId), eq(outbox.id, id));
  const [updated, found] = await db.batch([
    db.update(outbox).set({ status: 'queued', attempts: 0, nextAttemptAt: now }).where(and(mine, eq(outbox.status, 'failed'))).returning({ id: outbox.id }),
    db.select({ status: outbox.status }).from(outbox).where(mine),
  ]);
  if (updated.length > 0) return { outcome: 'requeued' };
  const row = found[0];
  return row ? { outcome: 'not_failed', status: row.status } : { outcome: 'not_found' };
}

/** Puts failed messages of a store back in the queue, e.g. after fixing the email provider's key. */
export async function retryFailed(db: Db, storeId: string, now: number): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.storeId, storeId), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  return rows.length;
}

