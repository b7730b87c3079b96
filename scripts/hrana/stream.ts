/** Hrana streams: per-stream state (transaction, stored SQL texts), batches, and the batons that carry a stream between requests. */

import { randomBytes } from 'node:crypto';
import type { Connection, ConnectionSource, Lease } from './connection';
import { RequestError, toProtoError } from './errors';
import { bindArgs } from './params';
import type {
  Batch,
  BatchCond,
  BatchResult,
  ProtoError,
  SqlRef,
  Stmt,
  StmtResult,
  StreamRequest,
  StreamResponse,
  StreamResult,
} from './protocol';

/**
 * Streams between requests, keyed by their current baton. A baton is good for one request only:
 * checking a stream out forgets it and the response carries a fresh one, which is how concurrent
 * reuse of a baton is refused.
 */
export class StreamRegistry {
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
export class Stream {
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
