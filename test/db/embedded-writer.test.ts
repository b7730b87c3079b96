/**
 * The embedded client's writes on their own thread, committed in groups: on a
 * real file, through real libSQL, against what @libsql/client answers.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { embeddedWriter } from '../../db/embedded-client';
import { openEmbedded, openVersionReader } from '../../db/embedded';
import { migrateDb } from '../../db/migrate';
import { upsertProducts } from '../../db/queries/products';
import { createStore } from '../../worker/domain/store-keys';

let dir: string;
let file: string;
let fast: Client;
let plain: Client;
let productId: number;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-writer-'));
  file = join(dir, 'v.db');
  fast = await openEmbedded(`file:${file}`);
  const db = createDb(fast);
  await migrateDb(db);
  await createStore(db, { id: 's', name: 'S' }, 1);
  productId = (await upsertProducts(db, 's', [{ externalId: 'tee', name: 'Tee' }], 1))[0]!.id;
  plain = createClient({ url: `file:${file}` });
});
afterEach(() => {
  fast.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Commits in the WAL since it was last reset: frames whose header carries the database size after a commit. */
function walCommits(): number {
  const wal = readFileSync(`${file}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    // Frames left from before the last reset carry older salts.
    if (wal.readUInt32BE(at + 8) !== salts[0] || wal.readUInt32BE(at + 12) !== salts[1]) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}

async function emptyWal() {
  expect((await plain.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows[0]!.busy).toBe(0);
  expect(walCommits()).toBe(0);
}

/**
 * Another connection holding the write lock, so the writer's jobs queue up behind it; released
 * from a timer, which can only fire while the event loop is free.
 */
function holdWriteLock() {
  const other = new Database(file, { timeout: 5_000 });
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      other.exec('COMMIT');
      other.close();
    },
  };
}

const insertStore = (id: string) => ({
  sql: "INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES (?, ?, 'pk_' || ?, 'wh', '{}', 0)",
  args: [id, `Store ${id}`, id],
});
const storeIds = async () => (await plain.execute("SELECT id FROM stores WHERE id <> 's' ORDER BY id")).rows.map((r) => r.id);

/** What a caller can match on, from both clients for the same statement. */
async function failure(client: Client, run: (c: Client) => Promise<unknown>) {
  const err = await run(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LibsqlError);
  const { code, extendedCode, rawCode, message } = err as LibsqlError;
  return { code, extendedCode, rawCode, message, cause: (err as Error).cause instanceof Error };
}

describe('embedded writer thread', () => {
  it('commits writes sent while it is busy as one transaction, and keeps the event loop free while they wait', async () => {
    await emptyWal();
    const before = embeddedWriter(fast)!.commits;
    const lock = holdWriteLock();
    const first = fast.execute(insertStore('a00'));
    await sleep(20);
    const rest = Array.from({ length: 49 }, (_, i) => fast.execute(insertStore(`a${String(i + 1).padStart(2, '0')}`)));
    // The writer waits for the lock on its own thread: reads here are answered meanwhile.
    expect((await fast.execute("SELECT name FROM stores WHERE id = 's'")).rows[0]!.name).toBe('S');
    setTimeout(lock.release, 20);
    const results = await Promise.all([first, ...rest]);
    expect(results.every((r) => r.rowsAffected === 1)).toBe(true);
    expect(await storeIds()).toHaveLength(50);
    // 50 acknowledged writes, at most two commits: the one that was waiting, then everything queued behind it.
    const commits = embeddedWriter(fast)!.commits - before;
    expect(commits).toBeLessThanOrEqual(2);
    expect(walCommits()).toBe(commits);
  });

  it('rolls back only the job that failed in a group, with the error @libsql/client gives for it', async () => {
    await plain.execute("INSERT INTO audit_log (store_id, at, actor_kind, actor_id, actor_label, action) VALUES ('s', 1, 'user', 'u', 'U', 'x')");
    const duplicate = insertStore('s');
    const badRating = {
      sql: "INSERT INTO reviews (id, store_id, product_id, rating, body, body_html, author_name, author_email, status, created_at, updated_at) VALUES ('rv_x', 's', ?, 9, 'b', 'b', 'A', 'a@x', 'published', 1, 1)",
      args: [productId],
    };
    const noProduct = { ...badRating, sql: badRating.sql.replace(', 9,', ', 5,'), args: [987654] };
    const appendOnly = "UPDATE audit_log SET action = 'changed'";
    const expected = {
      unique: await failure(plain, (c) => c.execute(duplicate)),
      check: await failure(plain, (c) => c.execute(badRating)),
      foreignKey: await failure(plain, (c) => c.execute(noProduct)),
      trigger: await failure(plain, (c) => c.execute(appendOnly)),
    };
    expect(expected.unique.extendedCode).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(expected.check.extendedCode).toBe('SQLITE_CONSTRAINT_CHECK');
    expect(expected.foreignKey.extendedCode).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(expected.trigger.extendedCode).toBe('SQLITE_CONSTRAINT_TRIGGER');

    const before = embeddedWriter(fast)!.commits;
    const lock = holdWriteLock();
    const occupy = fast.execute(insertStore('b0'));
    await sleep(20);
    const outcomes = Promise.allSettled([
      fast.execute(insertStore('b1')),
      failure(fast, (c) => c.execute(duplicate)),
      fast.execute(insertStore('b2')),
      failure(fast, (c) => c.execute(badRating)),
      failure(fast, (c) => c.batch([insertStore('b3'), noProduct], 'write')),
      failure(fast, (c) => c.execute(appendOnly)),
      fast.batch([insertStore('b4'), insertStore('b5')], 'write'),
    ]);
    setTimeout(lock.release, 20);
    await occupy;
    const [b1, unique, b2, check, foreignKey, trigger, b45] = await outcomes;
    expect([b1, b2, b45].map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect({ unique, check, foreignKey, trigger }).toEqual({
      unique: { status: 'fulfilled', value: expected.unique },
      check: { status: 'fulfilled', value: expected.check },
      foreignKey: { status: 'fulfilled', value: expected.foreignKey },
      trigger: { status: 'fulfilled', value: expected.trigger },
    });
    // b3 went with the batch it was in; every other job committed.
    expect(await storeIds()).toEqual(['b0', 'b1', 'b2', 'b4', 'b5']);
    expect((await plain.execute('SELECT action FROM audit_log')).rows.map((r) => r.action)).toEqual(['x']);
    expect(embeddedWriter(fast)!.commits - before).toBeLessThanOrEqual(2);
  });

  it('gives each job its own verdict when the group’s COMMIT refuses one of them (a deferred foreign key)', async () => {
    await fast.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    await fast.execute('CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');
    const orphan = 'INSERT INTO child VALUES (42)';
    const expected = await failure(plain, (c) => c.execute(orphan));
    expect(expected.extendedCode).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    const lock = holdWriteLock();
    const occupy = fast.execute(insertStore('h0'));
    await sleep(20);
    const outcomes = Promise.all([fast.execute(insertStore('h1')), failure(fast, (c) => c.execute(orphan)), fast.execute(insertStore('h2'))]);
    setTimeout(lock.release, 20);
    await occupy;
    const [, refused] = await outcomes;
    expect(refused).toEqual(expected);
    expect(await storeIds()).toEqual(['h0', 'h1', 'h2']);
    expect((await plain.execute('SELECT count(*) AS n FROM child')).rows[0]!.n).toBe(0);
  });

  it('applies writes in the order they were sent, and returns RETURNING rows, counts and rowids as @libsql/client does', async () => {
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fast.execute({ sql: "UPDATE stores SET name = name || ? WHERE id = 's' RETURNING id, name", args: [String(i % 10)] })),
    );
    expect(appended.map((r) => r.rows[0]!.name)).toEqual(Array.from({ length: 20 }, (_, i) => 'S' + '01234567890123456789'.slice(0, i + 1)));
    const returning = { sql: "UPDATE stores SET name = 'N' WHERE id = ? RETURNING id, name, created_at", args: ['s'] };
    const mine = await fast.execute(returning);
    const theirs = await plain.execute(returning);
    expect(mine.columns).toEqual(theirs.columns);
    expect(mine.rowsAffected).toBe(0);
    expect(mine.rows.map((r) => Array.from(r as unknown as unknown[]))).toEqual(theirs.rows.map((r) => Array.from(r as unknown as unknown[])));
    expect(Object.entries(mine.rows[0]!)).toEqual(Object.entries(theirs.rows[0]!));
    const inserted = await fast.execute(insertStore('c1'));
    const rowid = (await plain.execute("SELECT rowid FROM stores WHERE id = 'c1'")).rows[0]![0];
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(BigInt(rowid as number));
    const [, updated, read] = await fast.batch([insertStore('c2'), "UPDATE stores SET name = 'M' WHERE id LIKE 'c%'", "SELECT count(*) AS n FROM stores WHERE name = 'M'"], 'write');
    expect(updated!.rowsAffected).toBe(2);
    // A read inside a batch that writes sees the batch's own writes.
    expect(read!.rows[0]!.n).toBe(2);
    // Statements that cannot prepare before the batch's own DDL ran go to the writer, in order.
    const [, , later] = await fast.batch(['CREATE TABLE later (x)', 'INSERT INTO later VALUES (7)', 'SELECT x FROM later'], 'write');
    expect(later!.columns).toEqual(['x']);
    expect(later!.rows[0]!.x).toBe(7);
  });

  it('checkpoints on the writer thread, never on this one, and hands BLOBs back as the driver does', async () => {
    expect((await fast.execute('PRAGMA wal_autocheckpoint')).rows[0]![0]).toBe(0);
    await fast.execute('CREATE TABLE scratch (b BLOB)');
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const returned = (await fast.execute({ sql: 'INSERT INTO scratch VALUES (?) RETURNING b', args: [bytes] })).rows[0]!.b;
    const read = (await fast.execute('SELECT b FROM scratch')).rows[0]!.b;
    expect(Buffer.isBuffer(returned) && Buffer.isBuffer(read)).toBe(true);
    expect(returned).toEqual(bytes);
    expect(read).toEqual(bytes);
    await emptyWal();
    const fileBefore = statSync(file).size;
    // ~1,200 pages of 4 KB: past the autocheckpoint's 1,000, so the commit that crosses it checkpoints.
    for (let i = 0; i < 12; i++) await fast.execute('INSERT INTO scratch VALUES (randomblob(400000))');
    expect(statSync(file).size - fileBefore).toBeGreaterThan(3_000_000);
  });

  it('is visible to this connection and to the version reader once acknowledged', async () => {
    const reader = openVersionReader(`file:${file}`)!;
    try {
      const version = reader.dataVersion();
      const stamp = reader.stamp('s', ['store']);
      await fast.execute("UPDATE stores SET name = 'Seen' WHERE id = 's'");
      expect((await fast.execute("SELECT name FROM stores WHERE id = 's'")).rows[0]!.name).toBe('Seen');
      expect(reader.dataVersion()).not.toBe(version);
      expect(reader.stamp('s', ['store'])).toBeGreaterThan(stamp);
    } finally {
      reader.close();
    }
  });

  it('neither deadlocks nor blocks reads while an interactive transaction holds the lock', async () => {
    const tx = await fast.transaction('write');
    await tx.execute(insertStore('d1'));
    const waiting = fast.execute(insertStore('d2'));
    await sleep(20);
    expect((await fast.execute("SELECT count(*) AS n FROM stores WHERE id LIKE 'd%'")).rows[0]!.n).toBe(0);
    await tx.commit();
    await waiting;
    expect(await storeIds()).toEqual(['d1', 'd2']);
    // And the other way round: the transaction waits for the writer's commit, not the reverse.
    const pending = fast.execute(insertStore('d3'));
    const tx2 = await fast.transaction('write');
    await tx2.execute(insertStore('d4'));
    await tx2.commit();
    await pending;
    expect(await storeIds()).toEqual(['d1', 'd2', 'd3', 'd4']);
  });

  it('finishes the writes already sent when closed, and refuses later ones', async () => {
    const sent = Array.from({ length: 10 }, (_, i) => fast.execute(insertStore(`e${i}`)));
    fast.close();
    await expect(Promise.all(sent)).resolves.toHaveLength(10);
    expect(await storeIds()).toHaveLength(10);
    await expect(fast.execute(insertStore('late'))).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
    // afterEach closes it again: that is a no-op.
  });

  it('rejects the writes a dead writer thread had, releases its lock, and starts a new one for the next write', async () => {
    await fast.execute(insertStore('f1'));
    const thread = embeddedWriter(fast)!.worker!;
    const lock = holdWriteLock();
    const lost = fast.execute(insertStore('f2')).then(
      () => undefined,
      (e: unknown) => e,
    );
    await sleep(20);
    const ended = thread.terminate();
    lock.release();
    await ended;
    expect(await lost).toMatchObject({ code: 'WRITER_STOPPED', message: expect.stringMatching(/writer thread stopped.*may or may not have been committed/) });
    await fast.execute(insertStore('f3'));
    expect(embeddedWriter(fast)!.worker).not.toBe(thread);
    expect(await storeIds()).toContain('f3');
    // Its connection went with it: the lock is free for others.
    await plain.execute(insertStore('f4'));
  });

  it('lets a process that wrote exit on its own, its last write committed', async () => {
    const script = join(dir, 'write.mts');
    writeFileSync(
      script,
      `import { openEmbedded } from ${JSON.stringify(join(process.cwd(), 'db/embedded.ts'))};
const client = await openEmbedded(${JSON.stringify(`file:${file}`)});
await client.execute(${JSON.stringify(insertStore('g1'))});
// Sent, not awaited, never closed: the process still finishes it before it exits.
void client.execute(${JSON.stringify(insertStore('g2'))});
`,
    );
    await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd(), timeout: 30_000 });
    expect(await storeIds()).toEqual(['g1', 'g2']);
  });

  it('keeps every acknowledged write when the process is killed with SIGKILL mid-stream', async () => {
    const script = join(dir, 'stream.mts');
    writeFileSync(
      script,
      `import { openEmbedded } from ${JSON.stringify(join(process.cwd(), 'db/embedded.ts'))};
const client = await openEmbedded(${JSON.stringify(`file:${file}`)});
const insert = ${JSON.stringify(insertStore('?').sql)};
// Several in flight at once, so groups of more than one are committed; each id is printed once its write is acknowledged.
let n = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
  for (;;) {
    const id = 'k' + String(n++).padStart(6, '0');
    await client.execute({ sql: insert, args: [id, id, id] });
    process.stdout.write(id + '\\n');
  }
}));
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        acknowledged.push(...lines);
        if (acknowledged.length >= 300 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');
    const stored = new Set((await plain.execute("SELECT id FROM stores WHERE id LIKE 'k%'")).rows.map((r) => r.id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});
