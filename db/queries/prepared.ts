/**
 * Queries built once. Drizzle builds a query's SQL text and parameter list
 * anew on every call: on the public read path that was most of a cache miss
 * (280 µs to build the page's media lookup, 50 µs to run it). A hot read is
 * instead written once per shape with `sql.placeholder`s, prepared, and run
 * with its values; the embedded client then also reuses SQLite's prepared
 * statement for its text (db/embedded-client.ts).
 *
 * Prepared queries belong to one Db. On Node there is one for the process; a
 * Worker makes one per request (its I/O objects must not outlive the request),
 * so there a query is built once per request, as before.
 *
 * A shape is a short fixed string from the code (the sort, which filters are
 * present), never a value, so each Db holds a bounded number of them.
 */
import type { Client, InArgs } from '@libsql/client';
import { fillPlaceholders } from 'drizzle-orm';
import type { Db } from '../client';

const byDb = new WeakMap<Db, Map<string, unknown>>();

export function prepared<T>(db: Db, shape: string, build: (db: Db) => T): T {
  let shapes = byDb.get(db);
  if (!shapes) byDb.set(db, (shapes = new Map()));
  let query = shapes.get(shape) as T | undefined;
  if (query === undefined) {
    query = build(db);
    shapes.set(shape, query);
  }
  return query;
}

/**
 * A read built once whose rows come back as the driver's rows of values
 * (indexed and with a length, but not iterable),
 * for selections of jsonRow values (db/queries/json-rows.ts), which decode
 * each column as drizzle would. drizzle's own mapping looks up every field's
 * decoder anew on every row: for a page of eleven rows of four JSON values
 * that was a tenth of a cache miss.
 */
export function preparedRows(db: Db, shape: string, build: (db: Db) => { toSQL(): { sql: string; params: unknown[] } }) {
  return prepared(db, shape, (d) => {
    const { sql, params } = build(d).toSQL();
    return {
      /** `Row`: what the selection's columns hold, by index. */
      rows: async <Row extends ArrayLike<unknown>>(values: Record<string, unknown>) =>
        (await clientOf(d).execute({ sql, args: fillPlaceholders(params, values) as InArgs })).rows as unknown as Row[],
    };
  });
}

/** drizzle() keeps the client it wraps as `$client` on every Db it makes (db/client.ts createDb). */
export const clientOf = (db: Db) => (db as unknown as { $client: Client }).$client;
