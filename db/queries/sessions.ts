/** Dashboard sessions, looked up by the SHA-256 of the cookie's token (never the token itself). */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { adminSessions, adminUsers, type AdminSession, type AdminUser } from '../schema';

export function insertSession(db: Db, session: AdminSession) {
  return db.insert(adminSessions).values(session);
}

/** A session that has not expired at `now`, with its user. */
export async function findSession(db: Db, tokenHash: string, now: number): Promise<{ session: AdminSession; user: AdminUser } | undefined> {
  const row = await db
    .select({ session: adminSessions, user: adminUsers })
    .from(adminSessions)
    .innerJoin(adminUsers, eq(adminUsers.id, adminSessions.userId))
    .where(and(eq(adminSessions.tokenHash, tokenHash), gt(adminSessions.expiresAt, now)))
    .get();
  return row;
}

/** Slides a session's expiry forward. */
export async function touchSession(db: Db, tokenHash: string, now: number, expiresAt: number): Promise<void> {
  await db.update(adminSessions).set({ lastSeenAt: now, expiresAt }).where(eq(adminSessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.tokenHash, tokenHash));
}

export function deleteUserSessions(db: Db, userId: string) {
  return db.delete(adminSessions).where(eq(adminSessions.userId, userId));
}

/** Expired rows are never read (findSession checks the expiry); this only keeps the table small. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.delete(adminSessions).where(lt(adminSessions.expiresAt, now));
}
