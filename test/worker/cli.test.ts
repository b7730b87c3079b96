/** The CLI as an operator runs it: a real process over a real database file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

  it('explains a mistake and exits with 2', async () => {
    const failure = await cli('stores', 'create', 'Bad Id!', '--name', 'x').catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/store id must be/);
    const dup = await cli('stores', 'create', 'acme', '--name', 'again').catch((e: { code: number; stderr: string }) => e);
    expect((dup as { stderr: string }).stderr).toMatch(/already exists/);
  });
});
