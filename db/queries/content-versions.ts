/** Reads the change counters the triggers of migration 0010 keep (see db/schema/content-versions.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export type VersionScope = 'store' | 'any' | `p:${string}` | `s:${string}`;

/**
 * The versions of `scopes` in one store, in the order asked; a scope nothing
 * has touched yet is 0. The scopes travel as one JSON array, so the statement
 * is the same text whatever their number.
 */
export async function readVersions(db: Db, storeId: string, scopes: VersionScope[]): Promise<number[]> {
  const rows = await db.all<{ scope: string; version: number }>(
    sql`SELECT scope, version FROM content_versions WHERE store_id = ${storeId} AND scope IN (SELECT value FROM json_each(${JSON.stringify(scopes)}))`,
  );
  const byScope = new Map(rows.map((r) => [r.scope, Number(r.version)]));
  return scopes.map((s) => byScope.get(s) ?? 0);
}

/**
 * One number that moves whenever any of `scopes` moves: versions only ever
 * grow (deletes bump them too; no row is ever removed), so their sum grows
 * with each of them. The public cache keys an answer by it — one row to read
 * instead of one per scope.
 */
export async function readVersionStamp(db: Db, storeId: string, scopes: VersionScope[]): Promise<number> {
  return (await readVersionStamps(db, storeId, scopes)).stamp;
}

/**
 * readVersionStamp, and the store scope's own version beside it (0 before the
 * store row first changed): Workers' public cache reads both in its one
 * statement, so a miss can use the store row it remembers instead of asking
 * Turso again (db/queries/stores.ts rememberedStores).
 */
export async function readVersionStamps(db: Db, storeId: string, scopes: VersionScope[]): Promise<{ stamp: number; store: number }> {
  const [row] = await db.all<{ stamp: number; store: number }>(
    sql`SELECT coalesce(sum(version), 0) AS stamp, coalesce(sum(CASE WHEN scope = 'store' THEN version END), 0) AS store
        FROM content_versions WHERE store_id = ${storeId} AND scope IN (SELECT value FROM json_each(${JSON.stringify(scopes)}))`,
  );
  return { stamp: Number(row?.stamp ?? 0), store: Number(row?.store ?? 0) };
}

/**
 * The statements of a reader that remembers versions and prepares them once
 * (db/embedded.ts openVersionReader), with `?` placeholders. The change
 * numbers are migration 0020's `changed`: the largest one is where the reader
 * starts; after that it asks for the rows changed since the largest it saw,
 * through the index on `changed`.
 */
export const VERSION_MARK_SQL = 'SELECT coalesce(max(changed), 0) FROM content_versions';
/** The rows whose version moved, or which were inserted, after a change number. */
export const VERSION_CHANGES_SQL = 'SELECT store_id, scope, version, changed FROM content_versions WHERE changed > ?';
/** The versions of scopes of one store (store id, JSON array of scopes): a scope nothing has touched has no row. */
export const VERSIONS_SQL = 'SELECT scope, version FROM content_versions WHERE store_id = ? AND scope IN (SELECT value FROM json_each(?))';
