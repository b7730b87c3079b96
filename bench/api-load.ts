/**
 * Requests per second and latency of the embedded default over loopback:
 * the product page's read (summary + first page of reviews), the collection
 * page's batched summaries, and review writes. Bounded: a fixed number of
 * requests per scenario against 127.0.0.1 only.
 * Run: npm run bench:api [-- <requests per scenario>] (Linux: reads the server's RSS from /proc)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const total = Number(process.argv[2] ?? 2_000);
const concurrency = 32;
const dir = mkdtempSync(join(tmpdir(), 'verity-load-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);

// The server runs in its own process, as `npm start` does, so the load
// generator's work is not counted against it.
const child = spawn(process.execPath, ['--import', 'tsx', 'worker/node.ts'], {
  env: { ...process.env, VERITY_DATA_DIR: dir, PORT: String(port), RATE_LIMIT_WRITES_PER_MINUTE: '1000000', SCHEDULER_INTERVAL_SECONDS: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve());
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const server = { url: `http://127.0.0.1:${port}` };

async function scenario(name: string, request: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (!res.ok) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(
    `${name.padEnd(40)} ${String(Math.round(total / seconds)).padStart(6)} req/s   p50 ${pct(50)} ms   p99 ${pct(99)} ms   failures ${failures}`,
  );
}

const base = server.url;
console.log(`${total} requests per scenario, ${concurrency} at a time, one Node process, embedded libSQL (WAL, synchronous=FULL)`);
await scenario('GET reviews (summary + page of 10)', () => fetch(`${base}/v1/stores/demo/products/classic-tee/reviews`));
await scenario('GET summaries of 3 products', () => fetch(`${base}/v1/stores/demo/summaries?products=classic-tee,canvas-tote,trail-mug`));
await scenario('POST review (render + insert + triggers)', (i) =>
  fetch(`${base}/v1/stores/demo/products/canvas-tote/reviews`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rating: 1 + (i % 5), title: `Load ${i}`, body: `Review **${i}** from the load test.`, author: { name: 'Load', email: `load${i}@example.com` } }),
  }),
);
await scenario('GET reviews after the writes', () => fetch(`${base}/v1/stores/demo/products/canvas-tote/reviews?sort=helpful`));
const status = (await import('node:fs')).readFileSync(`/proc/${child.pid}/status`, 'utf8');
console.log(`server resident memory after the run: ${((Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) || 0) / 1024).toFixed(0)} MiB`);

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dir, { recursive: true, force: true });
