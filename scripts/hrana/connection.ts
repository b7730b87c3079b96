/** Engine connections for streams: one per stream on a database file, one shared and queued for :memory:. */

import Database from 'libsql';
import { RequestError, serverClosed } from './errors';
import { leadingKeyword, scanParameters } from './params';
import { encodeRow, isArray, type BindValue, type Col, type DescribeResult, type ProtoValue, type StmtResult } from './protocol';

export interface Lease {
  readonly connection: Connection;
  /** Rolls back anything left open and gives the connection up. Idempotent. */
  release(): void;
}

export interface ConnectionSource {
  /** True when all streams share one connection, so an idle stream must hand it back. */
  readonly shared: boolean;
  acquire(deadline: number): Promise<Lease>;
  close(): void;
}

export function openConnectionSource(url: string): ConnectionSource {
  const path = databasePath(url);
  return path === ':memory:' ? new SharedMemorySource() : new FileSource(path);
}

/** Turns `file:./x.db`, `file:///abs/x.db`, `file::memory:` or a bare path into what the engine opens. */
export function databasePath(url: string): string {
  if (url === ':memory:') return url;
  let path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  path = path.split('?')[0] ?? '';
  if (path.startsWith('//')) path = path.slice(2).replace(/^localhost(?=\/)/, '');
  path = decodeURIComponent(path);
  if (path === '') throw new Error(`No database path in ${JSON.stringify(url)}`);
  return path;
}

/** A database file: every stream gets its own connection, as with sqld, so transactions stay per stream. */
class FileSource implements ConnectionSource {
  readonly shared = false;
  #closed = false;
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    // Fail at startup rather than on the first request if the file cannot be opened.
    this.#connect().close();
  }

  acquire(): Promise<Lease> {
    if (this.#closed) return Promise.reject(serverClosed());
    const connection = this.#connect();
    return Promise.resolve({ connection, release: () => connection.close() });
  }

  close(): void {
    this.#closed = true;
  }

  #connect(): Connection {
    const db = new Database(this.#path);
    try {
      db.exec('PRAGMA journal_mode = WAL'); // readers never wait for the writer
      // Deliberately 0, not a blocking wait: Connection retries on SQLITE_BUSY without stalling the event loop.
      db.exec('PRAGMA busy_timeout = 0');
    } catch (e) {
      db.close();
      throw e;
    }
    return new Connection(db);
  }
}

/**
 * `:memory:` databases live and die with a connection, so all streams share one. A stream holds it
 * exclusively for a request, and across requests while it has a transaction open; others queue.
 */
class SharedMemorySource implements ConnectionSource {
  readonly shared = true;
  #connection = new Connection(new Database(':memory:'));
  #held = false;
  #waiters: { grant(): void; fail(e: Error): void }[] = [];

  acquire(deadline: number): Promise<Lease> {
    if (!this.#connection.isOpen) return Promise.reject(serverClosed());
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#lease());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.#lease());
        },
        fail: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new RequestError('SQLITE_BUSY', 'database is locked: another stream has a transaction open on it'));
      }, Math.max(0, deadline - Date.now()));
      this.#waiters.push(waiter);
    });
  }

  close(): void {
    this.#connection.close();
    for (const waiter of this.#waiters) waiter.fail(serverClosed());
    this.#waiters = [];
  }

  #lease(): Lease {
    let released = false;
    return {
      connection: this.#connection,
      release: () => {
        if (released) return;
        released = true;
        this.#connection.rollbackQuietly();
        const next = this.#waiters.shift();
        if (next === undefined) this.#held = false;
        else next.grant(); // hand over directly, so nobody can slip in between
      },
    };
  }
}

/** One engine connection. Methods refuse once it is closed: touching a closed libsql handle can abort the process. */
export class Connection {
  #db: Database.Database;
  #open = true;
  #stuck = false;
  // Read around each statement; cached because it runs for every statement.
  #counters: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#counters = db
      .prepare('SELECT total_changes(), changes(), last_insert_rowid()')
      .raw(true)
      .safeIntegers(true);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  get inTransaction(): boolean {
    return this.#open && this.#db.inTransaction;
  }

  /**
   * True once a statement gave up on SQLITE_BUSY/SQLITE_LOCKED. Such a statement stays mid-step
   * (libsql only resets a statement when it is run again, and finalizes it on GC), and while it
   * does, SQLite never autocommits this connection's later writes and refuses COMMIT.
   */
  get stuck(): boolean {
    return this.#stuck;
  }

  async execute(sql: string, args: BindValue[], wantRows: boolean, deadline: number): Promise<StmtResult> {
    const started = performance.now();
    const stmt = await this.#whileBusy(deadline, (db) => db.prepare(sql).safeIntegers(true));
    const before = this.#readCounters();
    let cols: Col[] = [];
    let rows: ProtoValue[][] = [];
    if (stmt.reader) {
      stmt.raw(true);
      cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type }));
      const raw = await this.#whileBusy(deadline, () => stmt.all(args));
      if (wantRows) rows = raw.map(encodeRow);
    } else {
      await this.#whileBusy(deadline, () => stmt.run(args));
    }
    const after = this.#readCounters();
    return {
      cols,
      rows,
      // changes() still holds the last INSERT/UPDATE/DELETE's count; trust it only if this statement changed rows.
      affected_row_count: after.total !== before.total ? Number(after.changes) : 0,
      last_insert_rowid: after.lastInsertRowid.toString(),
      // The engine does not expose per-statement read/write counters.
      rows_read: 0,
      rows_written: 0,
      query_duration_ms: performance.now() - started,
    };
  }

  sequence(sql: string): void {
    // sqlite3_exec finalizes its statements even on failure, so nothing gets stuck here; but the
    // statements before a busy one have run, so this is not retried either.
    this.#live().exec(sql);
  }

  describe(sql: string): DescribeResult {
    const db = this.#live();
    const stmt = db.prepare(sql);
    const isExplain = leadingKeyword(sql) === 'EXPLAIN';
    return {
      params: scanParameters(sql).map((name) => ({ name: name ?? null })),
      cols: stmt.columns().map((c) => ({ name: c.name, decltype: c.type })),
      is_explain: isExplain,
      is_readonly: isExplain || !writesDatabase(db, sql),
    };
  }

  rollbackQuietly(): void {
    if (!this.inTransaction) return;
    try {
      this.#db.exec('ROLLBACK');
    } catch {
      // Nothing more we can do.
    }
  }

  close(): void {
    if (!this.#open) return;
    // Roll back first: with statements not yet finalized, close() leaves a zombie connection
    // that keeps its transaction, and its write lock, until GC.
    this.rollbackQuietly();
    this.#open = false;
    this.#db.close();
  }

  /**
   * Runs `attempt` until it stops failing with SQLITE_BUSY. SQLite's own busy_timeout would sleep
   * inside the native call and freeze the event loop, which is where the lock holder's COMMIT has
   * to run, so in one process it could only ever time out. Retrying the same statement object is
   * what SQLite expects (it resumes the step); a statement that failed with plain SQLITE_BUSY has
   * had no effect. A stale snapshot reports SQLITE_BUSY_SNAPSHOT instead, which no wait can fix.
   */
  async #whileBusy<T>(deadline: number, attempt: (db: Database.Database) => T): Promise<T> {
    for (let delayMs = 2; ; delayMs = Math.min(delayMs * 2, 50)) {
      try {
        return attempt(this.#live()); // re-checked each time: the stream may close while we wait
      } catch (e) {
        const code = e instanceof Database.SqliteError ? e.code : '';
        const retryable = code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
        if (!retryable || Date.now() + delayMs > deadline) {
          if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) this.#stuck = true;
          throw e;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  #live(): Database.Database {
    if (!this.#open) throw new RequestError('STREAM_CLOSED', 'The connection has been closed');
    return this.#db;
  }

  #readCounters(): { total: bigint; changes: bigint; lastInsertRowid: bigint } {
    const row = this.#counters.all()[0];
    if (!isArray(row)) throw new Error('SELECT total_changes() returned no row');
    const [total, changes, lastInsertRowid] = row.map((v) => BigInt(String(v)));
    return { total: total ?? 0n, changes: changes ?? 0n, lastInsertRowid: lastInsertRowid ?? 0n };
  }
}

/** What sqlite3_stmt_readonly() answers: does the compiled program open a write transaction? */
function writesDatabase(db: Database.Database, sql: string): boolean {
  const program = db.prepare(`EXPLAIN ${sql}`).raw(true).all();
  // EXPLAIN columns: addr, opcode, p1, p2, ...; `Transaction` with p2 != 0 is a write transaction.
  return program.some((op) => isArray(op) && op[1] === 'Transaction' && Number(op[3]) !== 0);
}
