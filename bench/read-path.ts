/**
 * The public read path against a constant Hono route, side by side in one run
 * (issue 13). Both servers run in their own process, as `npm start` does; the
 * load generator (autocannon, 50 connections) alternates rounds between them,
 * so a noisy machine slows both alike and the ratio stays meaningful.
 *
 * Run: npm run bench:read [-- --seconds 5 --rounds 3 --warmup 5 --big --only <regex>]
 *   --warmup runs each scenario unmeasured for that many seconds first (JIT warm-up; 0 to skip).
 *   --big adds a product with 1,000,000 reviews for the search scenario (seeding takes a minute or two).
 *   --only runs the scenarios whose names match, e.g. --only 'first page|summaries'.
 * Loopback only; bounded by rounds × seconds per scenario.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seedReadPath, type Seeded } from './read-path-seed';
import { mixedRequest, reviewRequest, ticksPerSecond } from './read-requests';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '5' },
    big: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const rounds = Number(values.rounds);
const connections = 50;

const dir = mkdtempSync(join(tmpdir(), 'verity-read-'));
const t0 = performance.now();
const seeded = await seedReadPath(join(dir, 'verity.db'), { big: values.big });
console.log(`seeded ${seeded.reviewCount.toLocaleString('en')} reviews in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function start(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve());
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return child;
}
const port = 20_000 + Math.floor(Math.random() * 20_000);
const constant = await start(['bench/constant-server.ts', String(port + 1)], {});
const verity = await start(['worker/node.ts'], {
  VERITY_DATA_DIR: dir,
  PORT: String(port),
  DEMO: 'off',
  RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  SCHEDULER_INTERVAL_SECONDS: '0',
});
const verityUrl = `http://127.0.0.1:${port}`;
const constantUrl = `http://127.0.0.1:${port + 1}`;

const rssMiB = (child: ChildProcess) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** The server's CPU time so far, in µs (user + system, from /proc): on a shared machine, CPU per request is steadier than req/s. */
function cpuMicros(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
}

interface Round {
  rps: number;
  /** Server CPU per answered request, µs. */
  cpuPerRequest: number;
  p50: number;
  p99: number;
  errors: number;
  /** Non-2xx answers by status, e.g. a vote refused with 409 after an address's third vote. */
  statuses: Record<string, number>;
}

function run(url: string, requests: autocannon.Request[], duration = seconds): Promise<Round> {
  const server = url === constantUrl ? constant : verity;
  const cpuBefore = cpuMicros(server);
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, requests }, (err, result) => {
      if (err) return reject(err);
      const cpuPerRequest = (cpuMicros(server) - cpuBefore) / Math.max(1, result.requests.total);
      const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, v]) => [code, v?.count ?? 0]));
      resolve({ rps: result.requests.average, cpuPerRequest, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, statuses });
    });
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows: string[] = [];

const only = new RegExp(values.only);
async function scenario(name: string, requests: autocannon.Request[]) {
  if (!only.test(name)) return;
  const reference: Round[] = [];
  const measured: Round[] = [];
  // Unmeasured first: V8 compiles a path's functions to optimized code only after
  // thousands of calls (a miss's CPU fell from ~1.8 to ~0.7 ms over its first 15 s
  // here); a server runs for days, and the constant route's few functions warm at once.
  if (warmupSeconds > 0) await run(verityUrl, requests, warmupSeconds);
  for (let i = 0; i < rounds; i++) {
    reference.push(await run(constantUrl, [{ method: 'GET', path: '/constant' }]));
    measured.push(await run(verityUrl, requests));
  }
  const rps = mean(measured.map((r) => r.rps));
  const ratio = rps / mean(reference.map((r) => r.rps));
  const row =
    `${name.padEnd(36)} ${Math.round(rps).toString().padStart(7)} req/s  ${(ratio * 100).toFixed(1).padStart(5)} % of constant` +
    `  p50 ${mean(measured.map((r) => r.p50)).toFixed(1).padStart(5)} ms  p99 ${Math.max(...measured.map((r) => r.p99)).toFixed(1).padStart(6)} ms` +
    `  CPU ${mean(measured.map((r) => r.cpuPerRequest)).toFixed(0).padStart(5)} µs/req (constant ${mean(reference.map((r) => r.cpuPerRequest)).toFixed(0)})` +
    `  errors ${measured.reduce((a, r) => a + r.errors, 0)}  RSS ${rssMiB(verity).toFixed(0)} MiB`;
  const statuses = measured.flatMap((r) => Object.entries(r.statuses).map(([code, n]) => `${code}×${n}`));
  console.log(row + (statuses.length ? ` (${statuses.join(', ')})` : ''));
  rows.push(row);
}

const s: Seeded = seeded;
const store = `/v1/stores/${s.storeId}`;
console.log(`${connections} connections, ${rounds} rounds × ${seconds} s per server and scenario after ${warmupSeconds} s unmeasured; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`constant route: ${(mean((await Promise.all([run(constantUrl, [{ method: 'GET', path: '/' }])])).map((r) => r.rps)) | 0)} req/s warm-up`);

/**
 * A GET the public cache has never seen: a query parameter the API ignores but
 * the cache keys by, new on every request — what a miss costs.
 */
let misses = 0;
const uncached = (path: string): autocannon.Request[] => [
  { setupRequest: (req) => ({ ...req, method: 'GET', path: `${path}${path.includes('?') ? '&' : '?'}nocache=${misses++}` }) },
];

await scenario('first page of reviews (10,000)', [{ method: 'GET', path: `${store}/products/${s.tenK}/reviews` }]);
await scenario('  the same, uncached', uncached(`${store}/products/${s.tenK}/reviews`));
await scenario('summaries of 24 products', [{ method: 'GET', path: `${store}/summaries?products=${s.catalogue.slice(0, 24).join(',')}` }]);
await scenario('  the same, uncached', uncached(`${store}/summaries?products=${s.catalogue.slice(0, 24).join(',')}`));
await scenario('mixed: 95 % reads, 5 % writes', [{ setupRequest: (req) => ({ ...req, ...mixedRequest(s) }) }]);
await scenario('POST review', [{ setupRequest: (req) => ({ ...req, ...reviewRequest(s.storeId, s.catalogue[1]!) }) }]);
// Searches uncached: the index's work is what these measure.
await scenario('search q=great (10,000), uncached', uncached(`${store}/products/${s.tenK}/reviews?q=great`));
if (s.oneM) await scenario('search q=great (1,000,000), uncached', uncached(`${store}/products/${s.oneM}/reviews?q=great`));
await scenario('reviews+Q&A search (10,000), uncached', uncached(`${store}/products/${s.tenK}/search?q=great`));
if (s.oneM) await scenario('reviews+Q&A search (1,000,000), uncached', uncached(`${store}/products/${s.oneM}/search?q=great`));

console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
constant.kill('SIGTERM');
verity.kill('SIGTERM');
await Promise.all([constant, verity].map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))));
rmSync(dir, { recursive: true, force: true });
