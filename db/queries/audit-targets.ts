/** What the audit log needs to know of a target before it changes (its status), read by id within one store. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { answers, questions, reviews, type ReviewStatus } from '../schema';

const tables = { reviews, questions, answers } as const;

/** The current status of each of the store's items among `ids` (others are simply absent). */
export async function statusesOf(db: Db, table: keyof typeof tables, storeId: string, ids: string[]): Promise<Map<string, ReviewStatus>> {
  if (ids.length === 0) return new Map();
  const target = tables[table];
  const rows = await db
    .select({ id: target.id, status: target.status })
    .from(target)
    .where(and(eq(target.storeId, storeId), inArray(target.id, ids)));
  return new Map(rows.map((r) => [r.id, r.status]));
}
