/**
 * The embedded engine's writer thread (see db/embedded-client.ts).
 *
 * Plain JavaScript on purpose: a worker thread loads it with Node's own
 * loader under `npm start` (tsx), vitest and the CLI alike, and it imports
 * only `libsql` and built-ins, so no TypeScript step stands between them.
 *
 * It owns one connection to the file. Jobs arrive on a port; each time it
 * wakes it takes every job already queued and runs them as one transaction
 * (group commit), each job inside its own SAVEPOINT, so a job that fails
 * rolls back alone and the others still commit — with one COMMIT, one fsync
 * of the WAL, for all. Nothing waits for company: a lone job commits at once.
 * Should the COMMIT itself refuse the group (a deferred constraint), each of
 * its jobs runs again alone, so no job fails for another's sake.
 * Replies go back only after COMMIT returned, so an acknowledged write is in
 * the fsynced WAL (synchronous=FULL).
 *
 * Checkpoints happen here too: this connection keeps SQLite's autocheckpoint
 * (a PASSIVE checkpoint once the WAL passes 1,000 pages, run by the commit
 * that crossed it), and it is the connection that commits the app's writes,
 * so that work — 3–8 ms every few dozen commits — leaves the event loop.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

/** @typedef {{ sql: string, args: unknown[] | Record<string, unknown> }} Statement */
/** @typedef {{ id: number, statements: Statement[] }} Job */
/** @typedef {{ rows?: unknown[][], columns?: string[], changes: number, lastInsertRowid: number | bigint }} Result */
/** @typedef {{ message: string, name?: string, code?: string, rawCode?: number }} WireError */

/** @type {{ path: string, timeoutMs: number, port: import('node:worker_threads').MessagePort }} */
const { path, timeoutMs, port } = workerData;
const db = new Database(path, { timeout: timeoutMs });
db.exec('PRAGMA synchronous = FULL');
// SQLite's default, said here because this is now the connection that checkpoints (see above).
db.exec('PRAGMA wal_autocheckpoint = 1000');

const MAX_STATEMENTS = 500;
/** @type {Map<string, { statement: any, columns: string[] | undefined }>} */
const statements = new Map();
let commits = 0;

/** @param {string} sql */
function prepared(sql) {
  let entry = statements.get(sql);
  if (entry) return entry;
  if (statements.size >= MAX_STATEMENTS) statements.clear();
  const statement = db.prepare(sql);
  const columns = statement.reader ? statement.columns().map((/** @type {{ name: string }} */ c) => c.name) : undefined;
  if (statement.reader) statement.raw(true);
  entry = { statement, columns };
  statements.set(sql, entry);
  return entry;
}

/** @param {Statement} s @returns {Result} */
function run(s) {
  const { statement, columns } = prepared(s.sql);
  if (columns) return { rows: statement.all(s.args), columns, changes: 0, lastInsertRowid: 0 };
  const info = statement.run(s.args);
  return { changes: info.changes, lastInsertRowid: info.lastInsertRowid };
}

/** What crosses the port: structured clone keeps an Error's message but drops SQLite's code. @returns {WireError} */
function wire(/** @type {any} */ err) {
  return { message: err?.message ?? String(err), name: err?.name, code: err?.code, rawCode: err?.rawCode };
}

/** @param {Job[]} jobs */
function runGroup(jobs) {
  /** @type {Array<{ id: number, results?: Result[], error?: WireError }>} */
  const replies = [];
  let todo = jobs;
  while (todo.length > 0) {
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      // The lock stayed taken past the busy timeout: every job fails as a lone write would have.
      for (const job of todo) replies.push({ id: job.id, error: wire(err) });
      break;
    }
    /** @type {Array<{ id: number, results: Result[] }>} */
    const done = [];
    /** @type {Job[] | undefined} */
    let retry;
    for (let i = 0; i < todo.length; i++) {
      const job = /** @type {Job} */ (todo[i]);
      db.exec('SAVEPOINT job');
      try {
        const results = job.statements.map(run);
        db.exec('RELEASE job');
        done.push({ id: job.id, results });
      } catch (err) {
        replies.push({ id: job.id, error: wire(err) });
        if (db.inTransaction) {
          db.exec('ROLLBACK TO job');
          db.exec('RELEASE job');
        } else {
          // Some errors end the whole transaction (a full disk, RAISE(ROLLBACK)), taking the jobs
          // already run with it: run those again, and the ones not reached yet, in a fresh one.
          const undone = new Set(done.map((d) => d.id));
          retry = [...todo.slice(0, i).filter((j) => undone.has(j.id)), ...todo.slice(i + 1)];
          break;
        }
      }
    }
    if (retry) {
      todo = retry;
      continue;
    }
    try {
      db.exec('COMMIT');
      commits++;
      replies.push(...done);
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      if (done.length === 1) replies.push({ id: /** @type {{ id: number }} */ (done[0]).id, error: wire(err) });
      // A COMMIT can refuse what one job did (a deferred foreign key): each job that got this
      // far runs again in a transaction of its own, so that only its own outcome decides it.
      else {
        const ran = new Set(done.map((d) => d.id));
        for (const job of todo) if (ran.has(job.id)) replies.push(...runGroup([job]));
      }
    }
    break;
  }
  return replies;
}

/** @param {any} first */
function wake(first) {
  /** @type {Job[]} */
  const jobs = [];
  let closing = false;
  for (let message = first; message !== undefined; message = receiveMessageOnPort(port)?.message) {
    // The port is first in, first out: everything sent before close is in `jobs` already.
    if (message.close) {
      closing = true;
      break;
    }
    jobs.push(message);
  }
  if (jobs.length > 0) {
    const before = commits;
    const replies = runGroup(jobs);
    parentPort?.postMessage({ replies, commits: commits - before });
  }
  if (closing) {
    port.close();
    try {
      db.close();
    } catch {
      // Closing can only fail here if the file went away under it; the thread ends either way.
    }
  }
}

port.on('message', wake);
