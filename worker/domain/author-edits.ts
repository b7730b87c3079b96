/**
 * Authors own their words: a reviewer edits or deletes their review through a
 * signed link emailed to the address they wrote it with (no account). The
 * store can moderate a review and reply to it, never change its rating or
 * text (http/authors-words.ts); only these functions write a review's words
 * after it is created.
 */
import { buyerLocale, storeBrand } from './branding';
import { auditInsert, type Actor } from '../../db/queries/audit';
import { reviewsByAuthor, saveAuthorEdit, type AuthorReview } from '../../db/queries/author-edits';
import { enqueueQuery, type NewOutboxMessage } from '../../db/queries/outbox';
import { deleteReview } from '../../db/queries/reviews';
import type { Review, ReviewStatus } from '../../db/schema';
import { DAY_MS } from '../../db/time';
import { editLinkEmail } from '../email/author-templates';
import { ApiError } from '../errors';
import { randomId } from '../lib/crypto';
import type { DomainContext, WriteContext } from './context';
import { editExpiry, signLink } from './links';
import { renderMarkdown } from './markdown';
import { decideWrite } from './moderation-policy';
import { urls } from './urls';

/** The version an edit link is bound to: the review's last edit, 0 before any. */
export const reviewVersion = (review: Pick<Review, 'editedAt'>) => review.editedAt ?? 0;

/** The audit log's actor for an author: the review they hold a link to, never their address. */
const authorActor = (reviewId: string): Actor => ({ kind: 'author', id: reviewId, label: 'the review’s author' });

/** A signed edit link for the review as it is now. */
export async function editToken(ctx: Pick<DomainContext, 'store' | 'now'>, review: Pick<Review, 'id' | 'editedAt'>): Promise<string> {
  return signLink({ kind: 'edit', store: ctx.store.id, review: review.id, v: reviewVersion(review), exp: editExpiry(ctx.now) }, ctx.store.linkSecret);
}

/**
 * Queues "Your review of X — edit or delete it" to the review's author.
 * `dedupe` names the occasion, so the same occasion never sends twice (a
 * repeated request for links within a day sends one email per review).
 */
export async function sendEditLink(ctx: DomainContext, review: EditLinkReview, productName: string, dedupe: string): Promise<void> {
  await enqueueQuery(ctx.db).execute(await editLinkMessage(ctx, review, productName, dedupe));
}

type EditLinkReview = Pick<Review, 'id' | 'editedAt' | 'authorEmail' | 'authorName' | 'locale'>;

/** The email {@link sendEditLink} queues, for a write that enqueues it in its own batch (domain/reviews.ts). */
export async function editLinkMessage(ctx: DomainContext, review: EditLinkReview, productName: string, dedupe: string): Promise<NewOutboxMessage> {
  const token = await editToken(ctx, review);
  const email = editLinkEmail({
    storeName: ctx.store.name,
    productName,
    authorName: review.authorName,
    editUrl: urls.editLink(ctx.baseUrl, token),
    edited: review.editedAt !== null,
    // The language the review was written in (the form's or the order's), else the store's.
    locale: buyerLocale(ctx.store, review.locale),
    brand: storeBrand(ctx.store),
  });
  return {
    id: randomId('em'),
    storeId: ctx.store.id,
    dedupeKey: `edit:${review.id}:${reviewVersion(review)}:${dedupe}`,
    toAddress: review.authorEmail,
    fromAddress: ctx.store.settings.emailFrom,
    ...email,
    headers: {},
    createdAt: ctx.now,
  };
}

/**
 * Emails an edit link for each review written from `email` in this store
 * (or only `reviewId`, if it is one of them). The caller answers the same
 * whether anything was sent: who wrote what is not for whoever asks.
 */
export async function requestEditLinks(ctx: DomainContext, email: string, reviewId?: string): Promise<void> {
  const day = Math.floor(ctx.now / DAY_MS);
  for (const review of await reviewsByAuthor(ctx.db, ctx.store.id, email, reviewId)) {
    await sendEditLink(ctx, review, review.product.name, `asked-${day}`);
  }
}

export interface AuthorEdit {
  rating: number;
  title?: string;
  body: string;
}

/**
 * Saves the author's new rating and words. The review keeps its verified
 * flag and order; it is moderated again by the store's policy, exactly as a
 * new review would be (a store that holds reviews gets it back as pending),
 * except that one the store rejected or filed as spam stays so: editing is
 * not a way around the store's decision. The statistics triggers move the
 * summary; a fresh link is emailed, since the one used stops working.
 */
export async function editByAuthor(ctx: WriteContext, review: AuthorReview, version: number, input: AuthorEdit): Promise<{ status: ReviewStatus; review: Review }> {
  const bodyHtml = renderMarkdown(input.body, { field: 'body' });
  const title = input.title || null;
  // The rating is not among what decides: see domain/moderation-policy.ts.
  const decision = await decideWrite(ctx, { kind: 'review', authorEmail: review.authorEmail, text: [title, input.body, review.authorName] });
  const status = review.status === 'rejected' || review.status === 'spam' ? review.status : decision.status;
  const saved = await saveAuthorEdit(ctx.db, ctx.store.id, review.id, version, { rating: input.rating, title, body: input.body, bodyHtml, status }, ctx.now);
  if (!saved) throw new ApiError('LINK_USED', 'this review was changed through a newer link; use the link in the newest email');
  await auditInsert(ctx.db, {
    storeId: ctx.store.id,
    actor: authorActor(review.id),
    action: 'review.edit',
    target: { kind: 'review', id: review.id },
    details: { rating: { from: review.rating, to: saved.rating }, status: { from: review.status, to: saved.status } },
    at: ctx.now,
  });
  await sendEditLink(ctx, saved, review.product.name, 'edited');
  // A bot or a blocked writer is told what a held review would be told (as in submitReview).
  return { status: saved.status === 'spam' ? 'pending' : saved.status, review: saved };
}

/** Deletes the review for its author, with its votes, reports and reply (foreign keys); the statistics follow (trigger). */
export async function deleteByAuthor(ctx: DomainContext, review: Pick<Review, 'id'>): Promise<void> {
  // media: deleted by the media helper's hook on review deletion, once merged (see issue 15, photos).
  if (!(await deleteReview(ctx.db, ctx.store.id, review.id))) throw new ApiError('LINK_USED', 'this review has already been deleted');
  await auditInsert(ctx.db, { storeId: ctx.store.id, actor: authorActor(review.id), action: 'review.delete', target: { kind: 'review', id: review.id }, at: ctx.now });
}
