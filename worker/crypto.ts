/** Small Web Crypto helpers that run the same on Workers and Node. */

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** A random, URL-safe, unguessable id such as `rv_8f3k…` (`bytes` of entropy). */
export function randomId(prefix: string, bytes = 12): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let out = '';
  for (const b of raw) out += ALPHABET[b & 31]! + ALPHABET[b >> 5]!;
  return `${prefix}_${out}`;
}

/** A secret token (256 bits) encoded base64url. */
export function randomSecret(prefix: string): string {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return `${prefix}_${base64url(raw)}`;
}

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
