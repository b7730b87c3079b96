/**
 * The README's "Verified purchases" walk-through, run as written with sh (no
 * bash or GNU date needed) against a server on a port that is not 8787, from
 * a folder laid out like a fresh clone after `npm start`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNodeConfig, startNodeServer } from '../worker/node';

const run = promisify(execFile);

/** The first ```sh block after `marker` in README.md. */
function readmeBlock(marker: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf(marker);
  expect(at, `README.md no longer says ${JSON.stringify(marker)}`).toBeGreaterThan(-1);
  return /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1]!;
}

let clone: string;
let server: Awaited<ReturnType<typeof startNodeServer>>;

beforeAll(async () => {
  // The project's files by symlink, and a data/ folder of its own, as `npm start` leaves it.
  clone = mkdtempSync(join(tmpdir(), 'verity-readme-'));
  for (const entry of readdirSync('.')) if (entry !== 'data' && entry !== '.git') symlinkSync(join(process.cwd(), entry), join(clone, entry));
  mkdirSync(join(clone, 'data'));
  server = await startNodeServer({ ...readNodeConfig({ VERITY_DATA_DIR: join(clone, 'data') }), port: 0, schedulerIntervalSeconds: 0 });
  expect(server.port).not.toBe(8787);
});
afterAll(async () => {
  await server?.close();
  rmSync(clone, { recursive: true, force: true });
});

describe('README: Verified purchases', () => {
  it("records the signed order and writes the review request, with links on the server's PORT", async () => {
    const script = readmeBlock('Try it against `npm start`');
    expect(script, "macOS's BSD date has no -d/--date").not.toMatch(/\bdate\b[^\n|;]*\s(-d|--date)\b/);
    const { stdout } = await run('sh', ['-e', '-c', script], { cwd: clone, env: { ...process.env, PORT: String(server.port) } });
    expect(stdout).toContain('{"received":true,"order":{"id":"1001","status":"fulfilled"}}');

    const outbox = join(clone, 'data', 'outbox');
    const toSam = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8')).filter((eml) => /^To: sam@example\.com$/m.test(eml));
    expect(toSam).toHaveLength(1);
    expect(toSam[0]).toContain(`List-Unsubscribe: <http://127.0.0.1:${server.port}/u/`);
  });
});
