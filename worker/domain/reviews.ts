/** Writing a review, however it arrives (the public API, or a buyer's signed link), and the store's reply. */
import { normalizeEmail } from '../../db/email';
import { enqueueQuery } from '../../db/queries/outbox';
import { insertReviewQuery, reviewValues, upsertReply, type NewReview } from '../../db/queries/reviews';
import { bound, writeBatch } from '../../db/queries/write-batch';
import type { Product, ReviewReply, ReviewStatus } from '../../db/schema';
import type { DomainContext, WriteContext } from './context';
import { randomId } from '../lib/crypto';
import { ApiError } from '../errors';
import { renderMarkdown } from './markdown';
import { decideWrite } from './moderation-policy';
import { newContentEmails } from './notifications';
import { editLinkMessage } from './author-edits';
import { attachUploads, checkAttachable } from '../media/attach';

export interface ReviewSubmission {
  rating: number;
  title?: string;
  body: string;
  authorName: string;
  authorEmail: string;
  locale?: string;
  /** The order that proves the purchase (external id), for reviews written through a link. */
  orderId?: string;
  /** Filled honeypot field: kept for the merchant as spam, never published. */
  likelyBot?: boolean;
  /** Upload ids to attach (worker/media/attach.ts). */
  media?: string[];
}

export async function submitReview(ctx: WriteContext, product: Product, input: ReviewSubmission): Promise<{ id: string; status: ReviewStatus }> {
  const { db, store, now } = ctx;
  const verified = input.orderId !== undefined;
  if (!verified && !store.settings.acceptUnverified) {
    throw new ApiError('FORBIDDEN', 'this store publishes only verified reviews: write yours through the link in your review request email');
  }
  const bodyHtml = renderMarkdown(input.body, { field: 'body' });
  const media = input.media ?? [];
  await checkAttachable(db, store, media);
  // The rating is not among what decides: see domain/moderation-policy.ts.
  const decision = await decideWrite(ctx, { kind: 'review', authorEmail: input.authorEmail, text: [input.title, input.body, input.authorName], likelyBot: input.likelyBot });
  const id = randomId('rv');
  const row: NewReview = {
    storeId: store.id,
    productId: product.id,
    rating: input.rating,
    title: input.title || null,
    body: input.body,
    bodyHtml,
    authorName: input.authorName,
    authorEmail: normalizeEmail(input.authorEmail),
    authorAddress: decision.authorAddress,
    verified,
    orderId: input.orderId ?? null,
    status: decision.status,
    locale: input.locale ?? null,
    now,
  };
  // Made before the INSERT, so the review and its emails commit in one transaction, or none of them does.
  const emails =
    row.status === 'spam'
      ? []
      : [
          ...(await newContentEmails(ctx, { kind: 'review', id, productName: product.name, authorName: row.authorName, rating: row.rating, body: row.body, status: row.status })),
          // The author's way to change or take down what they wrote (domain/author-edits.ts); never to a trapped bot.
          await editLinkMessage(ctx, { id, editedAt: null, authorEmail: row.authorEmail, authorName: row.authorName, locale: row.locale }, product.name, 'written'),
        ];
  const enqueued = emails.map((m) => bound(enqueueQuery(db), m));
  try {
    if (media.length === 0) {
      await writeBatch(db, [bound(insertReviewQuery(db), reviewValues(id, row)), ...enqueued]);
    } else {
      // Uploads are taken after the review exists; a lost race for one is refused before any email goes out.
      await insertReviewQuery(db).execute(reviewValues(id, row));
      await attachUploads(db, store, id, media);
      if (enqueued.length > 0) await writeBatch(db, enqueued);
    }
  } catch (err) {
    if (verified && isOrderProductConflict(err)) {
      throw new ApiError('LINK_USED', 'this order already has a review of this product; thank you!');
    }
    throw err;
  }
  // A bot or a blocked writer is told what a held review would be told, so it learns nothing about the trap.
  return { id, status: row.status === 'spam' ? 'pending' : row.status };
}

/** Writes or replaces the store's public reply to one of its reviews, rendered like every other Markdown. */
export async function replyToReview(ctx: Pick<DomainContext, 'db' | 'now'>, reviewId: string, body: string): Promise<ReviewReply> {
  return upsertReply(ctx.db, reviewId, { body, bodyHtml: renderMarkdown(body, { field: 'body' }) }, ctx.now);
}

/** drizzle wraps the driver's error; the constraint's name is in the cause chain. */
function isOrderProductConflict(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed: reviews\.order_id/.test(e.message)) return true;
  }
  return false;
}
