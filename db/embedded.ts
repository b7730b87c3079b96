/**
 * Opens the embedded libSQL database for the Node runtime and the CLI.
 *
 * Durability: WAL journal with `synchronous=FULL` (SQLite's default, checked
 * here), so a write acknowledged to a client is in the fsynced WAL and survives
 * the process — or the machine — being killed. The busy timeout lets a second
 * process (the CLI next to a running server) wait for the lock instead of
 * failing at once.
 */
import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import Database from 'libsql';
import { preparedEmbeddedClient } from './embedded-client';
import { VERSION_CHANGES_SQL, VERSION_MARK_SQL, VERSIONS_SQL, type VersionScope } from './queries/content-versions';

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
 * Most checks read nothing at all: the reader remembers each (store, scope)
 * version it has read, and a stamp is their sum. `PRAGMA data_version` on
 * this connection moves whenever any other connection commits — this
 * server's, the CLI's, an import's, another process's — and costs half of a
 * statement. While it stands still no version can have moved. When it moves,
 * one indexed statement reads the rows whose change number (migration 0020)
 * is above the largest seen so far: one commit to one product re-reads that
 * product's rows and the store's `any`, not every stamp.
 *
 * Most checks do not even ask for data_version: the WAL index's header, one
 * read of 48 bytes, changes with every commit too, so while it stands still
 * since the last look, so does data_version (walIndexWatch below). It is read
 * before data_version, so a commit between the two moves it for the next look.
 *
 * Why a stamp is never older than the state at the data_version D it was
 * checked against (D is read first; every statement after it reads a state at
 * least as new):
 * - Change numbers are taken under SQLite's one write lock, so a commit
 *   numbers its rows above every number of any state before it. The mark is
 *   the largest number of a state already read (or less), so every row
 *   changed since is above it, and the changes read after D bring every
 *   remembered version up to that read's state — a commit that landed between
 *   reading D and reading the changes included; it moved data_version again,
 *   so the next check reads once more.
 * - The mark is read (on the first check) before any version, and an unknown
 *   scope's version after the changes: it too is of a state after D, and
 *   whatever moves it later is numbered above the mark.
 * - A row inserted later (a product's first write, a store row's first
 *   change) is remembered as 0 until then and comes with the changes like any
 *   other.
 * - Versions only grow, so a sum of versions each of a state at or after D is
 *   never below D's sum; the cache stores each answer under a stamp read
 *   before the answer was built, so one found under it is at least that new.
 *
 * Memory: at most `maxScopes` versions (10,000; a store's scopes and one per
 * product) plus one request's; past that all are forgotten and read again on
 * use, so a crawler walking every product costs re-reads, not memory.
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

/** The statements a version reader runs: the first change number, the rows changed since the last, the versions of unknown scopes. */
export type VersionRead = 'mark' | 'changes' | 'scopes';

export interface VersionReaderOptions {
  /** Told of each statement the reader runs, with the rows it returned: what tests and benchmarks count. */
  onRead?: (read: VersionRead, rows: number) => void;
  /** How many (store, scope) versions to remember at most; 10,000 unless told. */
  maxScopes?: number;
  /** Told each time the reader asks for `PRAGMA data_version`: what tests count. */
  onDataVersion?: () => void;
}

export function openVersionReader(url: string, options: VersionReaderOptions = {}): VersionReader | undefined {
  const path = filePath(url);
  if (!path) return undefined;
  const { onRead, onDataVersion, maxScopes = MAX_REMEMBERED_SCOPES } = options;
  const reader = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  // The driver has no read-only open; this connection refuses writes instead.
  reader.exec('PRAGMA query_only = ON');
  // Raw rows, arrays: the driver's pluck() applies to all() only, and get() returned data_version as a
  // new object each time — which never equalled the last, so no check ever found it standing still.
  const dataVersionStatement = reader.prepare('PRAGMA data_version').raw();
  const markStatement = reader.prepare(VERSION_MARK_SQL).raw();
  const changesStatement = reader.prepare(VERSION_CHANGES_SQL).raw();
  const scopesStatement = reader.prepare(VERSIONS_SQL).raw();
  const dataVersion = () => {
    onDataVersion?.();
    return Number((dataVersionStatement.get() as [number])[0]);
  };
  const journal = String((reader.prepare('PRAGMA journal_mode').raw().get() as [string])[0]).toLowerCase();
  const wal = walIndexWatch(path, journal === 'wal');

  const versions = new Map<string, Map<string, number>>();
  let remembered = 0;
  let seen: number | undefined;
  let mark = 0;

  function catchUp() {
    if (seen === undefined) {
      mark = Number((markStatement.get() as [number])[0]);
      onRead?.('mark', 1);
      return;
    }
    const rows = changesStatement.all(mark) as Array<[string, string, number, number]>;
    for (const [storeId, scope, version, changed] of rows) {
      const scoped = versions.get(storeId);
      if (scoped?.has(scope)) scoped.set(scope, version);
      if (changed > mark) mark = changed;
    }
    onRead?.('changes', rows.length);
  }

  function readScopes(storeId: string, missing: VersionScope[]): number {
    if (remembered + missing.length > maxScopes) {
      versions.clear();
      remembered = 0;
    }
    const rows = scopesStatement.all(storeId, JSON.stringify(missing)) as Array<[string, number]>;
    // Remembered only once read: a statement that throws leaves nothing behind to be taken for a version.
    let scoped = versions.get(storeId);
    if (!scoped) versions.set(storeId, (scoped = new Map()));
    for (const scope of missing) scoped.set(scope, 0);
    remembered += missing.length;
    let sum = 0;
    for (const [scope, version] of rows) {
      scoped.set(scope, version);
      sum += version;
    }
    onRead?.('scopes', rows.length);
    return sum;
  }

  return {
    dataVersion,
    // A closure, not a method: rememberedStores and node-front are handed `reader.stamp` alone.
    stamp(storeId, scopes) {
      // Nothing committed since the last look: data_version cannot have moved either.
      if (wal.moved()) {
        const now = dataVersion();
        if (now !== seen) {
          catchUp();
          seen = now;
        }
      }
      const scoped = versions.get(storeId);
      let sum = 0;
      let missing: VersionScope[] | undefined;
      for (const scope of distinct(scopes)) {
        const version = scoped?.get(scope);
        if (version === undefined) (missing ??= []).push(scope);
        else sum += version;
      }
      return missing ? sum + readScopes(storeId, missing) : sum;
    },
    close() {
      wal.close();
      reader.close();
    },
  };
}

/**
 * Whether any connection may have committed since the last look, from the
 * WAL index's header (sqlite.org/walformat.html, "The WAL-Index Header"):
 * the first 48 bytes of the `-shm` file, which every commit rewrites — its
 * change counter, last frame and checksums — before it returns, in the
 * memory every connection to the file maps. Reading them is one `pread`
 * (about a microsecond), where `PRAGMA data_version` begins a read
 * transaction (3–10 µs in a request, a tenth of a cached answer); so
 * data_version is asked only when they moved. A header read in the middle
 * of a commit is either still the old one (the commit has not returned, so
 * no one has been told of it) or already moved.
 *
 * Says "maybe" (true) every time where there is no such header: not in WAL
 * mode, or before the file exists. A connection in WAL mode holds it open,
 * so the database cannot leave WAL mode under the reader.
 */
function walIndexWatch(path: string, inWalMode: boolean): { moved(): boolean; close(): void } {
  const HEADER = 48;
  const now = Buffer.alloc(HEADER);
  const last = Buffer.alloc(HEADER);
  let known = false;
  let fd: number | undefined;
  return {
    moved() {
      if (!inWalMode) return true;
      if (fd === undefined) {
        try {
          fd = openSync(`${path}-shm`, 'r');
        } catch {
          return true;
        }
      }
      if (readSync(fd, now, 0, HEADER, 0) !== HEADER) {
        known = false;
        return true;
      }
      if (known && now.equals(last)) return false;
      now.copy(last);
      known = true;
      return true;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

const MAX_REMEMBERED_SCOPES = 10_000;

// The hit path asks with the same scopes array for the same URL (node-front's parsed URLs).
const distinctOf = new WeakMap<VersionScope[], VersionScope[]>();

/** The scopes without repeats: a scope named twice counts once, as readVersionStamp's `IN` does. */
function distinct(scopes: VersionScope[]): VersionScope[] {
  if (scopes.length < 2) return scopes;
  let unique = distinctOf.get(scopes);
  if (!unique) {
    const set = new Set(scopes);
    distinctOf.set(scopes, (unique = set.size === scopes.length ? scopes : [...set]));
  }
  return unique;
}
