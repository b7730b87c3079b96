/**
 * Signed links in emails: a review link bound to store, order and product,
 * and an unsubscribe link bound to store and address. The token carries its
 * claims (so no table is needed to look it up) and an HMAC-SHA256 under the
 * store's link secret (so nobody can make one). Single use is enforced by the
 * database: one review per order and product.
 */
import { base64url, fromBase64, hmacSha256, timingSafeEqual } from './crypto';
import { ApiError } from './errors';

export interface ReviewClaims {
  kind: 'review';
  store: string;
  /** The order's external id. */
  order: string;
  /** The product's external id. */
  product: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface UnsubscribeClaims {
  kind: 'unsubscribe';
  store: string;
  email: string;
}

/** A past buyer answering a question about a product they bought. */
export interface AnswerClaims {
  kind: 'answer';
  store: string;
  question: string;
  /** The buyer's order (external id): proof of ownership. */
  order: string;
  exp: number;
}

/** The asker choosing an answer as the accepted one. */
export interface AcceptClaims {
  kind: 'accept';
  store: string;
  question: string;
  answer: string;
  exp: number;
}

export type LinkClaims = ReviewClaims | UnsubscribeClaims | AnswerClaims | AcceptClaims;

const encoder = new TextEncoder();

export async function signLink(claims: LinkClaims, secret: string): Promise<string> {
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const mac = base64url(await hmacSha256(secret, payload));
  return `${payload}.${mac}`;
}

/** Reads a token's claims without trusting them: only to find the store whose secret verifies it. */
export function peekLink(token: string): LinkClaims {
  const invalid = () => new ApiError('INVALID_LINK', 'this link is damaged or was not made by this store; use the link from your email');
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined || token.length > 2048) throw invalid();
  const bytes = fromBase64(payload);
  if (!bytes) throw invalid();
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid();
  }
  if (!isClaims(claims)) throw invalid();
  return claims;
}

/** Verifies the signature and expiry; returns the claims. */
export async function verifyLink(token: string, secret: string, nowMs: number): Promise<LinkClaims> {
  const claims = peekLink(token);
  const [payload, mac] = token.split('.') as [string, string];
  const expected = await hmacSha256(secret, payload);
  const given = fromBase64(mac);
  if (!given || !timingSafeEqual(expected, given)) {
    throw new ApiError('INVALID_LINK', 'this link is damaged or was not made by this store; use the link from your email');
  }
  if (claims.kind !== 'unsubscribe' && claims.exp * 1000 < nowMs) {
    throw new ApiError('LINK_EXPIRED', 'this link has expired; you can still write from the product page');
  }
  return claims;
}

function isClaims(v: unknown): v is LinkClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (typeof c.store !== 'string') return false;
  if (c.kind === 'review') return typeof c.order === 'string' && typeof c.product === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'unsubscribe') return typeof c.email === 'string';
  if (c.kind === 'answer') return typeof c.question === 'string' && typeof c.order === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'accept') return typeof c.question === 'string' && typeof c.answer === 'string' && Number.isInteger(c.exp);
  return false;
}
