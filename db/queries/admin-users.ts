/** Dashboard users and the stores they belong to. Emails are stored normalised (trimmed, lower case). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { adminSessions, adminUsers, storeMembers, stores, type AdminUser, type MemberRole } from '../schema';
import { normalizeEmail } from '../email';


export interface NewAdminUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

export function insertAdminUser(db: Db, user: NewAdminUser, now: number) {
  return db.insert(adminUsers).values({ ...user, email: normalizeEmail(user.email), passwordChangedAt: now, createdAt: now });
}

export async function findAdminUserByEmail(db: Db, email: string): Promise<AdminUser | undefined> {
  return db.select().from(adminUsers).where(eq(adminUsers.email, normalizeEmail(email))).get();
}

export async function getAdminUser(db: Db, id: string): Promise<AdminUser | undefined> {
  return db.select().from(adminUsers).where(eq(adminUsers.id, id)).get();
}

/**
 * A new password, and every session of the user but `keepSession` ends in the
 * same batch. `password_changed_at` moves on, so reset links issued before stop working.
 */
export async function changePassword(db: Db, userId: string, passwordHash: string, now: number, keepSession?: string): Promise<void> {
  await db.batch([
    db.update(adminUsers).set({ passwordHash, passwordChangedAt: now }).where(eq(adminUsers.id, userId)),
    db
      .delete(adminSessions)
      .where(and(eq(adminSessions.userId, userId), keepSession ? sql`${adminSessions.tokenHash} <> ${keepSession}` : undefined)),
  ]);
}

export async function setUserName(db: Db, userId: string, name: string): Promise<void> {
  await db.update(adminUsers).set({ name }).where(eq(adminUsers.id, userId));
}

/** The stores a user may open, with the role in each, by store name. */
export async function listUserStores(db: Db, userId: string): Promise<Array<{ id: string; name: string; role: MemberRole }>> {
  return db
    .select({ id: stores.id, name: stores.name, role: storeMembers.role })
    .from(storeMembers)
    .innerJoin(stores, eq(stores.id, storeMembers.storeId))
    .where(eq(storeMembers.userId, userId))
    .orderBy(asc(stores.name), asc(stores.id));
}

/** The user's role in a store, or undefined when they are not a member. */
export async function getMemberRole(db: Db, storeId: string, userId: string): Promise<MemberRole | undefined> {
  const row = await db
    .select({ role: storeMembers.role })
    .from(storeMembers)
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId)))
    .get();
  return row?.role;
}

/**
 * Adds a member; one who already is keeps the higher of the two roles. Joining
 * only ever grants: demoting goes through setMemberRole, which keeps an owner.
 */
export function upsertMember(db: Db, member: { storeId: string; userId: string; role: MemberRole }, now: number) {
  return db
    .insert(storeMembers)
    .values({ ...member, createdAt: now })
    .onConflictDoUpdate({
      target: [storeMembers.storeId, storeMembers.userId],
      set: { role: sql`CASE WHEN ${storeMembers.role} = 'owner' THEN 'owner' ELSE excluded.role END` },
    });
}

export async function listMembers(db: Db, storeId: string) {
  return db
    .select({ userId: adminUsers.id, email: adminUsers.email, name: adminUsers.name, role: storeMembers.role, createdAt: storeMembers.createdAt })
    .from(storeMembers)
    .innerJoin(adminUsers, eq(adminUsers.id, storeMembers.userId))
    .where(eq(storeMembers.storeId, storeId))
    .orderBy(asc(storeMembers.createdAt), asc(adminUsers.email));
}

/** Another owner remains: the condition that keeps every store with at least one owner. */
const anotherOwner = (storeId: string, userId: string) =>
  sql`EXISTS (SELECT 1 FROM store_members o WHERE o.store_id = ${storeId} AND o.role = 'owner' AND o.user_id <> ${userId})`;

export type MemberChange = { outcome: 'changed'; from: MemberRole } | { outcome: 'not_member' } | { outcome: 'last_owner' };

/**
 * Changes a member's role in one statement whose WHERE keeps another owner,
 * so two owners demoting each other at once cannot leave the store with none.
 */
export async function setMemberRole(db: Db, storeId: string, userId: string, role: MemberRole): Promise<MemberChange> {
  const before = await getMemberRole(db, storeId, userId);
  if (!before) return { outcome: 'not_member' };
  const rows = await db
    .update(storeMembers)
    .set({ role })
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId), role === 'owner' ? undefined : sql`(${storeMembers.role} <> 'owner' OR ${anotherOwner(storeId, userId)})`))
    .returning({ userId: storeMembers.userId });
  return rows.length ? { outcome: 'changed', from: before } : { outcome: 'last_owner' };
}

/** Removes a member (never the last owner, by the same condition) and ends nothing else: their other stores stay. */
export async function removeMember(db: Db, storeId: string, userId: string): Promise<MemberChange> {
  const before = await getMemberRole(db, storeId, userId);
  if (!before) return { outcome: 'not_member' };
  const rows = await db
    .delete(storeMembers)
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId), sql`(${storeMembers.role} <> 'owner' OR ${anotherOwner(storeId, userId)})`))
    .returning({ userId: storeMembers.userId });
  return rows.length ? { outcome: 'changed', from: before } : { outcome: 'last_owner' };
}
