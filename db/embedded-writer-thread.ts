/**
 * The main thread's side of the embedded writer (db/embedded-writer.js): a
 * queue of jobs, each a promise that settles when the writer's COMMIT for it
 * returned.
 *
 * Lifecycle: the thread starts on the first write, holds the process open
 * only while a job is pending (so the CLI and tests exit on their own when
 * idle), and on close finishes the jobs already sent before it closes its
 * connection. If it dies, the jobs it had are rejected — it may or may not
 * have committed them, as with a server that crashed mid-request — and the
 * next write starts a new thread.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { LibsqlError } from '@libsql/client';
import Database from 'libsql';

export interface WireStatement {
  sql: string;
  args: unknown[] | Record<string, unknown>;
}
export interface WireResult {
  /** Raw rows and their columns, for statements that return rows (RETURNING). */
  rows?: unknown[][];
  columns?: string[];
  changes: number;
  lastInsertRowid: number | bigint;
}
interface WireError {
  message: string;
  name?: string;
  code?: string;
  rawCode?: number;
}
interface Reply {
  id: number;
  results?: WireResult[];
  error?: WireError;
}
interface Pending {
  resolve: (results: WireResult[]) => void;
  reject: (err: Error) => void;
}

export interface WriterThread {
  /** Runs the statements as one unit (all or nothing), after every job sent before it. */
  run(statements: WireStatement[]): Promise<WireResult[]>;
  /** Transactions the thread committed (a group of jobs is one). */
  readonly commits: number;
  /** The thread itself, while it runs. */
  readonly worker: Worker | undefined;
  /** Finishes the jobs already sent, then closes the connection and ends the thread. */
  close(): void;
}

const WRITER_URL = new URL('./embedded-writer.js', import.meta.url);

/** The driver's own error again, with its SQLite code, so callers see what they saw before. */
function driverError(e: WireError): Error {
  if (e.name === 'SqliteError' && typeof e.code === 'string') return new Database.SqliteError(e.message, e.code, e.rawCode);
  const err = new Error(e.message);
  if (e.name) err.name = e.name;
  return err;
}

export function writerThread(path: string, timeoutMs: number): WriterThread {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let commits = 0;
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  let closing = false;

  function settle(replies: Reply[]) {
    for (const reply of replies) {
      const job = pending.get(reply.id);
      if (!job) continue;
      pending.delete(reply.id);
      if (reply.error) job.reject(driverError(reply.error));
      else job.resolve(reply.results!);
    }
    if (pending.size === 0 && !closing) worker?.unref();
  }

  function start(): Worker {
    const channel = new MessageChannel();
    const thread = new Worker(WRITER_URL, { workerData: { path, timeoutMs, port: channel.port2 }, transferList: [channel.port2] });
    let failure: Error | undefined;
    thread.on('message', (message: { replies: Reply[]; commits: number }) => {
      commits += message.commits;
      settle(message.replies);
    });
    thread.on('error', (err) => (failure = err));
    thread.on('exit', (code) => {
      if (worker === thread) {
        worker = undefined;
        port = undefined;
      }
      const why = closing
        ? new LibsqlError('The client is closed', 'CLIENT_CLOSED')
        : new LibsqlError(
            `the database writer thread stopped (${failure ? failure.message : `exit code ${code}`}) before it answered; this write may or may not have been committed`,
            'WRITER_STOPPED',
            undefined,
            undefined,
            failure,
          );
      for (const job of pending.values()) job.reject(why);
      pending.clear();
    });
    worker = thread;
    port = channel.port1;
    thread.unref();
    return thread;
  }

  return {
    run(statements) {
      if (closing) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
      const thread = worker ?? start();
      const id = nextId++;
      return new Promise<WireResult[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (pending.size === 1) thread.ref();
        port!.postMessage({ id, statements });
      });
    },
    get commits() {
      return commits;
    },
    get worker() {
      return worker;
    },
    close() {
      if (closing) return;
      closing = true;
      // Held open until the thread has answered what it was sent and closed its connection.
      worker?.ref();
      port?.postMessage({ close: true });
    },
  };
}
