/** Invitations to a store. A row is deleted when it is accepted, which is what makes its link single use. */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../client';
import { storeInvites } from '../schema';

export type StoreInvite = typeof storeInvites.$inferSelect;

export function insertInvite(db: Db, invite: StoreInvite) {
  return db.insert(storeInvites).values(invite);
}

/** The invites of a store that can still be accepted. */
export async function listOpenInvites(db: Db, storeId: string, now: number): Promise<StoreInvite[]> {
  return db
    .select()
    .from(storeInvites)
    .where(and(eq(storeInvites.storeId, storeId), gt(storeInvites.expiresAt, now)))
    .orderBy(asc(storeInvites.createdAt));
}

export async function getInvite(db: Db, storeId: string, id: string): Promise<StoreInvite | undefined> {
  return db
    .select()
    .from(storeInvites)
    .where(and(eq(storeInvites.storeId, storeId), eq(storeInvites.id, id)))
    .get();
}

/** Deletes an invite of this store; false when there was none (or it belongs to another store). */
export async function deleteInvite(db: Db, storeId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(storeInvites)
    .where(and(eq(storeInvites.storeId, storeId), eq(storeInvites.id, id)))
    .returning({ id: storeInvites.id });
  return rows.length > 0;
}

/** The statement that uses an invite up, for the batch that makes its member. */
export function consumeInvite(db: Db, storeId: string, id: string) {
  return db.delete(storeInvites).where(and(eq(storeInvites.storeId, storeId), eq(storeInvites.id, id)));
}

