import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlError, type Client } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath, scanParameters, startHranaServer, type HranaServer } from '../../../scripts/hrana/server';

const tmp = mkdtempSync(join(tmpdir(), 'hrana-server-'));
const servers: HranaServer[] = [];
const clients: Client[] = [];

async function server(opts: Partial<Parameters<typeof startHranaServer>[0]> & { file?: string } = {}): Promise<HranaServer> {
  const url = opts.url ?? `file:${join(tmp, `${opts.file ?? crypto.randomUUID()}.db`)}`;
  const s = await startHranaServer({ ...opts, url });
  servers.push(s);
  return s;
}

function client(s: HranaServer, extra: Omit<Parameters<typeof createClient>[0], 'url'> = {}): Client {
  const c = createClient({ url: s.url, intMode: 'bigint', ...extra });
  clients.push(c);
  return c;
}

type Json = Record<string, unknown>;

/** Raw pipeline call, for what the official client never sends. */
async function pipeline(s: HranaServer, body: unknown, version = 'v3'): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${s.url}/${version}/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

const execute = (sql: string, stmt: Json = {}) => ({ type: 'execute', stmt: { sql, ...stmt } });
const close = { type: 'close' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => s.close()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('HTTP surface', () => {
  let s: HranaServer;
  beforeAll(async () => {
    s = await server({ url: ':memory:' });
  });

  it('listens on 127.0.0.1 and answers health and version probes', async () => {
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    for (const path of ['/health', '/v2', '/v3']) expect((await fetch(s.url + path)).status).toBe(200);
    // No protobuf: a 404 here makes v3 clients fall back to JSON.
    expect((await fetch(`${s.url}/v3-protobuf`)).status).toBe(404);
  });

  it('rejects malformed JSON and malformed requests with a 400 error body', async () => {
    const bad = await pipeline(s, '{not json');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'PROTOCOL_ERROR' });
    expect((await pipeline(s, { requests: [{ type: 'open_cursor' }] })).status).toBe(400);
    const badInteger = execute('SELECT ?', { args: [{ type: 'integer', value: 'x' }] });
    expect((await pipeline(s, { requests: [badInteger] })).status).toBe(400);
    // A condition may only look at earlier steps.
    const forward = { type: 'batch', batch: { steps: [{ condition: { type: 'ok', step: 0 }, stmt: { sql: 'SELECT 1' } }] } };
    expect((await pipeline(s, { requests: [forward] })).status).toBe(400);
  });

  it('answers an unknown baton with a 400 and refuses to reuse a baton', async () => {
    const unknown = await pipeline(s, { baton: 'nope', requests: [] });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ code: 'STREAM_EXPIRED' });

    const first = await pipeline(s, { baton: null, requests: [] });
    const baton = first.json.baton as string;
    expect(typeof baton).toBe('string');
    const second = await pipeline(s, { baton, requests: [] });
    expect(second.json.baton).not.toBe(baton);
    expect((await pipeline(s, { baton, requests: [] })).status).toBe(400);
    expect((await pipeline(s, { baton: second.json.baton, requests: [{ type: 'close' }] })).json.baton).toBeNull();
  });

  it('requires the bearer token on pipelines when one is configured, but not on probes', async () => {
    const secured = await server({ url: ':memory:', authToken: 's3cret' });
    expect((await fetch(`${secured.url}/v2`)).status).toBe(200);
    expect((await pipeline(secured, { requests: [] })).status).toBe(401);

    const anonymous = client(secured);
    await expect(anonymous.execute('SELECT 1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const wrong = client(secured, { authToken: 'guess' });
    await expect(wrong.execute('SELECT 1')).rejects.toBeInstanceOf(LibsqlError);
    const right = client(secured, { authToken: 's3cret' });
    expect((await right.execute('SELECT 1 AS one')).rows[0]?.one).toBe(1n);
  });
});

describe('pipeline requests', () => {
  let s: HranaServer;
  beforeAll(async () => {
    s = await server();
  });

  it('runs every request of a pipeline, reporting errors per request', async () => {
    const { status, json } = await pipeline(s, {
      requests: [
        { type: 'sequence', sql: "CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT UNIQUE); INSERT INTO p(name) VALUES ('a');" },
        { type: 'store_sql', sql_id: 1, sql: 'INSERT INTO p(name) VALUES (?)' },
        { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'text', value: 'b' }] } },
        { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'text', value: 'b' }] } },
        { type: 'execute', stmt: { sql: 'SELECT id, name FROM p ORDER BY id' } },
        { type: 'close_sql', sql_id: 1 },
        { type: 'execute', stmt: { sql_id: 1, args: [] } },
        { type: 'get_autocommit' },
        { type: 'close' },
        { type: 'execute', stmt: { sql: 'SELECT 1' } },
      ],
    });
    expect(status).toBe(200);
    expect(json.baton).toBeNull();
    const results = json.results as { type: string; response?: Record<string, unknown>; error?: Record<string, unknown> }[];
    expect(results.map((r) => r.type)).toEqual(['ok', 'ok', 'ok', 'error', 'ok', 'ok', 'error', 'ok', 'ok', 'error']);
    expect(results[2]?.response).toMatchObject({
      type: 'execute',
      result: { affected_row_count: 1, last_insert_rowid: '2' },
    });
    expect(results[3]?.error).toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(String(results[3]?.error?.message)).toContain('UNIQUE constraint failed: p.name');
    expect(results[4]?.response).toMatchObject({
      result: {
        cols: [
          { name: 'id', decltype: 'INTEGER' },
          { name: 'name', decltype: 'TEXT' },
        ],
        rows: [
          [{ type: 'integer', value: '1' }, { type: 'text', value: 'a' }],
          [{ type: 'integer', value: '2' }, { type: 'text', value: 'b' }],
        ],
        affected_row_count: 0,
      },
    });
    expect(results[6]?.error).toMatchObject({ code: 'SQL_NOT_FOUND' });
    expect(results[7]?.response).toEqual({ type: 'get_autocommit', is_autocommit: true });
    expect(results[9]?.error).toMatchObject({ code: 'STREAM_CLOSED' });
  });

  it('evaluates batch conditions (ok, error, not, and, or, is_autocommit)', async () => {
    const stmt = (sql: string) => ({ sql, want_rows: false });
    const { json } = await pipeline(s, {
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: stmt('CREATE TABLE c(x)') },
              { condition: { type: 'is_autocommit' }, stmt: stmt('BEGIN') },
              { condition: { type: 'not', cond: { type: 'is_autocommit' } }, stmt: stmt('INSERT INTO c VALUES (1)') },
              { stmt: stmt('INSERT INTO nope VALUES (1)') },
              { condition: { type: 'error', step: 3 }, stmt: stmt('INSERT INTO c VALUES (2)') },
              { condition: { type: 'ok', step: 3 }, stmt: stmt('INSERT INTO c VALUES (3)') },
              {
                condition: {
                  type: 'and',
                  conds: [
                    { type: 'ok', step: 2 },
                    { type: 'or', conds: [{ type: 'ok', step: 5 }, { type: 'ok', step: 4 }] },
                  ],
                },
                stmt: stmt('COMMIT'),
              },
              { stmt: { sql: 'SELECT group_concat(x) AS xs FROM c' } },
            ],
          },
        },
        { type: 'close' },
      ],
    });
    type BatchResponse = { response: { result: { step_results: unknown[]; step_errors: unknown[] } } };
    const result = (json.results as BatchResponse[])[0]?.response.result;
    expect(result?.step_results.map((r) => r !== null)).toEqual([true, true, true, false, true, false, true, true]);
    expect(result?.step_errors.map((e) => e !== null)).toEqual([false, false, false, true, false, false, false, false]);
    expect(result?.step_results[7]).toMatchObject({ rows: [[{ type: 'text', value: '1,2' }]] });
  });

  it('keeps a transaction on its stream across requests, and reports autocommit', async () => {
    const first = await pipeline(s, {
      requests: [execute('CREATE TABLE k(x)'), execute('BEGIN IMMEDIATE'), execute('INSERT INTO k VALUES (1)')],
    });
    const autocommit = { type: 'get_autocommit' };
    const second = await pipeline(s, { baton: first.json.baton, requests: [autocommit, execute('ROLLBACK'), autocommit, close] });
    const results = second.json.results as { response: Record<string, unknown> }[];
    expect(results[0]?.response).toMatchObject({ is_autocommit: false });
    expect(results[2]?.response).toMatchObject({ is_autocommit: true });
    const count = await pipeline(s, { requests: [execute('SELECT count(*) FROM k'), close] });
    expect(count.json.results).toMatchObject([{ response: { result: { rows: [[{ type: 'integer', value: '0' }]] } } }, {}]);
  });

  it('describes statements', async () => {
    const { json } = await pipeline(s, {
      requests: [
        { type: 'execute', stmt: { sql: 'CREATE TABLE d(id INTEGER PRIMARY KEY, label TEXT)' } },
        { type: 'describe', sql: 'SELECT id, label AS l FROM d WHERE id = :id OR label = ? OR id = :id' },
        { type: 'describe', sql: 'INSERT INTO d(label) VALUES (?)' },
        { type: 'describe', sql: '/* why */ EXPLAIN SELECT 1' },
        { type: 'close' },
      ],
    });
    const results = json.results as { response: { result: unknown } }[];
    expect(results[1]?.response.result).toEqual({
      params: [{ name: ':id' }, { name: null }],
      cols: [
        { name: 'id', decltype: 'INTEGER' },
        { name: 'l', decltype: 'TEXT' },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(results[2]?.response.result).toMatchObject({ params: [{ name: null }], cols: [], is_readonly: false });
    expect(results[3]?.response.result).toMatchObject({ is_explain: true, is_readonly: true });
  });

  it('checks arguments against the statement parameters', async () => {
    const { json } = await pipeline(s, {
      requests: [
        execute('SELECT ? AS a, ? AS b', { args: [{ type: 'null' }] }),
        execute('SELECT ? AS a', { args: [{ type: 'null' }, { type: 'null' }] }),
        execute('SELECT :a AS a', { named_args: [{ name: 'b', value: { type: 'null' } }] }),
        // Named and positional together, named filling its own index.
        execute('SELECT ? AS a, :b AS b', {
          args: [{ type: 'float', value: 1.5 }],
          named_args: [{ name: 'b', value: { type: 'text', value: 'x' } }],
        }),
        close,
      ],
    });
    const results = json.results as { type: string; error?: { code: string }; response?: unknown }[];
    expect(results.slice(0, 3).map((r) => r.error?.code)).toEqual(['ARGS_INVALID', 'ARGS_INVALID', 'ARGS_INVALID']);
    expect(results[3]?.response).toMatchObject({
      result: { rows: [[{ type: 'float', value: 1.5 }, { type: 'text', value: 'x' }]] },
    });
  });

  it('serves the v2 endpoint too', async () => {
    const { status, json } = await pipeline(s, { requests: [execute('SELECT 42'), close] }, 'v2');
    expect(status).toBe(200);
    expect(json.results).toMatchObject([
      { response: { result: { rows: [[{ type: 'integer', value: '42' }]] } } },
      { type: 'ok' },
    ]);
  });
});

describe('official @libsql/client/web against a file database', () => {
  let s: HranaServer;
  let db: Client;
  beforeAll(async () => {
    s = await server({ file: 'official' });
    db = client(s);
    await db.executeMultiple(`
      CREATE TABLE vals(id INTEGER PRIMARY KEY, i INTEGER, f REAL, t TEXT, b BLOB, n);
      CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
    `);
  });

  it('round-trips every value type with positional and named arguments', async () => {
    const big = 9_007_199_254_740_993n; // not representable as a double
    const blob = new Uint8Array([0, 1, 2, 254, 255]);
    const inserted = await db.execute({
      sql: 'INSERT INTO vals(i, f, t, b, n) VALUES (?, ?, ?, ?, ?)',
      args: [big, 2.5, 'héllo ✓', blob, null],
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);

    await db.execute({
      sql: 'INSERT INTO vals(i, f, t, b) VALUES (:i, @f, $t, :b)',
      args: { i: -(2n ** 63n), f: -0.125, t: '', b: new Uint8Array() },
    });
    await db.execute({ sql: 'INSERT INTO vals(i, t) VALUES (:i, :t)', args: { ':i': true, t: 'bool' } });

    const rs = await db.execute('SELECT id, i, f, t, b, n FROM vals ORDER BY id');
    expect(rs.columns).toEqual(['id', 'i', 'f', 't', 'b', 'n']);
    expect(rs.columnTypes).toEqual(['INTEGER', 'INTEGER', 'REAL', 'TEXT', 'BLOB', '']);
    const [a, b, c] = rs.rows;
    expect(a?.i).toBe(big);
    expect(a?.f).toBe(2.5);
    expect(a?.t).toBe('héllo ✓');
    expect(new Uint8Array(a?.b as ArrayBuffer)).toEqual(blob);
    expect(a?.n).toBeNull();
    expect(b?.i).toBe(-(2n ** 63n));
    expect(b?.f).toBe(-0.125);
    expect(b?.t).toBe('');
    expect((b?.b as ArrayBuffer).byteLength).toBe(0);
    expect(c?.i).toBe(1n);

    // A REAL that happens to be whole stays a float; an integer-valued expression stays an integer.
    const types = await db.execute('SELECT 3.0 AS r, 3 AS i, typeof(3.0) AS tr');
    expect(types.rows[0]).toMatchObject({ r: 3, i: 3n, tr: 'real' });
  });

  it('reports affected rows for UPDATE and RETURNING, and 0 for a SELECT after them', async () => {
    await db.execute("INSERT INTO users(email) VALUES ('a@x'), ('b@x'), ('c@x')");
    expect((await db.execute("UPDATE users SET email = email || '.org' WHERE email <> 'c@x'")).rowsAffected).toBe(2);
    const returning = await db.execute("INSERT INTO users(email) VALUES ('d@x') RETURNING id, email");
    expect(returning.rowsAffected).toBe(1);
    expect(returning.rows[0]?.email).toBe('d@x');
    expect((await db.execute('SELECT * FROM users')).rowsAffected).toBe(0);
  });

  it('surfaces statement errors as LibsqlError with the SQLite code', async () => {
    const unique = await db.execute("INSERT INTO users(email) VALUES ('c@x')").catch((e: unknown) => e);
    expect(unique).toBeInstanceOf(LibsqlError);
    expect(unique).toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect((unique as Error).message).toContain('UNIQUE constraint failed: users.email');
    await expect(db.execute('SELEC 1')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    await expect(db.execute('SELECT * FROM missing')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    await expect(db.execute({ sql: 'SELECT ?', args: [] })).rejects.toMatchObject({ code: 'ARGS_INVALID' });
  });

  it('runs a write batch atomically', async () => {
    const ok = await db.batch(
      [
        { sql: 'INSERT INTO users(email) VALUES (?)', args: ['batch1@x'] },
        { sql: 'INSERT INTO users(email) VALUES (?)', args: ['batch2@x'] },
        "SELECT count(*) AS n FROM users WHERE email LIKE 'batch%'",
      ],
      'write',
    );
    expect(ok[2]?.rows[0]?.n).toBe(2n);

    const failed = await db
      .batch(
        [
          { sql: 'INSERT INTO users(email) VALUES (?)', args: ['batch3@x'] },
          { sql: 'INSERT INTO users(email) VALUES (?)', args: ['batch1@x'] },
        ],
        'write',
      )
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(LibsqlError);
    expect(failed).toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    const left = await db.execute("SELECT count(*) AS n FROM users WHERE email = 'batch3@x'");
    expect(left.rows[0]?.n).toBe(0n);
  });

  it('commits an interactive transaction', async () => {
    const tx = await db.transaction('write');
    await tx.execute({ sql: 'INSERT INTO users(email) VALUES (?)', args: ['tx1@x'] });
    // Reads inside the transaction see its own writes.
    expect((await tx.execute("SELECT count(*) AS n FROM users WHERE email = 'tx1@x'")).rows[0]?.n).toBe(1n);
    await tx.batch(['INSERT INTO users(email) VALUES (\'tx2@x\')']);
    await tx.commit();
    const rows = await db.execute("SELECT email FROM users WHERE email LIKE 'tx_@x' ORDER BY email");
    expect(rows.rows.map((r) => r.email)).toEqual(['tx1@x', 'tx2@x']);
  });

  it('rolls back an interactive transaction, leaving nothing', async () => {
    const tx = await db.transaction('write');
    await tx.execute("INSERT INTO users(email) VALUES ('gone@x')");
    await tx.rollback();
    expect(tx.closed).toBe(true);
    expect((await db.execute("SELECT count(*) AS n FROM users WHERE email = 'gone@x'")).rows[0]?.n).toBe(0n);
  });

  it('supports read and deferred transactions', async () => {
    const read = await db.transaction('read');
    expect((await read.execute('SELECT count(*) AS n FROM users')).rows[0]?.n).toBeTypeOf('bigint');
    await read.commit();
    const deferred = await db.transaction('deferred');
    await deferred.execute("INSERT INTO users(email) VALUES ('deferred@x')");
    await deferred.commit();
    expect((await db.execute("SELECT count(*) AS n FROM users WHERE email = 'deferred@x'")).rows[0]?.n).toBe(1n);
  });

  it('runs executeMultiple and migrate', async () => {
    await db.executeMultiple("CREATE TABLE multi(x); INSERT INTO multi VALUES (1); INSERT INTO multi VALUES (2);");
    expect((await db.execute('SELECT sum(x) AS s FROM multi')).rows[0]?.s).toBe(3n);
    const results = await db.migrate([
      'CREATE TABLE migrated(id INTEGER PRIMARY KEY)',
      'INSERT INTO migrated DEFAULT VALUES',
    ]);
    expect(results).toHaveLength(2);
    expect((await db.execute('SELECT count(*) AS n FROM migrated')).rows[0]?.n).toBe(1n);
    // migrate turns foreign keys off around its batch; they are back on afterwards (the engine default).
    expect((await db.execute('PRAGMA foreign_keys')).rows[0]?.[0]).toBe(1n);
  });

  it('closes its streams: client.close() sends `close`, which the server accepts', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const body = (await request.clone().text()) || '{}';
      const parsed = JSON.parse(body) as { requests?: { type: string }[] };
      const response = await fetch(request);
      for (const r of parsed.requests ?? []) seen.push(`${r.type}:${response.status}`);
      return response;
    };
    const c = createClient({ url: s.url, fetch: recording });
    const tx = await c.transaction('write');
    await tx.execute('SELECT 1');
    c.close(); // closes the open stream
    await sleep(100);
    expect(c.closed).toBe(true);
    expect(seen).toContain('close:200');
    // The transaction was rolled back with the stream, so the write lock is free again.
    await db.execute("INSERT INTO users(email) VALUES ('after-close@x')");
  });
});

describe('concurrency', () => {
  it('serialises two concurrent write transactions from two clients', async () => {
    const s = await server();
    const setup = client(s);
    await setup.execute('CREATE TABLE counter(n INTEGER)');
    await setup.execute('INSERT INTO counter VALUES (0)');
    const [c1, c2] = [client(s), client(s)];

    const tx1 = await c1.transaction('write');
    await tx1.execute('UPDATE counter SET n = n + 1');
    const events: string[] = [];
    const second = (async () => {
      const tx2 = await c2.transaction('write');
      await tx2.execute('UPDATE counter SET n = n + 10'); // waits for tx1's write lock
      events.push('tx2 wrote');
      await tx2.commit();
    })();
    await sleep(300);
    events.push('tx1 commit');
    await tx1.commit();
    await second;
    expect(events).toEqual(['tx1 commit', 'tx2 wrote']);
    expect((await setup.execute('SELECT n FROM counter')).rows[0]?.n).toBe(11n);
  });

  it('gives up with SQLITE_BUSY once the busy timeout passes', async () => {
    const s = await server({ busyTimeoutMs: 200 });
    const [c1, c2] = [client(s), client(s)];
    await c1.execute('CREATE TABLE t(x)');
    const tx1 = await c1.transaction('write');
    await tx1.execute('INSERT INTO t VALUES (1)');
    await expect(c2.execute('INSERT INTO t VALUES (2)')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    // Readers are not blocked by the writer (WAL).
    expect((await c2.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(0n);
    await tx1.commit();
    await c2.execute('INSERT INTO t VALUES (2)');
  });

  it('retries a deferred batch whose first write meets the write lock', async () => {
    const s = await server();
    const [c1, c2] = [client(s), client(s)];
    await c1.execute('CREATE TABLE t(x)');
    const tx1 = await c1.transaction('write');
    await tx1.execute('INSERT INTO t VALUES (1)');
    const batch = c2.batch(['INSERT INTO t VALUES (2)', 'INSERT INTO t VALUES (3)']); // BEGIN DEFERRED
    await sleep(150);
    await tx1.commit();
    await batch;
    expect((await c1.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]?.xs).toBe('1,2,3');
  });

  it('still commits a stream\'s later writes after one of its statements gave up on SQLITE_BUSY', async () => {
    const s = await server({ busyTimeoutMs: 100 });
    const [c1, c2] = [client(s), client(s)];
    await c1.execute('CREATE TABLE t(x)');
    const tx1 = await c1.transaction('write');
    await tx1.execute('INSERT INTO t VALUES (1)');
    const insert = (x: number) => ({ type: 'execute', stmt: { sql: `INSERT INTO t VALUES (${x})` } });
    const first = await pipeline(s, { requests: [insert(2)] });
    expect(first.json.results).toMatchObject([{ type: 'error', error: { code: 'SQLITE_BUSY' } }]);
    await tx1.commit();
    const second = await pipeline(s, { baton: first.json.baton, requests: [insert(3)] });
    expect(second.json.results).toMatchObject([{ type: 'ok' }]);
    // Committed and unlocked while the stream is still open:
    expect((await c2.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]?.xs).toBe('1,3');
    await c2.execute('INSERT INTO t VALUES (4)');
    await pipeline(s, { baton: second.json.baton, requests: [{ type: 'close' }] });
  });

  it('rolls back and drops an idle stream after the idle timeout', async () => {
    const s = await server({ streamIdleTimeoutMs: 150 });
    const [c1, c2] = [client(s), client(s)];
    await c1.execute('CREATE TABLE t(x)');
    const tx = await c1.transaction('write');
    await tx.execute('INSERT INTO t VALUES (1)');
    await sleep(400);
    await expect(tx.commit()).rejects.toMatchObject({ code: 'STREAM_EXPIRED' });
    // The abandoned transaction released the write lock.
    await c2.execute('INSERT INTO t VALUES (2)');
    expect((await c2.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]?.xs).toBe('2');
  });

  it('shares one connection for :memory:, handing it to one transaction at a time', async () => {
    const s = await server({ url: ':memory:' });
    const [c1, c2] = [client(s), client(s)];
    await c1.execute('CREATE TABLE t(x)');
    const tx1 = await c1.transaction('write');
    await tx1.execute('INSERT INTO t VALUES (1)');
    const events: string[] = [];
    const other = c2.execute('INSERT INTO t VALUES (2)').then(() => events.push('c2 wrote'));
    await sleep(200);
    events.push('tx1 rollback');
    await tx1.rollback();
    await other;
    expect(events).toEqual(['tx1 rollback', 'c2 wrote']);
    expect((await c1.execute('SELECT group_concat(x) AS xs FROM t')).rows[0]?.xs).toBe('2');
  });

  it('reports SQLITE_BUSY when the :memory: connection stays held past the busy timeout', async () => {
    const s = await server({ url: ':memory:', busyTimeoutMs: 150 });
    const [c1, c2] = [client(s), client(s)];
    const tx1 = await c1.transaction('write');
    await tx1.execute('SELECT 1');
    await expect(c2.execute('SELECT 1')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await tx1.commit();
    expect((await c2.execute('SELECT 1 AS one')).rows[0]?.one).toBe(1n);
  });
});

describe('helpers', () => {
  it('numbers parameters the way SQLite does', () => {
    expect(scanParameters('SELECT ?, ?')).toEqual([null, null]);
    expect(scanParameters('SELECT :a, @b, $c, :a')).toEqual([':a', '@b', '$c']);
    expect(scanParameters('SELECT ?3, ?, :x')).toEqual([undefined, undefined, '?3', null, ':x']);
    expect(scanParameters(`SELECT '?', "a?b", [x?], \`:y\`, x'00', a$b -- ?\n, /* :z */ ?`)).toEqual([null]);
    expect(scanParameters("SELECT 'it''s ?' , ?")).toEqual([null]);
    expect(scanParameters('SELECT 1')).toEqual([]);
  });

  it('accepts the URL forms clients use', () => {
    expect(databasePath(':memory:')).toBe(':memory:');
    expect(databasePath('file::memory:')).toBe(':memory:');
    expect(databasePath('file:./data/verity.db')).toBe('./data/verity.db');
    expect(databasePath('file:///tmp/x%20y.db')).toBe('/tmp/x y.db');
    expect(databasePath('file://localhost/tmp/x.db')).toBe('/tmp/x.db');
    expect(databasePath('/tmp/x.db')).toBe('/tmp/x.db');
  });
});
