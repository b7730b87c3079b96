/**
 * The embedded engine with its statements prepared once, and its writes on
 * a thread of their own.
 *
 * @libsql/client's local driver prepares every statement anew, asks it for
 * its columns twice and builds each row property by property: on a cache
 * miss of the public read path that was a third of the server's CPU, the
 * SQL itself a tenth. This client keeps each statement drizzle sends (its
 * text is the same for every request of a route) prepared on its own
 * connection, and reads rows as arrays.
 *
 * Reads run here, on the caller's thread. Every statement that writes goes
 * to the writer thread (db/embedded-writer.js), which commits whatever
 * queued up while it was busy as one transaction — one fsync for many
 * requests — while this thread goes on serving reads. A POST review's
 * statements and COMMIT were ~0.7 ms of the event loop, and every few dozen
 * commits a checkpoint stalled it 3–8 ms; now both happen on the writer.
 * Whether a statement writes is SQLite's answer (its plan opens a write
 * transaction), asked once per statement text; PRAGMAs and transaction
 * control stay here. A caller's write resolves once it is committed.
 *
 * Only `execute` and `batch` — every query and write the app makes — take this
 * path. Interactive transactions, migrations and multi-statement scripts go
 * to @libsql/client on its own connection, so their semantics stay libSQL's;
 * they and the writer wait for each other's lock through the busy timeout.
 * All connections share the file (WAL, FULL sync), as processes do.
 */
import { LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Row, type TransactionMode } from '@libsql/client';
import Database from 'libsql';
import { writerThread, type WireResult, type WireStatement, type WriterThread } from './embedded-writer-thread';

/** Statements kept prepared; the app's few hundred fit, and ad-hoc SQL cannot grow it without end. */
const MAX_STATEMENTS = 500;

type Prepared = ReturnType<InstanceType<typeof Database>['prepare']>;
interface Entry {
  statement: Prepared;
  columns: string[];
  row: (values: unknown[]) => Row;
  /** Runs on the writer thread. */
  writes: boolean;
}

/**
 * Statements that stay on this connection whatever they do: connection settings, and transaction
 * control, which must never land inside the writer's group. A PRAGMA that changes a setting
 * (`foreign_keys = OFF`) therefore changes it for reads only; the app sets none after opening.
 */
const STAYS_HERE = /^\s*(PRAGMA|EXPLAIN|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH|DETACH)\b/i;

/**
 * SQLite's own answer to "does this statement write?": its plan begins a
 * write transaction (`Transaction` with P2 ≠ 0), which is what
 * sqlite3_stmt_readonly() reads and the driver does not expose.
 */
function writes(db: InstanceType<typeof Database>, sql: string): boolean {
  if (STAYS_HERE.test(sql)) return false;
  let explain;
  try {
    explain = db.prepare(`EXPLAIN ${sql}`).raw(true);
  } catch {
    return true; // It prepared, its plan did not: the writer can run anything, so it goes there.
  }
  const plan = explain.all() as unknown[][];
  // The driver's all() leaves an EXPLAIN unreset, which pins this connection to its read
  // snapshot: it would never see another connection's commits again. get() ends with a reset.
  explain.get();
  return plan.some((op) => op[1] === 'Transaction' && op[3] !== 0);
}

/** What SQLite takes for each value @libsql/client accepts. */
function toSql(value: unknown): unknown {
  if (value === undefined) throw new RangeError('undefined cannot be bound to an SQL parameter');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return value;
}

function bind(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  // SQLite names parameters with their sigil; the driver wants them bare.
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

const VALUES = Symbol('values');

/**
 * Rows as @libsql/client shapes them — indexable with a length (drizzle
 * slices them), the columns as their own enumerable properties (raw `db.all`
 * reads those) — from one prototype per statement, so a row costs one object
 * and its named fields instead of a property definition per value.
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const proto = {};
  Object.defineProperty(proto, 'length', { value: columns.length });
  columns.forEach((_, i) => Object.defineProperty(proto, i, { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } }));
  // A join names a column twice (id, id): the first one keeps the name, as in @libsql/client.
  const named = columns.map((name, i) => (columns.indexOf(name) === i ? name : undefined));
  return (values) => {
    const row = Object.create(proto) as Record<string | symbol, unknown>;
    row[VALUES] = values;
    for (let i = 0; i < named.length; i++) if (named[i] !== undefined) row[named[i]!] = values[i];
    return row as unknown as Row;
  };
}

/** A BLOB crosses the thread boundary as a Uint8Array; rows read here carry Buffers. */
function fromWire(values: unknown[]): unknown[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) values[i] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return values;
}

function resultSet(columns: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes: columns.map(() => ''),
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, rows: rows.map((r) => Array.from(r as unknown as unknown[])), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}


function asLibsqlError(err: unknown): LibsqlError {
  if (err instanceof LibsqlError) return err;
  const e = err as { message?: string; code?: string; rawCode?: number };
  // As @libsql/client's own driver wraps it: the SQLite code, its message, the driver's error as the cause.
  const extended = e.code ?? 'SQLITE_UNKNOWN';
  return new LibsqlError(e.message ?? String(err), extended.split('_').slice(0, 2).join('_'), extended, e.rawCode, err instanceof Error ? err : undefined);
}

export function preparedEmbeddedClient(official: Client, path: string, timeoutMs: number): Client {
  const db = new Database(path, { timeout: timeoutMs });
  // This connection no longer commits writes, so it would never checkpoint; said outright, so
  // that it cannot start one on the event loop. The writer's autocheckpoint does them (db/embedded-writer.js).
  // @libsql/client's connections keep theirs: they commit only migrations at boot and the rare
  // interactive transaction, and a new one of its pool would not carry the setting anyway.
  db.exec('PRAGMA wal_autocheckpoint = 0');
  const writer = writerThread(path, timeoutMs);
  const statements = new Map<string, Entry>();

  function prepared(sql: string): Entry {
    let entry = statements.get(sql);
    if (entry) return entry;
    // Bounded by starting over, not by recency: the app's statements are a fixed set that
    // refills at once, and moving an entry to the Map's end on every use (delete, then set)
    // costs V8 time that grows with the Map (worker/lib/byte-lru.ts).
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    const statement = db.prepare(sql);
    const columns: string[] = statement.reader ? statement.columns().map((c: { name: string }) => c.name) : [];
    entry = { statement, columns, row: rowMaker(columns), writes: writes(db, sql) };
    if (statement.reader) statement.raw(true);
    statements.set(sql, entry);
    return entry;
  }

  /** A statement's text and bound values; its entry, unless it does not prepare here (a batch may create what it uses). */
  function parse(stmt: InStatement, args?: InArgs): { wire: WireStatement; entry: Entry | undefined; error?: unknown } {
    if (official.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const wire = { sql, args: bind(typeof stmt === 'string' ? args : stmt.args) };
    try {
      return { wire, entry: prepared(sql) };
    } catch (error) {
      return { wire, entry: undefined, error };
    }
  }

  function runHere({ statement, columns, row }: Entry, values: WireStatement['args']): ResultSet {
    if (statement.reader) {
      const rows = (statement.all(values) as unknown[][]).map(row);
      return resultSet(columns, rows, 0, undefined);
    }
    const info = statement.run(values) as { changes: number; lastInsertRowid: number | bigint };
    return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
  }

  function fromWriter(result: WireResult, entry: Entry | undefined): ResultSet {
    if (!result.rows) return resultSet([], [], result.changes, BigInt(result.lastInsertRowid));
    const row = entry?.row ?? rowMaker(result.columns!);
    return resultSet(result.columns!, result.rows.map((values) => row(fromWire(values))), 0, undefined);
  }

  const client: Client = {
    async execute(stmt: InStatement, args?: InArgs) {
      try {
        const { wire, entry, error } = parse(stmt, args);
        if (!entry) throw error;
        if (!entry.writes) return runHere(entry, wire.args);
        const [result] = await writer.run([wire]);
        return fromWriter(result!, entry);
      } catch (err) {
        throw asLibsqlError(err);
      }
    },
    async batch(stmts, mode: TransactionMode = 'deferred') {
      void mode; // Either way all or nothing: a batch that writes is one savepoint on the writer, one that only reads is one snapshot here.
      try {
        const parsed = stmts.map((s) => (Array.isArray(s) ? parse(s[0], s[1]) : parse(s as InStatement)));
        if (parsed.some((p) => !p.entry || p.entry.writes)) {
          // Statements that did not prepare here may depend on earlier ones (CREATE, then INSERT):
          // the writer runs them in order and reports the error, if there still is one, in its place.
          const results = await writer.run(parsed.map((p) => p.wire));
          return results.map((r, i) => fromWriter(r, parsed[i]!.entry));
        }
        // Reads only: one snapshot, synchronous from BEGIN to COMMIT. DEFERRED even for a 'write'
        // batch, so this thread never takes the write lock (and never waits for it).
        db.exec('BEGIN DEFERRED');
        try {
          const results = parsed.map((p) => runHere(p.entry!, p.wire.args));
          db.exec('COMMIT');
          return results;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      } catch (err) {
        throw asLibsqlError(err);
      }
    },
    migrate: (stmts) => official.migrate(stmts),
    transaction: (mode?: TransactionMode) => official.transaction(mode),
    executeMultiple: (sql) => official.executeMultiple(sql),
    sync: () => official.sync(),
    reconnect: () => official.reconnect(),
    close() {
      if (official.closed) return;
      writer.close();
      statements.clear();
      db.close();
      official.close();
    },
    get closed() {
      return official.closed;
    },
    get protocol() {
      return official.protocol;
    },
  };
  writers.set(client, writer);
  return client;
}

const writers = new WeakMap<Client, WriterThread>();

/** The writer thread behind a client from preparedEmbeddedClient: its commit count, its Worker (for benchmarks and tests). */
export function embeddedWriter(client: Client): Pick<WriterThread, 'commits' | 'worker'> | undefined {
  return writers.get(client);
}
