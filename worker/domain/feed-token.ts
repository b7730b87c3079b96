/**
 * The feed token: an HMAC of a fixed label under the store's link secret, so
 * it needs no storage, cannot be made without the secret, and is the same on
 * every call (a feed URL given to Google keeps working). The label keeps it
 * apart from the signed links in emails, which sign JSON claims.
 */
import { base64url, fromBase64, hmacSha256, timingSafeEqual } from '../lib/crypto';

const LABEL = 'feed:google-product-reviews';

export async function feedToken(linkSecret: string): Promise<string> {
  return base64url(await hmacSha256(linkSecret, LABEL));
}

/** Whether `token` is the store's feed token; compared in constant time. */
export async function feedTokenMatches(linkSecret: string, token: string): Promise<boolean> {
  const given = /^[A-Za-z0-9_-]{43}$/.test(token) ? fromBase64(token) : null;
  return given !== null && timingSafeEqual(given, await hmacSha256(linkSecret, LABEL));
}
