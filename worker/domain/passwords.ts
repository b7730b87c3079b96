/**
 * Dashboard passwords: PBKDF2-SHA256 through WebCrypto, so the same code
 * hashes on Node and verifies on Workers. Stored as
 * `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`: each hash carries
 * its own cost, so raising it later only needs new hashes, not a migration.
 */
import { base64url, fromBase64, timingSafeEqual } from '../lib/crypto';

/**
 * Cloudflare's Workers runtime refuses PBKDF2 above 100,000 iterations (a
 * NotSupportedError), so this is the most a hash can cost and still verify on
 * a deployed Worker. Open-source workerd (Miniflare, wrangler dev) no longer
 * enforces that limit (workerd PR #1471), so nothing local would catch a
 * higher figure: hashPassword refuses one, and verifyPassword rejects one.
 * The cost is paid once per sign-in, never per request: about 22 ms of CPU
 * on Node and 43 ms in workerd on the 2-core machine it was measured on
 * (README, "Dashboard access").
 */
export const PBKDF2_ITERATIONS = 100_000;
export const MIN_PASSWORD_LENGTH = 10;
/** HMAC pre-hashes long keys, so length costs nothing; the cap only keeps request bodies sane. */
export const MAX_PASSWORD_LENGTH = 200;

const SALT_BYTES = 16;
const HASH_BITS = 256;
const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, HASH_BITS));
}

/**
 * A fresh salted hash of `password`.
 *
 * @example await hashPassword('correct horse battery') // 'pbkdf2-sha256$100000$…$…'
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be 1 to ${PBKDF2_ITERATIONS}, the most Cloudflare Workers computes`);
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(await derive(password, salt, iterations))}`;
}

/** Whether `password` matches `stored`; false (never a throw) for a hash in a format this code does not write. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const iterations = Number(parts[1]);
  const salt = fromBase64(parts[2] ?? '');
  const expected = fromBase64(parts[3] ?? '');
  if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256' || !Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS || !salt || !expected) {
    return false;
  }
  return timingSafeEqual(await derive(password, salt, iterations), expected);
}

/** A hash of nobody's password at the full cost, made once; verifying against it costs what a real check does. */
export const DECOY_HASH = 'pbkdf2-sha256$100000$lHy3bDAFeSyQ9L_yMFW69A$rxnNyRqv68Nb4rWmVo8pvN5l7ZnQ-kJQ-u5EuJJea0Q';

/**
 * Spends the time of one verification for an address nobody signs in with, so
 * the answer's timing does not tell which addresses have accounts.
 */
export async function spendPasswordTime(password: string): Promise<void> {
  await verifyPassword(password, DECOY_HASH);
}
