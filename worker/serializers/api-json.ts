/** Database rows to API shapes, in one place: what is private stays here. */
import type { PublicReviewWithReply, ReviewWithProduct } from '../../db/queries/reviews';
import type { QuestionWithAnswers } from '../../db/queries/questions';
import type { Answer, Question, ReviewReply } from '../../db/schema';
import type { mediaJson } from '../media/json';
import { verificationOf } from '../domain/import/vendors';

const iso = (ms: number) => new Date(ms).toISOString();

export function replyJson(reply: ReviewReply | null) {
  return reply && { body: reply.body, bodyHtml: reply.bodyHtml, createdAt: iso(reply.createdAt), updatedAt: iso(reply.updatedAt) };
}

/** A media item as the API shows it (worker/media/json.ts builds them: they need the public URL). */
type MediaJson = ReturnType<typeof mediaJson>;

/** What anyone may see of a published review: never the author's email or the order. `media` is the visible media, when the caller loaded it. */
export function publicReviewJson(r: PublicReviewWithReply & { media?: MediaJson[] }) {
  return {
    id: r.id,
    rating: r.rating,
    title: r.title,
    body: r.body,
    bodyHtml: r.bodyHtml,
    author: { name: r.authorName },
    verified: r.verified,
    verification: verificationOf(r),
    locale: r.locale,
    createdAt: iso(r.createdAt),
    helpfulCount: r.helpfulCount,
    unhelpfulCount: r.unhelpfulCount,
    reply: replyJson(r.reply),
    editedAt: r.editedAt === null ? null : iso(r.editedAt),
    media: r.media ?? [],
    source: r.source,
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

export function answerJson(a: Answer, acceptedId: string | null) {
  return {
    id: a.id,
    body: a.body,
    bodyHtml: a.bodyHtml,
    author: { name: a.authorName },
    kind: a.kind,
    verified: a.kind === 'owner',
    accepted: a.id === acceptedId,
    helpfulCount: a.helpfulCount,
    createdAt: iso(a.createdAt),
  };
}

export function questionJson(q: QuestionWithAnswers, productExternalId: string, url: string) {
  return {
    id: q.id,
    product: productExternalId,
    body: q.body,
    bodyHtml: q.bodyHtml,
    author: { name: q.authorName },
    answerCount: q.answerCount,
    acceptedAnswerId: q.acceptedAnswerId,
    createdAt: iso(q.createdAt),
    url,
    answers: q.answers.map((a) => answerJson(a, q.acceptedAnswerId)),
  };
}

/** Merchant views add status, private emails and report counts. */
export function adminQuestionJson(q: Question & { productExternalId: string }) {
  return {
    id: q.id,
    product: q.productExternalId,
    body: q.body,
    bodyHtml: q.bodyHtml,
    author: { name: q.authorName, email: q.authorEmail },
    status: q.status,
    answerCount: q.answerCount,
    acceptedAnswerId: q.acceptedAnswerId,
    reportCount: q.reportCount,
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
  };
}

export function adminAnswerJson(a: Answer) {
  return {
    id: a.id,
    questionId: a.questionId,
    body: a.body,
    bodyHtml: a.bodyHtml,
    author: { name: a.authorName, email: a.authorEmail },
    kind: a.kind,
    orderId: a.orderId,
    status: a.status,
    helpfulCount: a.helpfulCount,
    reportCount: a.reportCount,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}
