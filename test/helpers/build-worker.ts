/** Builds the Worker bundle exactly as `wrangler deploy` would, once per test file. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function buildWorker(): Promise<{ dir: string; script: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'verity-worker-'));
  const { stdout } = await run(join('node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--env=', '--outdir', dir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { dir, script: join(dir, 'index.js'), stdout };
}
