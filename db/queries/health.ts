/** Whether the database answers, and how many migrations it has applied. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export async function schemaState(db: Db): Promise<{ reachable: boolean; applied: number }> {
  try {
    await db.run(sql`SELECT 1`);
    const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`);
    return { reachable: true, applied: Number(rows[0]?.n ?? 0) };
  } catch (err) {
    // An unmigrated database has no __drizzle_migrations table: reachable, schema 0.
    return { reachable: !(err instanceof Error) || /no such table/i.test(err.message), applied: 0 };
  }
}
