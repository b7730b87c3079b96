/** /a/:token — a past buyer answers as a verified owner; /accept/:token — the asker accepts an answer. */
import { z } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { getOrder } from '../../../db/queries/orders';
import { getProductById } from '../../../db/queries/products';
import { acceptAnswer, getAnswer, getQuestion, hasOwnerAnswer } from '../../../db/queries/questions';
import type { Store } from '../../../db/schema';
import { domainContext, type AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { confirmPage, messagePage, ownerAnswerPage, type ClosedLink } from '../../views/review-link';
import { wayBack, type WayBack } from '../../views/store-links';
import { plainText } from '../../schemas/common';
import { markdownText } from '../../schemas/reviews';
import { answerQuestion } from '../../domain/questions';
import { formValues } from '../../http/body';
import { parseInput } from '../../http/validation';
import { failure, isFormError, keepLang, openLink, pageFrame, readLinkFields, signedClaims, wantsJson, type ExplainClosed } from './shared';
import type { PageFrame } from '../../views/review-link';
import { messages } from '../../i18n';
import { urls } from '../../domain/urls';

export const answerLinks = new Hono<AppEnv>();

export const OwnerAnswerSchema = z.object({
  body: markdownText('answer'),
  name: plainText('name', 80).refine((s) => s.length > 0, { error: 'name is required' }),
});

/** The question a past buyer was asked to answer, and their order (proof of ownership). */
async function answerTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'answer');
  const order = await getOrder(c.get('db'), store.id, claims.order);
  if (!order || order.status === 'cancelled' || order.status === 'refunded') {
    throw new ApiError('INVALID_LINK', 'the order behind this link was cancelled or is unknown');
  }
  const question = await getQuestion(c.get('db'), store.id, claims.question);
  if (!question || question.status !== 'published') throw new ApiError('INVALID_LINK', 'this question is no longer public');
  if (await hasOwnerAnswer(c.get('db'), question.id, order.externalId)) throw new ApiError('LINK_USED', 'you have already answered this question; thank you!');
  const product = await getProductById(c.get('db'), question.productId);
  const frame = pageFrame(c, store, order.locale);
  return { store, order, question, productName: product?.name ?? messages(frame.locale).pages.answer.theProduct, token, frame };
}

/** The question's page while it is public, else the store: where a closed answer or accept link sends the person. */
async function backToQuestion(c: Context<AppEnv>, store: Store, questionId: string, frame: PageFrame): Promise<WayBack | undefined> {
  const question = await getQuestion(c.get('db'), store.id, questionId);
  if (question?.status === 'published') return { href: urls.questionPage(c.get('baseUrl'), store.id, question.id), label: messages(frame.locale).pages.answer.seeQuestion };
  return wayBack(c.get('baseUrl'), store, undefined, frame.locale);
}

const expired = (back: WayBack | undefined, frame: PageFrame, message: string): ClosedLink => ({
  title: messages(frame.locale).pages.linkExpired,
  message,
  back,
  // Time ran out; nothing went wrong: a plain sentence, not an alert.
  tone: 'ok',
  frame,
});

const explainAnswer = (c: Context<AppEnv>): ExplainClosed => async (code) => {
  const { store, claims } = await signedClaims(c, 'answer');
  const frame = pageFrame(c, store, (await getOrder(c.get('db'), store.id, claims.order))?.locale);
  const t = messages(frame.locale).pages.answer;
  const back = await backToQuestion(c, store, claims.question, frame);
  if (code === 'LINK_EXPIRED') return expired(back, frame, t.expired);
  return { title: t.usedTitle, message: t.used, back, tone: 'ok', frame };
};

const explainAccept = (c: Context<AppEnv>): ExplainClosed => async (code) => {
  const { store, claims } = await signedClaims(c, 'accept');
  const frame = pageFrame(c, store);
  const t = messages(frame.locale).pages.accept;
  const back = await backToQuestion(c, store, claims.question, frame);
  if (code === 'LINK_EXPIRED') return expired(back, frame, t.expired);
  return { title: t.usedTitle, message: t.used, back, tone: 'ok', frame };
};

answerLinks.get('/a/:token', async (c) => {
  try {
    const { store, order, question, productName, token, frame } = await answerTarget(c);
    return c.html(ownerAnswerPage({ frame, storeName: store.name, productName, question: question.body, action: urls.answerLink('', token), name: order.customerName ?? '' }));
  } catch (err) {
    return failure(c, err, explainAnswer(c));
  }
});

answerLinks.post('/a/:token', async (c) => {
  let target: Awaited<ReturnType<typeof answerTarget>>;
  try {
    target = await answerTarget(c);
  } catch (err) {
    return failure(c, err, explainAnswer(c));
  }
  const { store, order, question, productName, token, frame } = target;
  let fields: Record<string, unknown> = {};
  try {
    fields = await readLinkFields(c, 'answer');
    const input = parseInput(OwnerAnswerSchema, fields, { audience: 'form' });
    const answer = await answerQuestion(domainContext(c, store), question, {
      body: input.body,
      authorName: input.name,
      authorEmail: order.customerEmail,
      kind: 'owner',
      orderId: order.externalId,
    });
    if (wantsJson(c)) return c.json({ id: answer.id, status: answer.status, kind: 'owner' as const }, 201);
    const t = messages(frame.locale).pages.answer;
    const shown = answer.status === 'published' ? t.published : t.held(store.name);
    return c.html(messagePage(t.thanksTitle, shown, 'ok', { frame, back: await backToQuestion(c, store, question.id, frame) }), 201);
  } catch (err) {
    if (isFormError(err) && !wantsJson(c)) {
      const values = formValues(fields);
      const page = ownerAnswerPage({ frame, storeName: store.name, productName, question: question.body, action: urls.answerLink('', token), name: values.name ?? '', body: values.body, error: err.message });
      return c.html(page, err.status);
    }
    return failure(c, err, explainAnswer(c));
  }
});

async function acceptTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'accept');
  const answer = await getAnswer(c.get('db'), store.id, claims.answer);
  if (!answer || answer.status !== 'published' || answer.questionId !== claims.question) throw new ApiError('INVALID_LINK', 'this answer is no longer public');
  const question = await getQuestion(c.get('db'), store.id, claims.question);
  if (question?.acceptedAnswerId === answer.id) throw new ApiError('LINK_USED', 'this answer is already the accepted one');
  return { store, answer, questionId: claims.question, token, frame: pageFrame(c, store) };
}

answerLinks.get('/accept/:token', async (c) => {
  try {
    const { answer, token, frame } = await acceptTarget(c);
    const t = messages(frame.locale).pages.accept;
    return c.html(confirmPage({ frame, title: t.title, message: t.message, quote: answer.body, action: keepLang(c, urls.acceptLink('', token)), button: t.button }));
  } catch (err) {
    return failure(c, err, explainAccept(c));
  }
});

answerLinks.post('/accept/:token', async (c) => {
  try {
    const { store, answer, questionId, frame } = await acceptTarget(c);
    // acceptTarget found both published; only a removal in between can make this fail.
    if ((await acceptAnswer(c.get('db'), store.id, questionId, answer.id, c.get('now'))) !== 'accepted') {
      throw new ApiError('INVALID_LINK', 'this answer or question is no longer published');
    }
    if (wantsJson(c)) return c.json({ acceptedAnswerId: answer.id }, 200);
    const t = messages(frame.locale).pages.accept;
    return c.html(messagePage(t.doneTitle, t.done, 'ok', { frame, back: await backToQuestion(c, store, questionId, frame) }));
  } catch (err) {
    return failure(c, err, explainAccept(c));
  }
});
