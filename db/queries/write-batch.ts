/**
 * Writes that land together, from statements built once.
 *
 * A public write is several rows (the review, its media, the emails it
 * causes). Each autocommitted statement is a transaction of its own — on the
 * embedded engine a WAL fsync each, and a half-done write if a later one
 * fails — so they go in one batch: one transaction, all or nothing.
 *
 * drizzle's `db.batch` takes query builders only, builds each one's SQL
 * anew (on a POST review that was ~0.4 ms of CPU) and would pass a prepared
 * query's placeholders unfilled; here each statement is a query prepared once
 * (db/queries/prepared.ts) with its values, and its rows are mapped as
 * drizzle maps them.
 */
import type { ResultSet } from '@libsql/client';
import { fillPlaceholders, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { clientOf, prepared } from './prepared';

/** What a drizzle query's `.prepare()` returns, as far as a batch needs it. */
interface PreparedWrite {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
  execute(values?: Record<string, unknown>): unknown;
}

/** A prepared query with the values of its placeholders. */
export interface Bound<Q extends PreparedWrite = PreparedWrite> {
  query: Q;
  /** By placeholder name; other properties are ignored. */
  values: object;
}

export const bound = <Q extends PreparedWrite>(query: Q, values: object): Bound<Q> => ({ query, values });

type ResultOf<B> = B extends Bound<infer Q> ? Awaited<ReturnType<Q['execute']>> : never;

/**
 * Runs `items` in one write transaction and returns each one's result, as
 * its query's `execute` would: a statement that fails rolls back all of them.
 *
 * @example
 * const [[review], outcome] = await writeBatch(db, [bound(insertReviewQuery(db), values), bound(enqueueQuery(db), email)]);
 */
export async function writeBatch<const B extends readonly Bound[]>(db: Db, items: B): Promise<{ -readonly [K in keyof B]: ResultOf<B[K]> }> {
  const statements = items.map(({ query, values }) => ({ sql: query.getQuery().sql, args: fillPlaceholders(query.getQuery().params, values as Record<string, unknown>) as never[] }));
  const results = await clientOf(db).batch(statements, 'write');
  return results.map((result, i) => items[i]!.query.mapResult(result, true)) as { -readonly [K in keyof B]: ResultOf<B[K]> };
}

/**
 * A write in SQL the query builder cannot say (INSERT … SELECT … ON CONFLICT
 * … WHERE), built once per `shape` like {@link prepared}: its `sql.placeholder`s
 * take their values at each run, which drizzle's `db.run` would build anew.
 */
export function preparedRun(db: Db, shape: string, build: () => SQL): PreparedWrite & { execute(values: Record<string, unknown>): Promise<ResultSet> } {
  return prepared(db, shape, (d) => {
    const query = d.run(build()).getQuery();
    return {
      getQuery: () => query,
      mapResult: (result: unknown) => result,
      execute: (values: Record<string, unknown>) => clientOf(d).execute({ sql: query.sql, args: fillPlaceholders(query.params, values) as never[] }),
    };
  });
}
