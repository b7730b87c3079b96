/**
 * Failed sign-ins per key in fixed windows, kept in the database so every
 * Worker isolate and Node process counts the same failures.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { loginFailures } from '../schema';

export interface FailureWindow {
  key: string;
  count: number;
  windowStart: number;
}

/** The windows of `keys` still open at `now` (older ones count as zero). */
export async function openFailureWindows(db: Db, keys: string[], now: number, windowMs: number): Promise<FailureWindow[]> {
  const rows = await db.select().from(loginFailures).where(inArray(loginFailures.key, keys));
  return rows.filter((r) => r.windowStart > now - windowMs);
}

/** Counts one failure for each key in one statement each: a window that has ended starts again at 1. */
export async function recordFailures(db: Db, keys: string[], now: number, windowMs: number): Promise<void> {
  const expired = sql`${loginFailures.windowStart} <= ${now - windowMs}`;
  const upsert = (key: string) =>
    db
      .insert(loginFailures)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          count: sql`CASE WHEN ${expired} THEN 1 ELSE ${loginFailures.count} + 1 END`,
          windowStart: sql`CASE WHEN ${expired} THEN ${now} ELSE ${loginFailures.windowStart} END`,
        },
      });
  const [first, ...rest] = keys;
  if (first !== undefined) await db.batch([upsert(first), ...rest.map(upsert)]);
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, keys));
}
