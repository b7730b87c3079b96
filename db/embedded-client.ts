/**
 * The embedded engine with its statements prepared once.
 *
 * @libsql/client's local driver prepares every statement anew, asks it for
 * its columns twice and builds each row property by property: on a cache
 * miss of the public read path that was a third of the server's CPU, the
 * SQL itself a tenth. This client keeps each statement drizzle sends (its
 * text is the same for every request of a route) prepared on its own
 * connection, and reads rows as arrays.
 *
 * Only `execute` and `batch` — every query and write the app makes — take this
 * path. Interactive transactions, migrations and multi-statement scripts go
 * to @libsql/client on its own connection, so their semantics stay libSQL's.
 * Both connections share the file (WAL, FULL sync, a busy timeout), as two
 * processes do.
 */
import { LibsqlError, type Client, type InArgs, type InStatement, type ResultSet, type Row, type TransactionMode } from '@libsql/client';
import Database from 'libsql';

/** Statements kept prepared; the app's few hundred fit, and ad-hoc SQL cannot grow it without end. */
const MAX_STATEMENTS = 500;

type Prepared = ReturnType<InstanceType<typeof Database>['prepare']>;
interface Entry {
  statement: Prepared;
  columns: string[];
  row: (values: unknown[]) => Row;
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

const beginFor: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN DEFERRED', deferred: 'BEGIN DEFERRED' };

function asLibsqlError(err: unknown): LibsqlError {
  if (err instanceof LibsqlError) return err;
  const e = err as { message?: string; code?: string; rawCode?: number };
  // As @libsql/client's own driver wraps it: the SQLite code, its message, the driver's error as the cause.
  const extended = e.code ?? 'SQLITE_UNKNOWN';
  return new LibsqlError(e.message ?? String(err), extended.split('_').slice(0, 2).join('_'), extended, e.rawCode, err instanceof Error ? err : undefined);
}

export function preparedEmbeddedClient(official: Client, path: string, timeoutMs: number): Client {
  const db = new Database(path, { timeout: timeoutMs });
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
    entry = { statement, columns, row: rowMaker(columns) };
    if (statement.reader) statement.raw(true);
    statements.set(sql, entry);
    return entry;
  }

  function run(stmt: InStatement, args?: InArgs): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const values = bind(typeof stmt === 'string' ? args : stmt.args);
    const { statement, columns, row } = prepared(sql);
    if (statement.reader) {
      const rows = (statement.all(values) as unknown[][]).map(row);
      return resultSet(columns, rows, 0, undefined);
    }
    const info = statement.run(values) as { changes: number; lastInsertRowid: number | bigint };
    return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
  }

  const client: Client = {
    async execute(stmt: InStatement, args?: InArgs) {
      try {
        return run(stmt, args);
      } catch (err) {
        throw asLibsqlError(err);
      }
    },
    async batch(stmts, mode: TransactionMode = 'deferred') {
      // Synchronous from BEGIN to COMMIT: no other request's statement can land inside it.
      db.exec(beginFor[mode]);
      try {
        const results = stmts.map((s) => (Array.isArray(s) ? run(s[0], s[1]) : run(s as InStatement)));
        db.exec('COMMIT');
        return results;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw asLibsqlError(err);
      }
    },
    migrate: (stmts) => official.migrate(stmts),
    transaction: (mode?: TransactionMode) => official.transaction(mode),
    executeMultiple: (sql) => official.executeMultiple(sql),
    sync: () => official.sync(),
    reconnect: () => official.reconnect(),
    close() {
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
  return client;
}
