/**
 * The scheduler: turns due review requests into outbox emails, then delivers
 * the outbox. One bounded batch per call; safe to run twice at once (the
 * outbox's dedupe key makes enqueueing idempotent and claims make sending
 * exclusive). Called by the Workers Cron Trigger, the Node interval timer and
 * `npm run verity -- scheduler run`.
 */
import type { Db } from '../../db/client';
import { getOrderProducts, isUnsubscribed, reviewedProducts } from '../../db/queries/orders';
import { claimDue, enqueue, markFailed, markSent } from '../../db/queries/outbox';
import { dueReviewRequests, settleRequestQuery, type DueRequest, type RequestChange } from '../../db/queries/review-requests';
import { getStore } from '../../db/queries/stores';
import type { Store } from '../../db/schema';
import { randomId } from '../lib/crypto';
import type { EmailTransport } from '../email/transport';
import { reviewRequestEmail } from '../email/templates';
import { enqueueDigests } from './notifications';
import { signLink, unsubscribeExpiry } from './links';
import { urls } from './urls';
import { DAY_MS } from '../../db/time';
import { buyerLocale, storeBrand } from './branding';
import { emailWording } from './email-wording';


export interface SchedulerOptions {
  now: number;
  /** Where links in emails point, e.g. https://reviews.example.com. */
  baseUrl: string;
  transport: EmailTransport;
  batchSize?: number;
}

export interface SchedulerReport {
  requested: number;
  reminded: number;
  skipped: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Daily digests to store members enqueued on this run. */
  digests: number;
}


export async function runScheduler(db: Db, opts: SchedulerOptions): Promise<SchedulerReport> {
  const report: SchedulerReport = { requested: 0, reminded: 0, skipped: 0, sent: 0, retrying: 0, failed: 0, digests: 0 };
  const limit = opts.batchSize ?? 50;
  const due = await dueReviewRequests(db, opts.now, limit);

  const stores = new Map<string, Store | undefined>();
  for (const row of due) {
    if (!stores.has(row.storeId)) stores.set(row.storeId, await getStore(db, row.storeId));
    const store = stores.get(row.storeId);
    const outcome = store ? await requestOne(db, store, row, opts) : 'skipped';
    report[outcome] += 1;
  }
  // Before delivery, so a digest due now goes out on this run.
  report.digests = await enqueueDigests(db, { now: opts.now, baseUrl: opts.baseUrl, limit });

  for (const message of await claimDue(db, opts.now, limit)) {
    try {
      await opts.transport.send(message);
      await markSent(db, message.id, opts.now);
      report.sent += 1;
    } catch (err) {
      const status = await markFailed(db, message, err instanceof Error ? err.message : String(err), opts.now);
      report[status === 'failed' ? 'failed' : 'retrying'] += 1;
    }
  }
  return report;
}

async function requestOne(db: Db, store: Store, row: DueRequest, opts: SchedulerOptions): Promise<'requested' | 'reminded' | 'skipped'> {
  const reminder = row.reminder === 1;
  const settle = (status: RequestChange['status'], extra: Omit<RequestChange, 'status'> = {}) =>
    settleRequestQuery(db, row.orderId, reminder ? 'sent' : 'scheduled', { status, ...extra });

  const products = await getOrderProducts(db, row.orderId);
  const reviewed = await reviewedProducts(db, store.id, row.externalId, products.map((p) => p.id));
  const open = products.filter((p) => !reviewed.has(p.id));
  if (await isUnsubscribed(db, store.id, row.email)) {
    await settle('suppressed');
    return 'skipped';
  }
  // Request and reminder alike ask only about what is left to review, per product: a reminder for a
  // two-item order with one review asks about the other item, and none goes once all are reviewed.
  if (open.length === 0) {
    await settle(reminder ? 'reminded' : 'sent', reminder ? { reminderAt: null } : { sentAt: opts.now, reminderAt: null });
    return 'skipped';
  }

  const exp = Math.floor((opts.now + store.settings.linkTtlDays * DAY_MS) / 1000);
  const base = opts.baseUrl.replace(/\/$/, '');
  const links = await Promise.all(
    open.map(async (p) => ({
      name: p.name,
      imageUrl: p.imageUrl,
      link: urls.reviewLink(base, await signLink({ kind: 'review', store: store.id, order: row.externalId, product: p.externalId, exp }, store.linkSecret)),
    })),
  );
  const locale = buyerLocale(store, row.locale);
  const unsubscribeToken = await signLink({ kind: 'unsubscribe', store: store.id, email: row.email, exp: unsubscribeExpiry(opts.now) }, store.linkSecret);
  const unsubscribeUrl = urls.withLang(urls.unsubscribe(base, unsubscribeToken), locale);
  const email = reviewRequestEmail({
    locale,
    brand: storeBrand(store),
    customerName: row.name,
    products: links,
    unsubscribeUrl,
    reminder,
    wording: await emailWording(db, store.id, reminder ? 'reminder' : 'request', locale),
  });

  await db.batch([
    enqueue(db, {
      id: randomId('em'),
      storeId: store.id,
      dedupeKey: `${reminder ? 'reminder' : 'request'}:${row.orderId}`,
      toAddress: row.email,
      fromAddress: store.settings.emailFrom,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // RFC 8058 one-click unsubscribe: mail clients POST to the URL.
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      createdAt: opts.now,
    }),
    reminder ? settle('reminded', { remindedAt: opts.now }) : settle('sent', { sentAt: opts.now }),
  ]);
  return reminder ? 'reminded' : 'requested';
}
