/**
 * The database handle the app works with, whatever carries it: the embedded
 * engine on Node, or libSQL over HTTP (Turso, sqld, the local Hrana endpoint)
 * on Workers. Importing the driver core keeps both runtimes' clients out of
 * each other's bundles: the web driver only wraps the client it is given.
 */
import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema';

export type Db = LibSQLDatabase<typeof schema>;

/**
 * Wraps a libSQL client for drizzle.
 *
 * Writes in Verity are single statements or `db.batch([...])` (one atomic
 * transaction); counters follow through triggers. No code holds an interactive
 * transaction across an `await`: over HTTP that costs round trips, and on the
 * embedded engine a second connection's busy wait would block the event loop
 * that the lock holder needs to commit.
 *
 * @example
 * const db = createDb(createClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN }));
 */
export function createDb(client: Client): Db {
  return drizzle(client, { schema });
}
