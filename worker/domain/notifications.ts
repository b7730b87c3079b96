/**
 * Telling a store's people about new reviews and questions, by email through
 * the outbox: at once (`each`), or once a day (`digest`, sent by the
 * scheduler). A member may ask to hear of 1–2 star reviews at once whatever
 * their mode, to answer quickly; that changes who is emailed when, never
 * what is published (domain/moderation-policy.ts has no rating to read).
 */
import type { Db } from '../../db/client';
import { advanceDigestQuery, contentBetween, dueDigests, membersToNotify, type MemberToNotify } from '../../db/queries/notifications';
import { enqueue, type NewOutboxMessage } from '../../db/queries/outbox';
import { getStore } from '../../db/queries/stores';
import type { Store } from '../../db/schema';
import { DAY_MS } from '../../db/time';
import { digestEmail, newContentEmail, type ContentSummary } from '../email/notification-templates';
import { randomId } from '../lib/crypto';
import type { DomainContext } from './context';
import { urls } from './urls';

/** Ratings at or below this are "low" for `lowRatingsAtOnce`. */
export const LOW_RATING = 2;
/** Items listed in one digest; the rest are counted. */
const DIGEST_ITEMS = 50;


export interface NewContent extends ContentSummary {
  id: string;
}

/** Whether this member is emailed about this item as it arrives (the digest covers it either way). */
export function emailsAtOnce(member: Pick<MemberToNotify, 'notify' | 'lowRatingsAtOnce'>, item: Pick<NewContent, 'kind' | 'rating'>): boolean {
  if (member.notify === 'each') return true;
  return member.lowRatingsAtOnce && item.kind === 'review' && item.rating != null && item.rating <= LOW_RATING;
}

/** Enqueues the at-once emails for a new item; returns how many. */
export async function notifyNewContent(ctx: DomainContext, item: NewContent): Promise<number> {
  const messages = await newContentEmails(ctx, item);
  const [first, ...rest] = messages.map((m) => enqueue(ctx.db, m));
  if (first) await ctx.db.batch([first, ...rest]);
  return messages.length;
}

/** The at-once emails for a new item, for a write to enqueue in its own batch (domain/reviews.ts). */
export async function newContentEmails(ctx: DomainContext, item: NewContent): Promise<NewOutboxMessage[]> {
  const members = (await membersToNotify(ctx.db, ctx.store.id)).filter((m) => emailsAtOnce(m, item));
  if (members.length === 0) return [];
  const email = newContentEmail({ storeName: ctx.store.name, item, dashboardUrl: urls.admin(ctx.baseUrl) });
  return members.map((m) => ({
    id: randomId('em'),
    storeId: ctx.store.id,
    dedupeKey: `notify:${item.id}:${m.userId}`,
    toAddress: m.email,
    fromAddress: ctx.store.settings.emailFrom,
    ...email,
    headers: {},
    createdAt: ctx.now,
  }));
}

/**
 * Enqueues the digests that are due (a day after the last one covered), each
 * with what was written since. A member with nothing new gets no email, and
 * their digest moves on all the same. Idempotent: the dedupe key is the
 * period's start, and the period moves on in the same batch.
 */
export async function enqueueDigests(db: Db, opts: { now: number; baseUrl: string; limit: number }): Promise<number> {
  const stores = new Map<string, Store | undefined>();
  let sent = 0;
  for (const due of await dueDigests(db, opts.now - DAY_MS, opts.limit)) {
    if (!stores.has(due.storeId)) stores.set(due.storeId, await getStore(db, due.storeId));
    const store = stores.get(due.storeId);
    if (!store) continue;
    const { rows, total } = await contentBetween(db, store.id, due.from, opts.now, DIGEST_ITEMS);
    const advance = advanceDigestQuery(db, due, opts.now);
    if (total === 0) {
      await advance;
      continue;
    }
    const email = digestEmail({ storeName: store.name, items: rows, total, dashboardUrl: urls.admin(opts.baseUrl.replace(/\/$/, '')) });
    await db.batch([
      enqueue(db, {
        id: randomId('em'),
        storeId: store.id,
        dedupeKey: `digest:${store.id}:${due.userId}:${due.from}`,
        toAddress: due.email,
        fromAddress: store.settings.emailFrom,
        ...email,
        headers: {},
        createdAt: opts.now,
      }),
      advance,
    ]);
    sent += 1;
  }
  return sent;
}
