/**
 * Signing in with email and password, throttled per account and per client
 * address in the database (every isolate sees the same counts). Unknown
 * addresses and wrong passwords get the same answer after the same work.
 */
import type { Db } from '../../db/client';
import { normalizeEmail } from '../../db/email';
import { findAdminUserByEmail } from '../../db/queries/admin-users';
import { clearFailures, openFailureWindows, recordFailures } from '../../db/queries/login-failures';
import type { AdminUser } from '../../db/schema';
import { ApiError } from '../errors';
import { sha256Hex } from '../lib/crypto';
import { spendPasswordTime, verifyPassword } from './passwords';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Five wrong guesses per account per window; an office behind one address gets twenty. */
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;

/** The throttle keys: the address is hashed so the table holds no one's IP, the email so it holds no address of anyone who mistyped theirs. */
export async function loginKeys(email: string, address: string | undefined) {
  const account = `account:${await sha256Hex(normalizeEmail(email))}`;
  return address ? [account, `address:${await sha256Hex(address)}`] : [account];
}

export const loginFailed = () => new ApiError('LOGIN_FAILED', 'that email and password do not match an account');

/**
 * The user whose email and password these are; otherwise LOGIN_FAILED, or
 * RATE_LIMITED once the account or the address has failed too often lately
 * (checked first, so a throttled guess costs no hashing and reveals nothing,
 * not even when it is right).
 */
export async function authenticate(db: Db, input: { email: string; password: string; address: string | undefined; now: number }): Promise<AdminUser> {
  const keys = await loginKeys(input.email, input.address);
  await refuseIfThrottled(db, keys, input.now);
  const user = await findAdminUserByEmail(db, input.email);
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : (await spendPasswordTime(input.password), false);
  if (!user || !ok) {
    await recordFailures(db, keys, input.now, LOGIN_WINDOW_MS);
    throw loginFailed();
  }
  // The account's count restarts; the address's does not, or one known password would reset it for every guess.
  await clearFailures(db, keys.slice(0, 1));
  return user;
}

/**
 * Whether `password` is this user's, under the same throttle as signing in:
 * changing the password and joining a store with an existing account ask for
 * it too, and must not be a way round the limit.
 */
export async function passwordMatches(db: Db, input: { user: AdminUser; password: string; address: string | undefined; now: number }): Promise<boolean> {
  const keys = await loginKeys(input.user.email, input.address);
  await refuseIfThrottled(db, keys, input.now);
  if (await verifyPassword(input.password, input.user.passwordHash)) return true;
  await recordFailures(db, keys, input.now, LOGIN_WINDOW_MS);
  return false;
}

async function refuseIfThrottled(db: Db, keys: string[], now: number): Promise<void> {
  const windows = await openFailureWindows(db, keys, now, LOGIN_WINDOW_MS);
  const full = windows.filter((w) => w.count >= (w.key.startsWith('account:') ? ACCOUNT_FAILURES : ADDRESS_FAILURES));
  if (!full.length) return;
  const reopens = Math.max(...full.map((w) => w.windowStart + LOGIN_WINDOW_MS));
  const seconds = Math.max(1, Math.ceil((reopens - now) / 1000));
  throw new ApiError('RATE_LIMITED', `too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes, or reset your password`, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
}
