/**
 * Signed links in emails: a review link bound to store, order and product,
 * and an unsubscribe link bound to store and address. The token carries its
 * claims (so no table is needed to look it up) and an HMAC-SHA256 under the
 * store's link secret (so nobody can make one). Single use is enforced by the
 * database: one review per order and product. The unsubscribe address travels
 * encrypted (AES-GCM): a URL ends up in logs, proxies and forwarded mail.
 */
import { base64url, fromBase64, hmacSha256, timingSafeEqual } from '../lib/crypto';
import { ApiError } from '../errors';

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
  /** In the token only encrypted, as `to`. */
  email: string;
  exp: number;
}

/**
 * How long an unsubscribe link works: a year from the email, well past the
 * 30 days after sending that the law (CAN-SPAM) and RFC 8058 senders expect.
 */
export const UNSUBSCRIBE_TTL_DAYS = 365;

/** The `exp` of an unsubscribe link in an email made at `nowMs`. */
export const unsubscribeExpiry = (nowMs: number) => Math.floor(nowMs / 1000) + UNSUBSCRIBE_TTL_DAYS * 24 * 60 * 60;

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

/** An invitation to join a store's dashboard; single use because the invite row goes when it is accepted. */
export interface InviteClaims {
  kind: 'invite';
  store: string;
  invite: string;
  exp: number;
}

/**
 * A password reset. Not a store's link: it is signed with the user's current
 * password hash, so it stops working the moment the password changes (single
 * use), and `changed` binds it to `password_changed_at` as well.
 */
export interface ResetClaims {
  kind: 'reset';
  user: string;
  changed: number;
  exp: number;
}

/**
 * The author of a review editing or deleting it. Bound to the review and to
 * its version (`edited_at`, 0 before any edit): once an edit is saved, every
 * older link stops working, so an old email cannot undo a newer edit. Each
 * edit emails a fresh link.
 */
export interface EditClaims {
  kind: 'edit';
  store: string;
  review: string;
  /** The review's `edited_at` when the link was made; 0 if it was never edited. */
  v: number;
  exp: number;
}

/** How long an edit link works: long enough to come back after the product has been used for a season. */
export const EDIT_TTL_DAYS = 180;

/** The `exp` of an edit link in an email made at `nowMs`. */
export const editExpiry = (nowMs: number) => Math.floor(nowMs / 1000) + EDIT_TTL_DAYS * 24 * 60 * 60;

export type StoreLinkClaims = ReviewClaims | UnsubscribeClaims | AnswerClaims | AcceptClaims | InviteClaims | EditClaims;
export type LinkClaims = StoreLinkClaims | ResetClaims;

/** What the token holds: the unsubscribe address sealed as `to`. */
type WireClaims = Exclude<LinkClaims, UnsubscribeClaims> | { kind: 'unsubscribe'; store: string; to: string; exp: number };

const encoder = new TextEncoder();

const invalidLink = () => new ApiError('INVALID_LINK', 'this link is damaged or was not made by this store; use the link from your email');

/** An AES-GCM key for addresses, derived from the link secret so a store has one secret to keep. */
async function addressKey(secret: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('verity-links'), info: encoder.encode('unsubscribe address v1') },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** `iv ‖ ciphertext`, bound to the store so a sealed address cannot be moved into another store's link. */
async function sealAddress(email: string, store: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(store) }, await addressKey(secret), encoder.encode(email)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return base64url(out);
}

async function openAddress(to: string, store: string, secret: string): Promise<string> {
  const bytes = fromBase64(to);
  if (!bytes || bytes.length <= 12 + 16) throw invalidLink();
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: encoder.encode(store) }, await addressKey(secret), bytes.slice(12));
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw invalidLink();
  }
}

export async function signLink(claims: LinkClaims, secret: string): Promise<string> {
  const wire: WireClaims =
    claims.kind === 'unsubscribe' ? { kind: 'unsubscribe', store: claims.store, to: await sealAddress(claims.email, claims.store, secret), exp: claims.exp } : claims;
  const payload = base64url(encoder.encode(JSON.stringify(wire)));
  const mac = base64url(await hmacSha256(secret, payload));
  return `${payload}.${mac}`;
}

/** Reads a token's kind and store without trusting them: only to find the store whose secret verifies it. */
export function peekLink(token: string): Pick<StoreLinkClaims, 'kind' | 'store'> {
  const claims = readWire(token);
  if (claims.kind === 'reset') throw invalidLink();
  return { kind: claims.kind, store: claims.store };
}

/** The user a reset token names, unverified: only to find the hash that verifies it. */
export function peekResetUser(token: string): { user: string; changed: number } {
  const claims = readWire(token);
  if (claims.kind !== 'reset') throw invalidLink();
  return { user: claims.user, changed: claims.changed };
}

function readWire(token: string): WireClaims {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined || token.length > 2048) throw invalidLink();
  const bytes = fromBase64(payload);
  if (!bytes) throw invalidLink();
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalidLink();
  }
  if (!isClaims(claims)) throw invalidLink();
  return claims;
}

/**
 * The address as an unsubscribe page may show it to whoever holds the URL:
 * enough for its owner to recognise, not enough to read it off.
 *
 * @example maskAddress('fay.gray@example.com') // 'f***@example.com'
 */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** Verifies the signature and expiry; returns the claims. */
export async function verifyLink(token: string, secret: string, nowMs: number, opts: { allowExpired?: boolean } = {}): Promise<LinkClaims> {
  const claims = readWire(token);
  const [payload, mac] = token.split('.') as [string, string];
  const expected = await hmacSha256(secret, payload);
  const given = fromBase64(mac);
  if (!given || !timingSafeEqual(expected, given)) throw invalidLink();
  if (!opts.allowExpired && claims.exp * 1000 < nowMs) {
    throw new ApiError(
      'LINK_EXPIRED',
      claims.kind === 'unsubscribe'
        ? 'this unsubscribe link has expired; use the link in a newer email, or ask the store to stop emailing you'
        : claims.kind === 'reset' || claims.kind === 'invite' || claims.kind === 'edit'
          ? 'this link has expired; ask for a new one'
          : 'this link has expired; you can still write from the product page',
    );
  }
  if (claims.kind !== 'unsubscribe') return claims;
  return { kind: 'unsubscribe', store: claims.store, email: await openAddress(claims.to, claims.store, secret), exp: claims.exp };
}

function isClaims(v: unknown): v is WireClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  if (c.kind === 'reset') return typeof c.user === 'string' && Number.isInteger(c.changed) && Number.isInteger(c.exp);
  if (typeof c.store !== 'string') return false;
  if (c.kind === 'review') return typeof c.order === 'string' && typeof c.product === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'unsubscribe') return typeof c.to === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'answer') return typeof c.question === 'string' && typeof c.order === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'accept') return typeof c.question === 'string' && typeof c.answer === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'invite') return typeof c.invite === 'string' && Number.isInteger(c.exp);
  if (c.kind === 'edit') return typeof c.review === 'string' && Number.isInteger(c.v) && Number.isInteger(c.exp);
  return false;
}
