/**
 * `npm run dev` as a developer runs it: scripts/dev.ts starts the local libSQL
 * endpoint and `wrangler dev --env dev`, so the Worker runs in workerd with the
 * [env.dev] bindings of wrangler.toml (the top level is for deployments only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../fixtures/reviews';

let dir: string;
let dev: ChildProcess;
let output = '';
let base: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-dev-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    env: { ...process.env, VERITY_DATA_DIR: dir, PORT: String(port), HRANA_PORT: '0', WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (d: Buffer) => (output += d));
  dev.stderr!.on('data', (d: Buffer) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const ready = () => (/Ready on http:\/\/127\.0\.0\.1:\d+/.test(output) ? resolve() : undefined);
    dev.stdout!.on('data', ready);
    dev.stderr!.on('data', ready);
    dev.once('exit', (code) => reject(new Error(`npm run dev exited with ${code} before it was ready:\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('runs the Worker over the local libSQL endpoint, migrated', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status, output).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'reachable', schema: { current: true } });
  });

  it('creates the demo store and serves its storefront (DEMO is on in [env.dev])', async () => {
    const demo = JSON.parse(readFileSync(join(dir, 'dev-demo.json'), 'utf8'));
    expect(demo.secretKey).toMatch(/^sk_/);
    const page = await fetch(`${base}/demo`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<verity-reviews');
  });

  it("takes a review from the demo storefront's origin through the dev rate limiter", async () => {
    const res = await fetch(`${base}/v1/stores/demo/products/classic-tee/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(makeReviewInput()),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(output).toMatch(/env\.PUBLIC_WRITES \(30 requests\/60s\)\s+Rate Limit/);
  });
});
