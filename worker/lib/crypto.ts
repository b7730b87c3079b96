/**
 * Small crypto helpers that run the same on Workers and Node. Hashes and
 * HMACs go through node:crypto (on Workers through the nodejs_compat flag
 * wrangler.toml sets): on Node, Web Crypto's sign and digest cost ~40 µs of
 * CPU each (a thread-pool job behind argument checks), node:crypto's ~6 µs,
 * and a POST review makes two of them, a vote two.
 */
import { createHash, createHmac } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * Bytes from the platform's CSPRNG, drawn from a block fetched 4 KB at a
 * time: on Node each getRandomValues call costs ~4 µs of checks whatever its
 * size, and a POST review wants three ids (Node's randomUUID batches the same
 * way). Each byte is handed out once; the block is zeroed as it is used.
 */
const POOL = new Uint8Array(4096);
let used = POOL.length;
function randomBytes(n: number): Uint8Array {
  if (n > POOL.length) return crypto.getRandomValues(new Uint8Array(n));
  if (used + n > POOL.length) {
    crypto.getRandomValues(POOL);
    used = 0;
  }
  const out = POOL.slice(used, used + n);
  POOL.fill(0, used, used + n);
  used += n;
  return out;
}

/** A random, URL-safe, unguessable id such as `rv_8f3k…` (`bytes` of entropy). */
export function randomId(prefix: string, bytes = 12): string {
  const raw = randomBytes(bytes);
  let out = '';
  for (const b of raw) out += ALPHABET[b & 31]! + ALPHABET[b >> 5]!;
  return `${prefix}_${out}`;
}

/** A secret token (256 bits) encoded base64url. */
export function randomSecret(prefix: string): string {
  return `${prefix}_${base64url(randomBytes(32))}`;
}

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(input: string): Promise<string> {
  return createHash('sha256').update(input).digest('hex');
}

/** HMAC-SHA256 of `message` (a string as UTF-8) under `secret`. */
export async function hmacSha256(secret: string, message: string | Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(createHmac('sha256', secret).update(message).digest());
}

/** Compares two byte strings in time independent of where they differ. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function fromBase64(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
