/**
 * The rules of Q&A that span several queries: asking, answering, and the
 * emails that follow publication (past buyers are asked once when a question
 * is first published; the asker hears of each published answer once).
 * Emails are only enqueued here; the scheduler delivers them.
 */
import { ApiError } from '../errors';
import { enqueue } from '../../db/queries/outbox';
import { getProductById } from '../../db/queries/products';
import {
  claimBuyersAsk,
  getAnswer,
  getOfficialAnswer,
  getQuestion,
  insertAnswer,
  insertQuestion,
  recentBuyers,
  updateAnswerBody,
  updateStatus,
} from '../../db/queries/questions';
import { isUnsubscribed } from '../../db/queries/orders';
import type { Answer, AnswerKind, Product, Question, ReviewStatus } from '../../db/schema';
import { randomId } from '../lib/crypto';
import { answeredEmail, askBuyerEmail } from '../email/templates';
import { buyerLocale, storeBrand } from './branding';
import { emailWording } from './email-wording';
import { signLink, unsubscribeExpiry } from './links';
import { renderMarkdown } from './markdown';
import { decideWrite } from './moderation-policy';
import { notifyNewContent } from './notifications';
import { urls } from './urls';
import { DAY_MS } from '../../db/time';
import type { DomainContext, WriteContext } from './context';

export async function askQuestion(ctx: WriteContext, product: Product, input: { body: string; authorName: string; authorEmail: string }): Promise<Question> {
  const decision = await decideWrite(ctx, { kind: 'question', authorEmail: input.authorEmail, text: [input.body, input.authorName] });
  const question = await insertQuestion(ctx.db, {
    id: randomId('qn'),
    storeId: ctx.store.id,
    productId: product.id,
    body: input.body,
    bodyHtml: renderMarkdown(input.body, { field: 'body', maxLength: 2000 }),
    authorName: input.authorName,
    authorEmail: input.authorEmail,
    authorAddress: decision.authorAddress,
    status: decision.status,
    createdAt: ctx.now,
  });
  if (question.status === 'published') await onQuestionPublished(ctx, question.id);
  if (question.status !== 'spam') {
    await notifyNewContent(ctx, { kind: 'question', id: question.id, productName: product.name, authorName: question.authorName, body: question.body, status: question.status });
  }
  return question;
}

export async function answerQuestion(
  ctx: WriteContext,
  question: Question,
  input: { body: string; authorName: string; authorEmail: string | null; kind: AnswerKind; orderId?: string },
): Promise<Answer> {
  const { status, authorAddress } = await decideWrite(ctx, {
    kind: 'answer',
    official: input.kind === 'official',
    authorEmail: input.authorEmail,
    text: [input.body, input.authorName],
  });
  const answer = await insertAnswer(ctx.db, {
    id: randomId('an'),
    storeId: ctx.store.id,
    questionId: question.id,
    body: input.body,
    bodyHtml: renderMarkdown(input.body, { field: 'body' }),
    authorName: input.authorName,
    authorEmail: input.authorEmail,
    authorAddress,
    kind: input.kind,
    orderId: input.orderId ?? null,
    status,
    createdAt: ctx.now,
  });
  // The indexes decide, so two submissions at the same moment get one answer, not two.
  if (!answer && input.kind === 'official') throw new ApiError('CONFLICT', 'the official answer was just written by someone else; reload to see it');
  if (!answer) throw new ApiError('LINK_USED', 'this purchase has already answered this question; thank you!');
  if (answer.status === 'published') await onAnswerPublished(ctx, answer.id);
  return answer;
}

/** Emails up to N recent buyers of the product, once per question, with a signed link to answer. */
export async function onQuestionPublished(ctx: DomainContext, questionId: string): Promise<number> {
  const question = await getQuestion(ctx.db, ctx.store.id, questionId);
  if (!question || question.status !== 'published') return 0;
  if (!(await claimBuyersAsk(ctx.db, question.id, ctx.now))) return 0;
  const limit = ctx.store.settings.buyersToAsk;
  if (limit === 0) return 0;
  const buyers = await recentBuyers(ctx.db, ctx.store.id, question.productId, question.authorEmail, limit);
  const productName = await productNameOf(ctx, question.productId);
  const exp = Math.floor((ctx.now + ctx.store.settings.linkTtlDays * DAY_MS) / 1000);
  for (const buyer of buyers) {
    const token = await signLink({ kind: 'answer', store: ctx.store.id, question: question.id, order: buyer.orderExternalId, exp }, ctx.store.linkSecret);
    const unsubscribe = await signLink({ kind: 'unsubscribe', store: ctx.store.id, email: buyer.email, exp: unsubscribeExpiry(ctx.now) }, ctx.store.linkSecret);
    const locale = buyerLocale(ctx.store, buyer.locale);
    const unsubscribeUrl = urls.withLang(urls.unsubscribe(ctx.baseUrl, unsubscribe), locale);
    const email = askBuyerEmail({
      locale,
      brand: storeBrand(ctx.store),
      wording: await emailWording(ctx.db, ctx.store.id, 'askBuyer', locale),
      buyerName: buyer.name,
      productName,
      question: question.body,
      answerUrl: urls.answerLink(ctx.baseUrl, token),
      unsubscribeUrl,
    });
    await enqueue(ctx.db, {
      id: randomId('em'),
      storeId: ctx.store.id,
      dedupeKey: `ask:${question.id}:${buyer.email}`,
      toAddress: buyer.email,
      fromAddress: ctx.store.settings.emailFrom,
      ...email,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      createdAt: ctx.now,
    });
  }
  return buyers.length;
}

/** Tells the asker about a newly published answer (once per answer; never their own, never if unsubscribed). */
export async function onAnswerPublished(ctx: DomainContext, answerId: string): Promise<boolean> {
  const answer = await getAnswer(ctx.db, ctx.store.id, answerId);
  if (!answer || answer.status !== 'published') return false;
  const question = await getQuestion(ctx.db, ctx.store.id, answer.questionId);
  if (!question || question.status !== 'published' || question.authorEmail === answer.authorEmail) return false;
  if (await isUnsubscribed(ctx.db, ctx.store.id, question.authorEmail)) return false;
  const exp = Math.floor((ctx.now + ctx.store.settings.linkTtlDays * DAY_MS) / 1000);
  const accept = await signLink({ kind: 'accept', store: ctx.store.id, question: question.id, answer: answer.id, exp }, ctx.store.linkSecret);
  // The asker has no order to tell their language: the store's.
  const locale = buyerLocale(ctx.store);
  const email = answeredEmail({
    locale,
    brand: storeBrand(ctx.store),
    wording: await emailWording(ctx.db, ctx.store.id, 'answered', locale),
    productName: await productNameOf(ctx, question.productId),
    question: question.body,
    answer: answer.body,
    answerKind: answer.kind,
    pageUrl: urls.questionPage(ctx.baseUrl, ctx.store.id, question.id),
    acceptUrl: urls.withLang(urls.acceptLink(ctx.baseUrl, accept), locale),
  });
  await enqueue(ctx.db, {
    id: randomId('em'),
    storeId: ctx.store.id,
    dedupeKey: `answered:${answer.id}`,
    toAddress: question.authorEmail,
    fromAddress: ctx.store.settings.emailFrom,
    ...email,
    headers: {},
    createdAt: ctx.now,
  });
  return true;
}

/**
 * Writes the store's official answer, or edits the one it has: published at
 * once, and the asker is emailed only the first time.
 */
export async function writeOfficialAnswer(ctx: DomainContext, question: Question, body: string): Promise<Answer> {
  const existing = await getOfficialAnswer(ctx.db, question.id);
  if (existing) return updateAnswerBody(ctx.db, existing.id, body, renderMarkdown(body, { field: 'body' }), ctx.now);
  return answerQuestion(ctx, question, { body, authorName: ctx.store.name, authorEmail: null, kind: 'official' });
}

/**
 * Moves questions (`qn_…`) and answers (`an_…`) of the store to `status`, and
 * runs what publication sets off for those that were not published before.
 * Returns the ids that exist.
 */
export async function moderateQa(ctx: DomainContext, ids: string[], status: ReviewStatus): Promise<string[]> {
  const questionIds = ids.filter((id) => id.startsWith('qn_'));
  const answerIds = ids.filter((id) => id.startsWith('an_'));
  const changed = [
    ...(questionIds.length ? await updateStatus(ctx.db, 'questions', ctx.store.id, questionIds, status, ctx.now) : []),
    ...(answerIds.length ? await updateStatus(ctx.db, 'answers', ctx.store.id, answerIds, status, ctx.now) : []),
  ];
  if (status === 'published') {
    for (const item of changed.filter((i) => !i.wasPublished)) {
      if (item.id.startsWith('qn_')) await onQuestionPublished(ctx, item.id);
      else await onAnswerPublished(ctx, item.id);
    }
  }
  return changed.map((i) => i.id);
}

async function productNameOf(ctx: DomainContext, productId: number): Promise<string> {
  return (await getProductById(ctx.db, productId))?.name ?? 'a product';
}
