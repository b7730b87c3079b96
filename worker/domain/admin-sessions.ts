/**
 * Dashboard sessions: a random token in an HttpOnly cookie, of which the
 * database keeps only the SHA-256, and a second random token the page sends
 * back in a header on every change (CSRF). Sliding: 14 days from the last use.
 */
import type { Db } from '../../db/client';
import { deleteExpiredSessions, deleteSession, findSession, insertSession, touchSession } from '../../db/queries/sessions';
import { listUserStores } from '../../db/queries/admin-users';
import type { AdminSession, AdminUser } from '../../db/schema';
import { DAY_MS } from '../../db/time';
import { base64url, sha256Hex, timingSafeEqual } from '../lib/crypto';

export const SESSION_COOKIE = 'verity_session';
export const SESSION_TTL_MS = 14 * DAY_MS;
/** Slide the expiry at most this often: one write per few minutes of use, not one per request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface SignedIn {
  session: AdminSession;
  user: AdminUser;
}

const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
export const sessionHash = (token: string) => sha256Hex(token);

/** Starts a session; the token goes in the cookie and nowhere else. */
export async function startSession(db: Db, user: AdminUser, now: number, userAgent?: string): Promise<{ token: string; signedIn: SignedIn }> {
  const token = randomToken();
  const session: AdminSession = {
    tokenHash: await sessionHash(token),
    userId: user.id,
    csrfToken: randomToken(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_TTL_MS,
    userAgent: userAgent?.slice(0, 300) ?? null,
  };
  await insertSession(db, session);
  // Expired rows are never honoured; clearing them here keeps the table from growing without a job for it.
  await deleteExpiredSessions(db, now);
  return { token, signedIn: { session, user } };
}

/** The live session a cookie names, its expiry slid forward; `slid` says the cookie should be sent again. */
export async function resumeSession(db: Db, token: string, now: number): Promise<(SignedIn & { slid: boolean }) | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const found = await findSession(db, await sessionHash(token), now);
  if (!found) return undefined;
  const slid = now - found.session.lastSeenAt >= TOUCH_EVERY_MS;
  if (slid) {
    const expiresAt = now + SESSION_TTL_MS;
    await touchSession(db, found.session.tokenHash, now, expiresAt);
    found.session = { ...found.session, lastSeenAt: now, expiresAt };
  }
  return { ...found, slid };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db, await sessionHash(token));
}

/** Whether the header carries this session's CSRF token. */
export function csrfMatches(session: AdminSession, header: string | undefined): boolean {
  if (!header) return false;
  const encoder = new TextEncoder();
  return timingSafeEqual(encoder.encode(header), encoder.encode(session.csrfToken));
}

/** What login, the session route and accepting an invite answer: who is signed in, where, and the CSRF token. */
export async function sessionJson(db: Db, { user, session }: SignedIn) {
  return {
    user: { id: user.id, email: user.email, name: user.name },
    stores: await listUserStores(db, user.id),
    csrfToken: session.csrfToken,
  };
}
