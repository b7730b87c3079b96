/** Local Hrana-over-HTTP endpoint on the embedded libSQL engine, replacing sqld in dev and tests (Turso's dev server rejects the client's `close`). */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Database from 'libsql';

// ---------------------------------------------------------------------------
// Public API

export interface HranaHandlerOptions {
  /** `file:<path>` (or a bare path) for a database file; `:memory:` for a throwaway database. */
  url: string;
  /** When set, pipeline requests must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** How long a stream may sit idle before it is dropped and its open transaction rolled back. */
  streamIdleTimeoutMs?: number;
  /** How long a statement keeps retrying while another stream holds the write lock. */
  busyTimeoutMs?: number;
}

export interface HranaServerOptions extends HranaHandlerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface HranaServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HranaHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Rolls back and drops every stream and closes the database. */
  close(): Promise<void>;
}

const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 10_000; // what sqld uses
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function startHranaServer(opts: HranaServerOptions): Promise<HranaServer> {
  const hrana = createHranaHandler(opts);
  const server = createServer((req, res) => hrana.handle(req, res));
  const host = opts.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, opts.port ?? 0, host);
  } catch (e) {
    await hrana.close();
    throw e;
  }
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The official client keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      });
      await hrana.close();
    },
  };
}

export function createHranaHandler(opts: HranaHandlerOptions): HranaHandler {
  const source = openConnectionSource(opts.url);
  const streams = new StreamRegistry(opts.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS);
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const isAuthorized = bearerCheck(opts.authToken);

  async function runPipeline(body: PipelineBody): Promise<PipelineResponse> {
    const stream =
      body.baton === undefined ? streams.add(new Stream(source, busyTimeoutMs)) : streams.checkOut(body.baton);
    if (stream === undefined) {
      const message = 'Unknown baton: the stream was closed, expired after inactivity, or never existed';
      throw new HttpError(400, 'STREAM_EXPIRED', message);
    }
    const results: StreamResult[] = [];
    try {
      for (const request of body.requests) results.push(await stream.handle(request));
    } catch (e) {
      // Only a bug gets here (SQL errors become results), so don't leave the stream half-done.
      stream.close();
      streams.checkIn(stream);
      throw e;
    }
    stream.endPipeline();
    return { baton: streams.checkIn(stream), base_url: null, results };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && (path === '/health' || path === '/')) return sendText(res, 200, 'ok');
    // Version probes arrive without credentials (the client sends a bare GET), so they stay open.
    if (req.method === 'GET' && (path === '/v2' || path === '/v3')) return sendText(res, 200, `Hrana ${path.slice(1)} (JSON)`);
    if (req.method === 'POST' && (path === '/v2/pipeline' || path === '/v3/pipeline')) {
      if (!isAuthorized(req)) throw new HttpError(401, 'UNAUTHORIZED', 'Missing or wrong Authorization: Bearer token');
      const body = parsePipelineBody(await readJson(req));
      return sendJson(res, 200, await runPipeline(body));
    }
    // Protobuf (`/v3-protobuf`) and cursors are not implemented; a 404 on the probe makes clients fall back to JSON.
    sendText(res, 404, 'Not found');
  }

  return {
    handle(req, res) {
      route(req, res).catch((e: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (e instanceof HttpError) return sendJson(res, e.status, { message: e.message, code: e.code });
        console.error('hrana-server: internal error', e);
        sendJson(res, 500, { message: e instanceof Error ? e.message : String(e), code: 'INTERNAL_ERROR' });
      });
    },
    async close() {
      streams.closeAll();
      source.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('expected a TCP address'));
      resolve(address.port);
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// ---------------------------------------------------------------------------
// HTTP plumbing

/** Fails the whole HTTP request; the client then treats the stream as gone. */
class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function protocolError(message: string): HttpError {
  return new HttpError(400, 'PROTOCOL_ERROR', message);
}

function bearerCheck(token: string | undefined): (req: IncomingMessage) => boolean {
  if (!token) return () => true;
  const expected = sha256(`Bearer ${token}`);
  // Hashing first gives equal-length inputs, so timingSafeEqual can compare them.
  return (req) => timingSafeEqual(sha256(req.headers.authorization ?? ''), expected);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw protocolError('Request body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  // Exactly `application/json`: the client compares the header verbatim before reading an error body.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// ---------------------------------------------------------------------------
// Streams and batons

/**
 * Streams between requests, keyed by their current baton. A baton is good for one request only:
 * checking a stream out forgets it and the response carries a fresh one, which is how concurrent
 * reuse of a baton is refused.
 */
class StreamRegistry {
  #idle = new Map<string, { stream: Stream; timer: NodeJS.Timeout }>();
  // Every open stream, including those in the middle of a request, so shutdown reaches them all.
  #live = new Set<Stream>();
  #closed = false;
  readonly #idleTimeoutMs: number;

  constructor(idleTimeoutMs: number) {
    this.#idleTimeoutMs = idleTimeoutMs;
  }

  add(stream: Stream): Stream {
    this.#live.add(stream);
    return stream;
  }

  checkOut(baton: string): Stream | undefined {
    const entry = this.#idle.get(baton);
    if (entry === undefined) return undefined;
    this.#idle.delete(baton);
    clearTimeout(entry.timer);
    return entry.stream;
  }

  /** Parks a stream after a request; returns its next baton, or null once it is closed. */
  checkIn(stream: Stream): string | null {
    if (stream.closed || this.#closed) {
      stream.close();
      this.#live.delete(stream);
      return null;
    }
    const baton = randomBytes(24).toString('base64url');
    const timer = setTimeout(() => {
      this.#idle.delete(baton);
      this.#live.delete(stream);
      stream.close();
    }, this.#idleTimeoutMs);
    timer.unref();
    this.#idle.set(baton, { stream, timer });
    return baton;
  }

  closeAll(): void {
    this.#closed = true;
    for (const { timer } of this.#idle.values()) clearTimeout(timer);
    this.#idle.clear();
    for (const stream of this.#live) stream.close();
    this.#live.clear();
  }
}

/** One Hrana stream: an SQLite connection's worth of state (transaction, stored SQL texts). */
class Stream {
  #lease: Lease | undefined;
  #sqls = new Map<number, string>();
  #closed = false;
  readonly #source: ConnectionSource;
  readonly #busyTimeoutMs: number;

  constructor(source: ConnectionSource, busyTimeoutMs: number) {
    this.#source = source;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async handle(request: StreamRequest): Promise<StreamResult> {
    try {
      return { type: 'ok', response: await this.#dispatch(request) };
    } catch (e) {
      return { type: 'error', error: toProtoError(e) };
    } finally {
      this.#dropStuckConnection();
    }
  }

  /** A shared connection goes back to the pool between requests unless this stream is mid-transaction. */
  endPipeline(): void {
    if (this.#lease !== undefined && this.#source.shared && !this.#lease.connection.inTransaction) {
      this.#lease.release();
      this.#lease = undefined;
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#lease?.release();
    this.#lease = undefined;
    this.#sqls.clear();
  }

  /**
   * A connection with a statement stuck mid-step can no longer autocommit (see Connection), so
   * once it is outside a transaction it is swapped for a fresh one on the next request. Only
   * connections of our own can be swapped; the shared :memory: one never sees SQLITE_BUSY anyway.
   */
  #dropStuckConnection(): void {
    const connection = this.#lease?.connection;
    if (connection?.stuck && !connection.inTransaction && !this.#source.shared) {
      this.#lease?.release();
      this.#lease = undefined;
    }
  }

  async #dispatch(request: StreamRequest): Promise<StreamResponse> {
    if (this.#closed) throw new RequestError('STREAM_CLOSED', 'The stream has already been closed');
    switch (request.type) {
      case 'close':
        this.close();
        return { type: 'close' };
      case 'execute':
        return { type: 'execute', result: await this.#execute(await this.#connection(), request.stmt) };
      case 'batch':
        return { type: 'batch', result: await this.#batch(await this.#connection(), request.batch) };
      case 'sequence': {
        const sql = this.#sqlText(request.sql);
        // Not retried on SQLITE_BUSY: the statements before the busy one have already run.
        (await this.#connection()).sequence(sql);
        return { type: 'sequence' };
      }
      case 'describe': {
        const sql = this.#sqlText(request.sql);
        return { type: 'describe', result: (await this.#connection()).describe(sql) };
      }
      case 'store_sql':
        if (this.#sqls.has(request.sqlId)) {
          throw new RequestError('SQL_STORE_EXISTS', `sql_id ${request.sqlId} is already in use on this stream`);
        }
        this.#sqls.set(request.sqlId, request.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        this.#sqls.delete(request.sqlId);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: !(await this.#connection()).inTransaction };
    }
  }

  async #connection(): Promise<Connection> {
    if (this.#lease === undefined) {
      const lease = await this.#source.acquire(Date.now() + this.#busyTimeoutMs);
      if (this.#closed) {
        // Closed (server shutdown) while waiting for the connection.
        lease.release();
        throw new RequestError('STREAM_CLOSED', 'The stream has already been closed');
      }
      this.#lease = lease;
    }
    return this.#lease.connection;
  }

  #execute(connection: Connection, stmt: Stmt): Promise<StmtResult> {
    const sql = this.#sqlText(stmt.sql);
    const args = bindArgs(sql, stmt.args, stmt.namedArgs);
    return connection.execute(sql, args, stmt.wantRows, Date.now() + this.#busyTimeoutMs);
  }

  async #batch(connection: Connection, batch: Batch): Promise<BatchResult> {
    const outcome: BatchResult = { step_results: [], step_errors: [] };
    for (const step of batch.steps) {
      let result: StmtResult | null = null;
      let error: ProtoError | null = null;
      if (step.condition === undefined || evalCondition(step.condition, outcome, connection)) {
        try {
          result = await this.#execute(connection, step.stmt);
        } catch (e) {
          error = toProtoError(e);
        }
      }
      outcome.step_results.push(result);
      outcome.step_errors.push(error);
    }
    return outcome;
  }

  #sqlText(ref: SqlRef): string {
    if ('sql' in ref) return ref.sql;
    const sql = this.#sqls.get(ref.sqlId);
    if (sql === undefined) throw new RequestError('SQL_NOT_FOUND', `No SQL text is stored under sql_id ${ref.sqlId}`);
    return sql;
  }
}

function evalCondition(cond: BatchCond, outcome: BatchResult, connection: Connection): boolean {
  switch (cond.type) {
    case 'ok':
      return outcome.step_results[cond.step] != null;
    case 'error':
      return outcome.step_errors[cond.step] != null;
    case 'not':
      return !evalCondition(cond.cond, outcome, connection);
    case 'and':
      return cond.conds.every((c) => evalCondition(c, outcome, connection));
    case 'or':
      return cond.conds.some((c) => evalCondition(c, outcome, connection));
    case 'is_autocommit':
      return !connection.inTransaction;
  }
}

// ---------------------------------------------------------------------------
// Connections

interface Lease {
  readonly connection: Connection;
  /** Rolls back anything left open and gives the connection up. Idempotent. */
  release(): void;
}

interface ConnectionSource {
  /** True when all streams share one connection, so an idle stream must hand it back. */
  readonly shared: boolean;
  acquire(deadline: number): Promise<Lease>;
  close(): void;
}

function openConnectionSource(url: string): ConnectionSource {
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
class Connection {
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

// Array.isArray narrows to any[]; engine rows are unknown until checked.
function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function encodeRow(row: unknown): ProtoValue[] {
  if (!isArray(row)) throw new Error('expected a raw row from the engine');
  return row.map(encodeValue);
}

function encodeValue(value: unknown): ProtoValue {
  if (value === null) return { type: 'null' };
  // safeIntegers(true) makes every INTEGER a bigint, so a number is always a REAL.
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  throw new Error(`unexpected ${typeof value} value from the engine`);
}

// ---------------------------------------------------------------------------
// SQL parameters

/**
 * Parameter names by 1-based index (index i at [i - 1]): a string for named and `?NNN` parameters,
 * null for a bare `?`, undefined for an index no parameter uses. Follows SQLite's numbering:
 * `?NNN` takes index NNN, a bare `?` the next one, and a repeated name reuses its first index.
 * The engine binding API has no sqlite3_bind_parameter_name(), hence this scan.
 */
export function scanParameters(sql: string): (string | null | undefined)[] {
  const params: (string | null | undefined)[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(sql, i);
    else if (c === '[') i = skipPast(sql, ']', i + 1);
    else if (c === '-' && next === '-') i = skipPast(sql, '\n', i + 2);
    else if (c === '/' && next === '*') i = skipPast(sql, '*/', i + 2);
    else if (c === '?') {
      const end = wordEnd(sql, i + 1, isDigit);
      if (end === i + 1) params.push(null);
      else {
        const index = Number(sql.slice(i + 1, end));
        while (params.length < index) params.push(undefined);
        params[index - 1] = sql.slice(i, end);
      }
      i = end;
    } else if (c === ':' || c === '@' || c === '$') {
      const end = wordEnd(sql, i + 1, isIdChar);
      const name = sql.slice(i, end);
      if (end > i + 1 && !seen.has(name)) {
        seen.add(name);
        params.push(name);
      }
      i = Math.max(end, i + 1);
    } else if (isIdChar(c)) {
      // Skip whole words so `a$b` or the `x` of `x'00'` are not misread.
      i = wordEnd(sql, i, isIdChar);
    } else i++;
  }
  return params;
}

/** The first keyword of a statement, uppercased, after whitespace and comments. */
function leadingKeyword(sql: string): string {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i] ?? '')) i++;
    if (sql.startsWith('--', i)) i = skipPast(sql, '\n', i + 2);
    else if (sql.startsWith('/*', i)) i = skipPast(sql, '*/', i + 2);
    else break;
  }
  return sql.slice(i, wordEnd(sql, i, isIdChar)).toUpperCase();
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdChar(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;
}

function wordEnd(sql: string, from: number, accept: (c: string) => boolean): number {
  let i = from;
  while (i < sql.length && accept(sql[i] ?? '')) i++;
  return i;
}

function skipPast(sql: string, terminator: string, from: number): number {
  const at = sql.indexOf(terminator, from);
  return at === -1 ? sql.length : at + terminator.length;
}

/** Skips a quoted string or identifier, where a doubled quote is an escaped one. */
function skipQuoted(sql: string, start: number): number {
  const quote = sql[start] ?? '';
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(quote, i);
    if (at === -1) return sql.length;
    if (sql[at + 1] !== quote) return at + 1;
    i = at + 2;
  }
}

/**
 * Positional values for the statement, with named arguments moved to their indexes. The engine
 * is only ever given an array: its by-name binding silently binds NULL for prefixed names and
 * aborts the process if the statement also has a bare `?`.
 */
function bindArgs(sql: string, args: BindValue[], namedArgs: NamedArg[]): BindValue[] {
  const params = scanParameters(sql);
  if (args.length > params.length) {
    const message = `The statement has ${params.length} parameters but ${args.length} positional arguments were given`;
    throw new RequestError('ARGS_INVALID', message);
  }
  // Indexes no parameter uses still need a value; NULL is what SQLite leaves there anyway.
  const values = params.map((name, i): BindValue | undefined => {
    if (i < args.length) return args[i];
    return name === undefined ? null : undefined;
  });
  for (const { name, value } of namedArgs) {
    const index = findParameter(params, name);
    if (index === -1) throw new RequestError('ARGS_INVALID', `No parameter named ${JSON.stringify(name)} in the statement`);
    values[index] = value; // named wins over positional, as the spec says
  }
  const missing = values.findIndex((v) => v === undefined);
  if (missing !== -1) {
    const name = params[missing];
    throw new RequestError('ARGS_INVALID', `No value given for parameter ${name ?? `#${missing + 1}`}`);
  }
  return values as BindValue[];
}

/** Names may come without their `:`, `@` or `$`, in which case we guess the prefix. */
function findParameter(params: (string | null | undefined)[], name: string): number {
  const candidates = /^[:@$?]/.test(name) ? [name] : [`:${name}`, `@${name}`, `$${name}`];
  for (const candidate of candidates) {
    const index = params.indexOf(candidate);
    if (index !== -1) return index;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Errors reported per request

/** Fails one stream request (reported in its result); the rest of the pipeline still runs. */
class RequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function serverClosed(): RequestError {
  return new RequestError('SERVER_CLOSED', 'The server is shutting down');
}

function toProtoError(e: unknown): ProtoError {
  if (e instanceof RequestError) return { message: e.message, code: e.code };
  if (e instanceof Database.SqliteError) {
    // Match sqld: the primary code (SQLITE_CONSTRAINT, not SQLITE_CONSTRAINT_UNIQUE) and this message prefix.
    return { message: `SQLite error: ${e.message}`, code: e.code.split('_').slice(0, 2).join('_') };
  }
  throw e;
}

// ---------------------------------------------------------------------------
// Protocol messages (see docs/HRANA_3_SPEC.md in tursodatabase/libsql)

type BindValue = null | bigint | number | string | Buffer;
interface NamedArg {
  name: string;
  value: BindValue;
}
type SqlRef = { sql: string } | { sqlId: number };
interface Stmt {
  sql: SqlRef;
  args: BindValue[];
  namedArgs: NamedArg[];
  wantRows: boolean;
}
type BatchCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and' | 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };
interface Batch {
  steps: { condition?: BatchCond; stmt: Stmt }[];
}
type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: Batch }
  | { type: 'sequence'; sql: SqlRef }
  | { type: 'describe'; sql: SqlRef }
  | { type: 'store_sql'; sqlId: number; sql: string }
  | { type: 'close_sql'; sqlId: number }
  | { type: 'get_autocommit' };
interface PipelineBody {
  baton?: string;
  requests: StreamRequest[];
}

type ProtoValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };
interface ProtoError {
  message: string;
  code: string;
}
interface Col {
  name: string | null;
  decltype: string | null;
}
interface StmtResult {
  cols: Col[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}
interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}
interface DescribeResult {
  params: { name: string | null }[];
  cols: Col[];
  is_explain: boolean;
  is_readonly: boolean;
}
type StreamResponse =
  | { type: 'close' | 'sequence' | 'store_sql' | 'close_sql' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'get_autocommit'; is_autocommit: boolean };
type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: ProtoError };
interface PipelineResponse {
  baton: string | null;
  base_url: null;
  results: StreamResult[];
}

// ---------------------------------------------------------------------------
// Decoding request JSON. Anything malformed fails the whole request with a 400, as in sqld.

type JsonObject = Record<string, unknown>;

function parsePipelineBody(value: unknown): PipelineBody {
  const body = object(value, 'request body');
  const baton = optional(body.baton, (v) => string(v, 'baton'));
  const requests = array(body.requests, 'requests').map((r, i) => parseRequest(r, `requests[${i}]`));
  return baton === undefined ? { requests } : { baton, requests };
}

function parseRequest(value: unknown, where: string): StreamRequest {
  const req = object(value, where);
  const type = string(req.type, `${where}.type`);
  switch (type) {
    case 'close':
    case 'get_autocommit':
      return { type };
    case 'execute':
      return { type, stmt: parseStmt(req.stmt, `${where}.stmt`) };
    case 'batch':
      return { type, batch: parseBatch(req.batch, `${where}.batch`) };
    case 'sequence':
    case 'describe':
      return { type, sql: parseSqlRef(req, where) };
    case 'store_sql':
      return { type, sqlId: int(req.sql_id, `${where}.sql_id`), sql: string(req.sql, `${where}.sql`) };
    case 'close_sql':
      return { type, sqlId: int(req.sql_id, `${where}.sql_id`) };
    default:
      throw protocolError(`${where}: unsupported request type ${JSON.stringify(type)}`);
  }
}

function parseSqlRef(obj: JsonObject, where: string): SqlRef {
  const sql = optional(obj.sql, (v) => string(v, `${where}.sql`));
  const sqlId = optional(obj.sql_id, (v) => int(v, `${where}.sql_id`));
  if (sql !== undefined && sqlId === undefined) return { sql };
  if (sqlId !== undefined && sql === undefined) return { sqlId };
  throw protocolError(`${where}: exactly one of sql and sql_id is required`);
}

function parseStmt(value: unknown, where: string): Stmt {
  const stmt = object(value, where);
  return {
    sql: parseSqlRef(stmt, where),
    args: optionalArray(stmt.args, `${where}.args`).map((v, i) => parseValue(v, `${where}.args[${i}]`)),
    namedArgs: optionalArray(stmt.named_args, `${where}.named_args`).map((v, i) => {
      const at = `${where}.named_args[${i}]`;
      const arg = object(v, at);
      return { name: string(arg.name, `${at}.name`), value: parseValue(arg.value, `${at}.value`) };
    }),
    wantRows: optional(stmt.want_rows, (v) => boolean(v, `${where}.want_rows`)) ?? true,
  };
}

function parseBatch(value: unknown, where: string): Batch {
  const steps = array(object(value, where).steps, `${where}.steps`).map((v, i) => {
    const step = object(v, `${where}.steps[${i}]`);
    const condition = optional(step.condition, (c) => parseCondition(c, i, `${where}.steps[${i}].condition`));
    const stmt = parseStmt(step.stmt, `${where}.steps[${i}].stmt`);
    return condition === undefined ? { stmt } : { condition, stmt };
  });
  return { steps };
}

/** `stepIndex` is the step owning the condition, which may only look at earlier steps. */
function parseCondition(value: unknown, stepIndex: number, where: string): BatchCond {
  const cond = object(value, where);
  const type = string(cond.type, `${where}.type`);
  switch (type) {
    case 'ok':
    case 'error': {
      const step = int(cond.step, `${where}.step`);
      if (step < 0 || step >= stepIndex) throw protocolError(`${where}: step ${step} is not an earlier step`);
      return { type, step };
    }
    case 'not':
      return { type, cond: parseCondition(cond.cond, stepIndex, `${where}.cond`) };
    case 'and':
    case 'or':
      return {
        type,
        conds: array(cond.conds, `${where}.conds`).map((c, i) => parseCondition(c, stepIndex, `${where}.conds[${i}]`)),
      };
    case 'is_autocommit':
      return { type };
    default:
      throw protocolError(`${where}: unsupported condition type ${JSON.stringify(type)}`);
  }
}

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

function parseValue(value: unknown, where: string): BindValue {
  const v = object(value, where);
  const type = string(v.type, `${where}.type`);
  switch (type) {
    case 'null':
      return null;
    case 'integer': {
      // A string in JSON so that 64-bit values survive; accept a plain safe integer too.
      const raw =
        typeof v.value === 'number' && Number.isSafeInteger(v.value) ? String(v.value) : string(v.value, `${where}.value`);
      if (!/^-?\d+$/.test(raw)) throw protocolError(`${where}.value: ${JSON.stringify(raw)} is not an integer`);
      const int64 = BigInt(raw);
      if (int64 < MIN_INT64 || int64 > MAX_INT64) throw protocolError(`${where}.value: ${raw} is not a 64-bit integer`);
      return int64;
    }
    case 'float':
      if (typeof v.value !== 'number') throw protocolError(`${where}.value must be a number`);
      return v.value;
    case 'text':
      return string(v.value, `${where}.value`);
    case 'blob':
      return Buffer.from(string(v.base64, `${where}.base64`), 'base64');
    default:
      throw protocolError(`${where}: unsupported value type ${JSON.stringify(type)}`);
  }
}

function object(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw protocolError(`${where} must be an object`);
  }
  return value as JsonObject;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw protocolError(`${where} must be an array`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw protocolError(`${where} must be a string`);
  return value;
}

function int(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw protocolError(`${where} must be an integer`);
  return value;
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw protocolError(`${where} must be a boolean`);
  return value;
}

function optionalArray(value: unknown, where: string): unknown[] {
  return optional(value, (v) => array(v, where)) ?? [];
}

/** Hrana treats a missing field and `null` alike. */
function optional<T>(value: unknown, parse: (v: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : parse(value);
}
