/**
 * Pages behind the links in review request emails: /r/:token to write a
 * verified review (works without JavaScript; JSON for enhanced clients) and
 * /u/:token to unsubscribe (with RFC 8058 one-click POST).
 */
import { Hono, type Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { getOrder, unsubscribe } from '../../db/queries/orders';
import { getProduct } from '../../db/queries/products';
import { getStore } from '../../db/queries/stores';
import type { Store } from '../../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { peekLink, verifyLink, type AcceptClaims, type AnswerClaims, type LinkClaims, type ReviewClaims, type UnsubscribeClaims } from '../links';
import { MAX_MARKDOWN_LENGTH } from '../markdown';
import { readCapped } from '../middleware/json-body';
import { confirmPage, messagePage, ownerAnswerPage, reviewLinkPage, unsubscribePage, type ReviewFormValues } from '../pages/review-link';
import { markdownText } from '../schemas/reviews';
import { plainText } from '../schemas/common';
import { answerQuestion } from '../services/questions';
import { submitReview } from '../services/reviews';
import { acceptAnswer, getAnswer, getQuestion } from '../../db/queries/questions';
import { answers } from '../../db/schema';
import { and, eq } from 'drizzle-orm';
import { describeIssues } from '../validation';

export const links = new Hono<AppEnv>();

const FORM_LIMIT = 64 * 1024;

const LinkReviewSchema = z.object({
  rating: z.coerce.number({ error: 'choose a rating from 1 to 5 stars' }).int().min(1, { error: 'choose a rating from 1 to 5 stars' }).max(5, { error: 'choose a rating from 1 to 5 stars' }),
  title: plainText('title', 150).optional(),
  body: markdownText('body'),
  name: plainText('name', 80).refine((s) => s.length > 0, { error: 'name is required' }),
  website: z.string().max(0, { error: 'leave the last field empty' }).optional(),
});

type ClaimsOf<K> = K extends 'review' ? ReviewClaims : K extends 'answer' ? AnswerClaims : K extends 'accept' ? AcceptClaims : UnsubscribeClaims;

export async function openLink<K extends LinkClaims['kind']>(c: Context<AppEnv>, kind: K) {
  const token = c.req.param('token') ?? '';
  const peeked = peekLink(token);
  const store = await getStore(c.var.db, peeked.store);
  if (!store || peeked.kind !== kind) throw new ApiError('INVALID_LINK', 'this link is damaged or was not made by this store; use the link from your email');
  const claims = (await verifyLink(token, store.linkSecret, c.var.now)) as ClaimsOf<K>;
  return { store, claims, token };
}

async function reviewTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'review');
  const order = await getOrder(c.var.db, store.id, claims.order);
  if (!order) throw new ApiError('INVALID_LINK', 'the order behind this link is unknown to the store');
  if (order.status === 'cancelled' || order.status === 'refunded') {
    throw new ApiError('INVALID_LINK', 'this order was cancelled or refunded, so its review link no longer works');
  }
  const product = await getProduct(c.var.db, store.id, claims.product);
  if (!product) throw new ApiError('INVALID_LINK', 'the product behind this link is no longer in the catalogue');
  return { store, order, product, token };
}

export const wantsJson = (c: Context) => (c.req.header('content-type') ?? '').startsWith('application/json') || (c.req.header('accept') ?? '').startsWith('application/json');

/** Link failures are pages for people, JSON for scripts. */
export function failure(c: Context<AppEnv>, err: unknown) {
  if (!(err instanceof ApiError) || wantsJson(c)) throw err;
  const title = err.code === 'LINK_EXPIRED' ? 'This link has expired' : err.code === 'LINK_USED' ? 'Already reviewed' : 'This link does not work';
  return c.html(messagePage(title, err.message, err.code === 'LINK_USED' ? 'ok' : 'error'), err.status);
}

links.get('/r/:token', async (c) => {
  try {
    const { store, order, product, token } = await reviewTarget(c);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(reviewLinkPage({ storeName: store.name, product, action: `/r/${token}`, values: { name: order.customerName ?? '' }, maxBody: MAX_MARKDOWN_LENGTH }));
  } catch (err) {
    return failure(c, err);
  }
});

links.post('/r/:token', async (c) => {
  let values: ReviewFormValues = {};
  try {
    const { store, order, product, token } = await reviewTarget(c);
    const raw = await readCapped(c.req.raw, FORM_LIMIT);
    if (raw === null) throw new ApiError('PAYLOAD_TOO_LARGE', `the review is larger than ${FORM_LIMIT} bytes`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new ApiError('INVALID_JSON', 'the form is not valid UTF-8');
    }
    let fields: Record<string, unknown>;
    if (wantsJson(c)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ApiError('INVALID_JSON', 'request body is not valid JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new ApiError('VALIDATION_FAILED', 'send the review as a JSON object: { rating, title?, body, name }');
      }
      fields = parsed as Record<string, unknown>;
    } else {
      fields = Object.fromEntries(new URLSearchParams(text));
    }
    values = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string')) as ReviewFormValues;
    const parsed = LinkReviewSchema.safeParse(fields);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      throw new ApiError('VALIDATION_FAILED', issues.map((i) => i.message).join('; '), { issues });
    }
    const input = parsed.data;
    const created = await submitReview(
      c.var.db,
      store,
      product,
      { rating: input.rating, title: input.title, body: input.body, authorName: input.name, authorEmail: order.customerEmail, orderId: order.externalId },
      c.var.now,
    );
    if (wantsJson(c)) return c.json({ ...created, verified: true, verification: 'order' as const }, 201);
    const published = created.status === 'published';
    return c.html(
      messagePage('Thank you for your review', published ? `Your verified review of ${product.name} is published.` : `Your verified review of ${product.name} will appear once ${store.name} has looked at it.`),
      201,
    );
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'VALIDATION_FAILED' || err.code === 'MARKDOWN_REJECTED' || err.code === 'PAYLOAD_TOO_LARGE') && !wantsJson(c)) {
      const { store, product, token } = await reviewTarget(c);
      return c.html(reviewLinkPage({ storeName: store.name, product, action: `/r/${token}`, values, error: err.message, maxBody: MAX_MARKDOWN_LENGTH }), err.status);
    }
    return failure(c, err);
  }
});

async function unsubscribeTarget(c: Context<AppEnv>): Promise<{ store: Store; email: string; token: string }> {
  const { store, claims, token } = await openLink(c, 'unsubscribe');
  return { store, email: claims.email, token };
}

links.get('/u/:token', async (c) => {
  try {
    const { store, email, token } = await unsubscribeTarget(c);
    return c.html(unsubscribePage({ storeName: store.name, email, action: `/u/${token}`, done: false }));
  } catch (err) {
    return failure(c, err);
  }
});

// Both the page's button and a mail client's one-click POST (body "List-Unsubscribe=One-Click") land here.
links.post('/u/:token', async (c) => {
  try {
    const { store, email, token } = await unsubscribeTarget(c);
    await unsubscribe(c.var.db, store.id, email, c.var.now);
    return c.html(unsubscribePage({ storeName: store.name, email, action: `/u/${token}`, done: true }));
  } catch (err) {
    return failure(c, err);
  }
});

/** The question a past buyer was asked to answer, and their order (proof of ownership). */
async function answerTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'answer');
  const order = await getOrder(c.var.db, store.id, claims.order);
  if (!order || order.status === 'cancelled' || order.status === 'refunded') {
    throw new ApiError('INVALID_LINK', 'the order behind this link was cancelled or is unknown');
  }
  const question = await getQuestion(c.var.db, store.id, claims.question);
  if (!question || question.status !== 'published') throw new ApiError('INVALID_LINK', 'this question is no longer public');
  const product = await c.var.db.query.products.findFirst({ where: (p, { eq: is }) => is(p.id, question.productId) });
  return { store, order, question, productName: product?.name ?? 'the product', token };
}

links.get('/a/:token', async (c) => {
  try {
    const { store, order, question, productName, token } = await answerTarget(c);
    c.header('Cache-Control', 'no-store');
    return c.html(ownerAnswerPage({ storeName: store.name, productName, question: question.body, action: `/a/${token}`, name: order.customerName ?? '' }));
  } catch (err) {
    return failure(c, err);
  }
});

links.post('/a/:token', async (c) => {
  const target = await answerTarget(c).catch((err: unknown) => err);
  if (target instanceof Error) return failure(c, target);
  const { store, order, question, productName, token } = target as Awaited<ReturnType<typeof answerTarget>>;
  const raw = await readCapped(c.req.raw, FORM_LIMIT);
  let fields: Record<string, string> = {};
  try {
    if (raw === null) throw new ApiError('PAYLOAD_TOO_LARGE', `the answer is larger than ${FORM_LIMIT} bytes`);
    const text = new TextDecoder().decode(raw);
    if (wantsJson(c)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text || '{}');
      } catch {
        throw new ApiError('INVALID_JSON', 'request body is not valid JSON');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ApiError('VALIDATION_FAILED', 'send the answer as a JSON object: { body, name }');
      fields = parsed as Record<string, string>;
    } else fields = Object.fromEntries(new URLSearchParams(text));
    const parsed = OwnerAnswerSchema.safeParse(fields);
    if (!parsed.success) throw new ApiError('VALIDATION_FAILED', describeIssues(parsed.error.issues).map((i) => i.message).join('; '));
    const already = await c.var.db
      .select({ id: answers.id })
      .from(answers)
      .where(and(eq(answers.questionId, question.id), eq(answers.orderId, order.externalId)))
      .get();
    if (already) throw new ApiError('LINK_USED', 'you have already answered this question; thank you!');
    const answer = await answerQuestion({ db: c.var.db, store, now: c.var.now, baseUrl: c.var.baseUrl }, question, {
      body: parsed.data.body,
      authorName: parsed.data.name,
      authorEmail: order.customerEmail,
      kind: 'owner',
      orderId: order.externalId,
    });
    if (wantsJson(c)) return c.json({ id: answer.id, status: answer.status, kind: 'owner' as const }, 201);
    return c.html(messagePage('Thank you for answering', answer.status === 'published' ? 'Your answer is published.' : `Your answer will appear once ${store.name} has looked at it.`), 201);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && !wantsJson(c)) {
      return c.html(ownerAnswerPage({ storeName: store.name, productName, question: question.body, action: `/a/${token}`, name: fields.name ?? '', body: fields.body, error: err.message }), 400);
    }
    return failure(c, err);
  }
});

const OwnerAnswerSchema = z.object({
  body: markdownText('answer'),
  name: plainText('name', 80).refine((s) => s.length > 0, { error: 'name is required' }),
});

async function acceptTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'accept');
  const answer = await getAnswer(c.var.db, store.id, claims.answer);
  if (!answer || answer.status !== 'published' || answer.questionId !== claims.question) throw new ApiError('INVALID_LINK', 'this answer is no longer public');
  return { store, answer, questionId: claims.question, token };
}

links.get('/accept/:token', async (c) => {
  try {
    const { answer, token } = await acceptTarget(c);
    return c.html(confirmPage({ title: 'Did this answer help?', message: 'Mark it as the accepted answer to your question:', quote: answer.body, action: `/accept/${token}`, button: 'Accept this answer' }));
  } catch (err) {
    return failure(c, err);
  }
});

links.post('/accept/:token', async (c) => {
  try {
    const { store, answer, questionId } = await acceptTarget(c);
    await acceptAnswer(c.var.db, store.id, questionId, answer.id, c.var.now);
    if (wantsJson(c)) return c.json({ acceptedAnswerId: answer.id }, 200);
    return c.html(messagePage('Answer accepted', 'Thank you — it now shows first, marked as the accepted answer.'));
  } catch (err) {
    return failure(c, err);
  }
});
