/**
 * Opens the embedded libSQL database for the Node runtime and the CLI.
 *
 * Durability: WAL journal with `synchronous=FULL` (SQLite's default, checked
 * here), so a write acknowledged to a client is in the fsynced WAL and survives
 * the process — or the machine — being killed. The busy timeout lets a second
 * process (the CLI next to a running server) wait for the lock instead of
 * failing at once.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import Database from 'libsql';
import { preparedEmbeddedClient } from './embedded-client';
import { VERSION_STAMP_SQL, type VersionScope } from './queries/content-versions';

export const BUSY_TIMEOUT_MS = 5_000;

/** The file a `file:` URL names; undefined for memory and remote databases. */
function filePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  return path && !path.startsWith(':memory:') ? path.replace(/\?.*$/, '') : undefined;
}

export async function openEmbedded(url: string, authToken?: string): Promise<Client> {
  const path = filePath(url);
  if (path) mkdirSync(dirname(path), { recursive: true });
  const client = createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  if (!path) return client;
  // journal_mode is stored in the file, so one connection setting it covers every other.
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = FULL');
  const fast = preparedEmbeddedClient(client, path, BUSY_TIMEOUT_MS);
  await fast.execute('PRAGMA synchronous = FULL');
  return fast;
}

/**
 * The public cache's version check (worker/http/public-cache.ts) runs before
 * every cached answer, so it must cost microseconds: @libsql/client prepares
 * each statement anew (~80 µs here), while statements prepared once on a
 * second connection of the same file cost a fraction.
 *
 * Most checks read nothing at all: `PRAGMA data_version` on this connection
 * changes whenever any other connection commits — this server's, the CLI's, an
 * import's, another process's — and costs half of the stamp's statement. While
 * it stands still no version can have moved, so the stamps read since it last
 * moved still hold; when it moves they are all forgotten. A stamp is always
 * read after the data_version it is filed under, so it is never older than
 * that state: a commit in between moves data_version again and drops it.
 *
 * Undefined for memory and remote databases (no second connection can share
 * them): readVersionStamp through the app's client serves those.
 */
export interface VersionReader {
  stamp(storeId: string, scopes: VersionScope[]): number;
  /** This connection's `PRAGMA data_version`: moves whenever another connection commits. */
  dataVersion(): number;
  close(): void;
}

export function openVersionReader(url: string): VersionReader | undefined {
  const path = filePath(url);
  if (!path) return undefined;
  const reader = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  // The driver has no read-only open; this connection refuses writes instead.
  reader.exec('PRAGMA query_only = ON');
  const statement = reader.prepare(VERSION_STAMP_SQL);
  // Raw rows: the driver's pluck() applies to all() only, and get() returned a
  // new object each time — which never equalled the last, so no stamp was ever reused.
  const dataVersionStatement = reader.prepare('PRAGMA data_version').raw();
  const dataVersion = () => Number((dataVersionStatement.get() as [number])[0]);
  let seen: number | undefined;
  const stamps = new Map<string, number>();
  // The hit path asks with the same scopes array for the same URL (node-front's parsed URLs).
  const scopesJsonOf = new WeakMap<VersionScope[], string>();
  return {
    dataVersion,
    stamp(storeId, scopes) {
      const now = dataVersion();
      // Bounded: a crawler walking every product cannot grow it without end.
      if (now !== seen || stamps.size >= MAX_REMEMBERED_STAMPS) {
        stamps.clear();
        seen = now;
      }
      let scopesJson = scopesJsonOf.get(scopes);
      if (scopesJson === undefined) scopesJsonOf.set(scopes, (scopesJson = JSON.stringify(scopes)));
      const key = storeId + ' ' + scopesJson;
      let stamp = stamps.get(key);
      if (stamp === undefined) {
        stamp = Number((statement.get(storeId, scopesJson) as { stamp: number | bigint }).stamp);
        stamps.set(key, stamp);
      }
      return stamp;
    },
    close: () => reader.close(),
  };
}

const MAX_REMEMBERED_STAMPS = 10_000;
