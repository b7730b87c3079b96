/** What every signed-link page shares: opening a token, reading a form or JSON body, failing as a page. */
import type { Context } from 'hono';
import { getStore } from '../../../db/queries/stores';
import type { AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { peekLink, verifyLink, type AcceptClaims, type AnswerClaims, type EditClaims, type LinkClaims, type ReviewClaims, type UnsubscribeClaims } from '../../domain/links';
import { BODY_LIMITS, readFields } from '../../http/body';
import { closedLinkPage, type ClosedLink, type PageFrame } from '../../views/review-link';
import type { Store } from '../../../db/schema';
import { buyerLocale, storeBrand } from '../../domain/branding';
import { messages, pickLocale } from '../../i18n';
import { urls } from '../../domain/urls';

type ClaimsOf<K> = K extends 'review'
  ? ReviewClaims
  : K extends 'answer'
    ? AnswerClaims
    : K extends 'accept'
      ? AcceptClaims
      : K extends 'edit'
        ? EditClaims
        : UnsubscribeClaims;

/** Verifies the token in the path with its store's secret; the kind must be the page's. */
export async function openLink<K extends LinkClaims['kind']>(c: Context<AppEnv>, kind: K) {
  const token = c.req.param('token') ?? '';
  const peeked = peekLink(token);
  const store = await getStore(c.get('db'), peeked.store);
  if (!store || peeked.kind !== kind) throw new ApiError('INVALID_LINK', 'this link is damaged or was not made by this store; use the link from your email');
  const claims = (await verifyLink(token, store.linkSecret, c.get('now'))) as ClaimsOf<K>;
  return { store, claims, token };
}

/** Scripts (widgets enhancing a page) speak JSON; browsers without JavaScript post forms. */
export const wantsJson = (c: Context) =>
  (c.req.header('content-type') ?? '').startsWith('application/json') || (c.req.header('accept') ?? '').startsWith('application/json');

/** The body as flat fields: a JSON object from scripts, a urlencoded form from browsers (http/body.ts). */
export const readLinkFields = (c: Context<AppEnv>, what: string) =>
  readFields(c, { maxBytes: BODY_LIMITS.form, what: `the ${what}`, json: wantsJson(c) });

/**
 * Words an expired or used link for the person who opened it, with the way
 * back. Asked only for LINK_EXPIRED and LINK_USED, which are raised only once
 * the token's signature held, so `signedClaims` may read its claims.
 */
export type ExplainClosed = (code: 'LINK_EXPIRED' | 'LINK_USED') => Promise<ClosedLink>;

/** Link failures are pages for people, JSON for scripts (widgets translate the code). */
export async function failure(c: Context<AppEnv>, err: unknown, explain?: ExplainClosed) {
  if (!(err instanceof ApiError) || wantsJson(c)) throw err;
  const closed = explain && (err.code === 'LINK_EXPIRED' || err.code === 'LINK_USED') ? await explain(err.code) : undefined;
  // A link that names no store we know of still has the language its email gave it.
  const t = messages(pickLocale(c.req.query('lang'), null)).pages;
  const page: ClosedLink = closed ?? {
    title: err.code === 'LINK_EXPIRED' ? t.linkExpired : err.code === 'LINK_USED' ? t.alreadyDone : t.linkBroken,
    message: sentence(err.message),
    tone: err.code === 'LINK_USED' ? 'ok' : 'error',
    frame: { locale: pickLocale(c.req.query('lang'), null) },
  };
  return c.html(closedLinkPage(page), err.status);
}

/** A form's action keeps the `lang` the page was opened with, so the page after it speaks the same language. */
export const keepLang = (c: Context<AppEnv>, url: string) => {
  const lang = c.req.query('lang');
  return lang ? urls.withLang(url, pickLocale(lang, null)) : url;
};

/**
 * The language and look of a link's page: the order's language when the
 * link has an order, else the `lang` its email gave it (/u/, /accept/), else the store's.
 */
export function pageFrame(c: Context<AppEnv>, store: Store, orderLocale?: string | null): PageFrame {
  const locale = orderLocale ? buyerLocale(store, orderLocale) : pickLocale(c.req.query('lang'), store.settings.locale);
  return { locale, brand: storeBrand(store) };
}

/** The store and claims of the token in the path, for an ExplainClosed: signed by the store, maybe expired. */
export async function signedClaims<K extends LinkClaims['kind']>(c: Context<AppEnv>, kind: K) {
  const token = c.req.param('token') ?? '';
  const peeked = peekLink(token);
  const store = await getStore(c.get('db'), peeked.store);
  const invalid = () => new ApiError('INVALID_LINK', 'this link is damaged or was not made by this store; use the link from your email');
  if (!store || peeked.kind !== kind) throw invalid();
  const claims = await verifyLink(token, store.linkSecret, c.get('now'), { allowExpired: true });
  return { store, claims: claims as ClaimsOf<K> };
}

/** An API message as a sentence on a page: "the order…" → "The order…." */
const sentence = (message: string) => `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;

/** Errors the person can fix by editing the form, shown on the form itself. */
export const isFormError = (err: unknown): err is ApiError =>
  err instanceof ApiError && ['VALIDATION_FAILED', 'MARKDOWN_REJECTED', 'PAYLOAD_TOO_LARGE', 'INVALID_JSON'].includes(err.code);
