/** Database rows to API shapes, in one place: what is private stays here. */
import type { ReviewWithProduct, ReviewWithReply } from '../db/queries/reviews';
import type { ReviewReply } from '../db/schema';

const iso = (ms: number) => new Date(ms).toISOString();

export function replyJson(reply: ReviewReply | null) {
  return reply && { body: reply.body, bodyHtml: reply.bodyHtml, createdAt: iso(reply.createdAt), updatedAt: iso(reply.updatedAt) };
}

/** What anyone may see of a published review: never the author's email or the order. */
export function publicReviewJson(r: ReviewWithReply) {
  return {
    id: r.id,
    rating: r.rating,
    title: r.title,
    body: r.body,
    bodyHtml: r.bodyHtml,
    author: { name: r.authorName },
    verified: r.verified,
    verification: r.verified ? ('order' as const) : null,
    locale: r.locale,
    createdAt: iso(r.createdAt),
    helpfulCount: r.helpfulCount,
    unhelpfulCount: r.unhelpfulCount,
    reply: replyJson(r.reply),
  };
}

/** The merchant's view adds status, the private email, the order and reports. */
export function adminReviewJson(r: ReviewWithProduct) {
  return {
    ...publicReviewJson(r),
    product: r.productExternalId,
    status: r.status,
    author: { name: r.authorName, email: r.authorEmail },
    orderId: r.orderId,
    reportCount: r.reportCount,
    updatedAt: iso(r.updatedAt),
  };
}
