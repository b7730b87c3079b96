/** The CLI as an operator runs it: a real process over a real database file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'verity-cli-'));
const env = { ...process.env, LIBSQL_URL: `file:${join(dir, 'cli.db')}` };
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'worker/cli.ts', ...args], { env });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run verity', () => {
  it('migrates, creates a store, lists it and rotates its keys', async () => {
    const migrated = JSON.parse((await cli('db', 'migrate', '--json')).stdout);
    expect(migrated.migrated).toBe(true);

    const created = JSON.parse((await cli('stores', 'create', 'acme', '--name', 'Acme', '--origin', 'https://acme.example', '--json')).stdout);
    expect(created).toMatchObject({ store: 'acme', secretKey: expect.stringMatching(/^sk_/), webhookSecret: expect.stringMatching(/^whsec_/) });

    const listed = JSON.parse((await cli('stores', 'list', '--json')).stdout);
    expect(listed).toEqual([{ id: 'acme', name: 'Acme', publicKey: created.publicKey, allowedOrigins: ['https://acme.example'], moderation: 'publish' }]);
    expect(JSON.stringify(listed)).not.toContain(created.secretKey);

    const rotated = JSON.parse((await cli('stores', 'rotate-keys', 'acme', '--json')).stdout);
    expect(rotated.secretKey).not.toBe(created.secretKey);
  });

  it('makes a dashboard owner with a printed password, and adds an existing account to another store', async () => {
    const made = JSON.parse((await cli('admins', 'create', 'acme', '--email', 'Olga@Acme.example', '--json')).stdout);
    expect(made).toMatchObject({ store: 'acme', email: 'olga@acme.example', role: 'owner', created: true, password: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
    await cli('stores', 'create', 'acme-outlet', '--name', 'Acme Outlet');
    const added = JSON.parse((await cli('admins', 'create', 'acme-outlet', '--email', 'olga@acme.example', '--role', 'moderator', '--json')).stdout);
    expect(added).toMatchObject({ created: false, role: 'moderator' });
    expect(added.password).toBeUndefined();
    const text = (await cli('admins', 'create', 'acme', '--email', 'max@acme.example', '--password', 'a long enough password')).stdout;
    expect(text).toContain('Created max@acme.example as owner of acme.');
    expect(text).not.toContain('a long enough password');

    const { createDb } = await import('../../db/client');
    const { openEmbedded } = await import('../../db/embedded');
    const { createApp } = await import('../../worker/app');
    const { unlimited } = await import('../../worker/lib/rate-limiter');
    const client = await openEmbedded(env.LIBSQL_URL);
    try {
      const db = createDb(client);
      const app = createApp({ db: () => db, clock: Date.now, rateLimiter: unlimited, clientAddress: () => undefined, publicUrl: 'http://localhost', demo: false });
      const login = await app.request('/v1/admin/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'olga@acme.example', password: made.password }) });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { stores: unknown }).stores).toEqual([
        { id: 'acme', name: 'Acme', role: 'owner' },
        { id: 'acme-outlet', name: 'Acme Outlet', role: 'moderator' },
      ]);
    } finally {
      client.close();
    }
  });

  it('refuses a bad admins command with 2 and a reason', async () => {
    const errorOf = (...args: string[]) => cli(...args).then(() => '', (e: { code: number; stderr: string }) => `${e.code} ${e.stderr.split('\n')[0]}`);
    expect(await errorOf('admins', 'create', 'nowhere', '--email', 'a@b.example')).toBe('2 no store "nowhere"');
    expect(await errorOf('admins', 'create', 'acme', '--email', 'not-an-email')).toBe('2 --email must be an email address');
    expect(await errorOf('admins', 'create', 'acme', '--email', 'c@b.example', '--password', 'short')).toBe('2 --password must be at least 10 characters');
    expect(await errorOf('admins', 'create', 'acme', '--email', 'c@b.example', '--role', 'admin')).toBe('2 --role must be owner or moderator');
    expect(await errorOf('admins', 'create', 'acme', '--email', 'olga@acme.example', '--password', 'another long password')).toMatch(/^2 olga@acme.example already has an account/);
  });

  it('imports a Judge.me export with progress and the row it could not take, a second time adding nothing, and exports it', async () => {
    const file = 'test/fixtures/imports/judgeme.csv';
    const dry = await cli('import', 'acme', file, '--dry-run');
    expect(dry.stdout).toContain('[dry run] read 5 rows: 4 to import, 0 already there, 1 failed (as judgeme).');
    const first = await cli('import', 'acme', file);
    expect(first.stderr).toContain('read 5 rows: 4 imported, 0 already there, 1 failed');
    expect(first.stdout).toContain('Rows not imported:\n  row 5, rating: rating must be a whole number from 1 to 5 (got "7")');
    const again = JSON.parse((await cli('import', 'acme', file, '--vendor', 'judgeme', '--json')).stdout);
    expect(again).toMatchObject({ status: 'done', imported: 0, skipped: 4, failed: 1 });

    const exported = (await cli('export', 'acme', 'reviews.csv')).stdout.trim().split('\r\n');
    expect(exported).toHaveLength(5);
    expect(exported[0]).toMatch(/^id,source_key,source,product_id,/);
    expect(exported.filter((l) => l.includes(',judgeme,'))).toHaveLength(4);
    const mapping = join(dir, 'map.json');
    writeFileSync(mapping, JSON.stringify({ stars: 'rating' }));
    expect(await cli('import', 'acme', file, '--mapping', mapping).catch((e: { code: number; stderr: string }) => `${e.code} ${e.stderr.split('\n')[0]}`)).toMatch(/^2 --mapping: mapping: "stars" is not a field of reviews/);
  });

  it('imports votes with --kind votes, saying which rows name a review not imported yet', async () => {
    const votes = join(dir, 'votes.csv');
    writeFileSync(votes, `kind,target_id,voter,value,created_at,target_source_key\nreview,rv_elsewhere,${'a'.repeat(64)},1,2024-01-01T00:00:00.000Z,verity:rv_elsewhere\n`);
    const result = await cli('import', 'acme', votes, '--kind', 'votes');
    expect(result.stdout).toContain('read 1 rows: 0 imported, 0 already there, 1 failed (as verity).');
    expect(result.stdout).toContain('row 2, target_source_key: review "verity:rv_elsewhere" is not in this store: import the reviews first');
    expect(await cli('import', 'acme', votes, '--kind', 'likes').catch((e: { code: number; stderr: string }) => `${e.code} ${e.stderr.split('\n')[0]}`)).toBe('2 --kind must be reviews, questions, votes');
  });

  it('explains a mistake and exits with 2', async () => {
    const failure = await cli('stores', 'create', 'Bad Id!', '--name', 'x').catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/store id must be/);
    const dup = await cli('stores', 'create', 'acme', '--name', 'again').catch((e: { code: number; stderr: string }) => e);
    expect((dup as { stderr: string }).stderr).toMatch(/already exists/);
  });
});
