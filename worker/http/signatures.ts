/**
 * Webhook signature checks, one per sender. All compare in constant time and
 * work on the raw body bytes, never on re-serialised JSON.
 */
import { fromBase64, fromHex, hmacSha256, timingSafeEqual } from '../lib/crypto';
import { ApiError } from '../errors';

/** How far a Verity signature's timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_S = 5 * 60;

const bad = (message: string) => new ApiError('INVALID_SIGNATURE', message);

/**
 * `X-Verity-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * Several v1 values may be present (during a secret rotation); one must match.
 */
export async function verifyVeritySignature(header: string | undefined, body: Uint8Array<ArrayBuffer>, secret: string, nowMs: number): Promise<void> {
  if (!header) throw bad('missing X-Verity-Signature header: sign the body as t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">');
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string?]);
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => fromHex(v ?? ''));
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) throw bad('X-Verity-Signature must look like t=<unix seconds>,v1=<hex>');
  if (Math.abs(nowMs / 1000 - Number(t)) > SIGNATURE_TOLERANCE_S) {
    throw bad(`signature timestamp is more than ${SIGNATURE_TOLERANCE_S} s from the server's clock (replayed, or a clock is wrong)`);
  }
  const signed = new Uint8Array([...new TextEncoder().encode(`${t}.`), ...body]);
  const expected = await hmacSha256(secret, signed);
  if (!signatures.some((s) => s && timingSafeEqual(s, expected))) throw bad('signature does not match: sign with the store webhook secret');
}

/** Shopify and WooCommerce: base64 HMAC-SHA256 of the raw body. */
export async function verifyBase64Hmac(header: string | undefined, body: Uint8Array<ArrayBuffer>, secret: string | undefined, name: string): Promise<void> {
  if (!secret) throw new ApiError('FORBIDDEN', `this store has no ${name} secret configured: PATCH /v1/admin/stores/:store with it`);
  const given = header ? fromBase64(header.trim()) : null;
  if (!given) throw bad(`missing or malformed ${name} signature header`);
  if (!timingSafeEqual(given, await hmacSha256(secret, body))) throw bad(`${name} signature does not match the configured secret`);
}
