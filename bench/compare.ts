/**
 * The read path's scenarios against two checkouts' servers at once: this one
 * and another (a git worktree of an older commit, say), on copies of one seeded
 * database, alternating short rounds between them, so the machine's drift
 * slows both alike. What a change did, where bench/read-path.ts says how far
 * from the constant route the whole is; on this shared machine a single run of
 * either wanders by a fifth, the difference between two alternating servers
 * far less.
 *
 * Run: npm run bench:compare -- --against ../verity-before [--scenarios 'miss,mixed'] [--rounds 5] [--seconds 3]
 *   The other checkout needs its own `npm install` (or a node_modules link to this one's).
 * Prints, per scenario and server, the median over the rounds of req/s and of
 * the main thread's CPU per request (from /proc: the event loop, which is what
 * limits a Node server; the writer thread and the pool are left out), and each
 * round's figure. Loopback only; bounded by rounds × seconds × scenarios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { seedReadPath } from './read-path-seed';
import { mixedRequest, reviewRequest, ticksPerSecond } from './read-requests';

const { values } = parseArgs({
  options: {
    against: { type: 'string' },
    scenarios: { type: 'string', default: 'miss,summaries-miss,review,mixed' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
  },
});
if (!values.against) throw new Error('--against <checkout> is required: the other server to compare with');
const roots = [process.cwd(), resolve(values.against)];

const seedDir = mkdtempSync(join(tmpdir(), 'verity-compare-'));
const s = await seedReadPath(join(seedDir, 'verity.db'), { big: false });
const store = `/v1/stores/${s.storeId}`;

interface Server {
  root: string;
  url: string;
  child: ChildProcess;
}
const servers: Server[] = [];
for (const [i, root] of roots.entries()) {
  const dir = join(seedDir, `server-${i}`);
  cpSync(join(seedDir, 'verity.db'), join(dir, 'verity.db'));
  const port = 40_000 + Math.floor(Math.random() * 10_000) * 2 + i;
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/node.ts'], {
    cwd: root,
    env: { ...process.env, VERITY_DATA_DIR: dir, PORT: String(port), DEMO: 'off', SCHEDULER_INTERVAL_SECONDS: '0', RATE_LIMIT_WRITES_PER_MINUTE: '100000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && done());
    child.once('exit', (code) => fail(new Error(`the server in ${root} exited with ${code}`)));
  });
  servers.push({ root, url: `http://127.0.0.1:${port}`, child });
}

let n = 0;
const scenarios: Record<string, () => autocannon.Request> = {
  miss: () => ({ method: 'GET', path: `${store}/products/${s.tenK}/reviews?nocache=${n++}` }),
  'summaries-miss': () => ({ method: 'GET', path: `${store}/summaries?products=${s.catalogue.slice(0, 24).join(',')}&nocache=${n++}` }),
  hit: () => ({ method: 'GET', path: `${store}/products/${s.tenK}/reviews` }),
  review: () => reviewRequest(s.storeId, s.catalogue[n++ % s.catalogue.length]!),
  mixed: () => mixedRequest(s),
};

/** The main thread's CPU time so far, in ms (its task's user + system ticks). */
function mainThreadMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

function round(server: Server, make: () => autocannon.Request, seconds: number): Promise<{ rps: number; cpu: number }> {
  const before = mainThreadMs(server.child.pid!);
  return new Promise((done, fail) =>
    autocannon({ url: server.url, connections: 50, duration: seconds, requests: [{ setupRequest: (req) => ({ ...req, ...make() }) }] }, (err, result) => {
      if (err) return fail(err);
      done({ rps: result.requests.average, cpu: ((mainThreadMs(server.child.pid!) - before) * 1000) / Math.max(1, result.requests.total) });
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
for (const name of values.scenarios.split(',')) {
  const make = scenarios[name];
  if (!make) throw new Error(`no scenario "${name}"; there are ${Object.keys(scenarios).join(', ')}`);
  for (const server of servers) await round(server, make, seconds); // warm-up, unmeasured
  const results = servers.map(() => ({ rps: [] as number[], cpu: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, server] of servers.entries()) {
      const { rps, cpu } = await round(server, make, seconds);
      results[i]!.rps.push(rps);
      results[i]!.cpu.push(cpu);
    }
  }
  for (const [i, server] of servers.entries()) {
    const { rps, cpu } = results[i]!;
    console.log(
      `${name.padEnd(16)} ${server.root.padEnd(40)} ${median(rps).toFixed(0).padStart(6)} req/s  ${median(cpu).toFixed(0).padStart(5)} µs main-thread CPU/req  (rounds: ${cpu.map((c) => c.toFixed(0)).join(' ')})`,
    );
  }
}

for (const server of servers) server.child.kill('SIGTERM');
await Promise.all(servers.map((server) => new Promise((done) => (server.child.exitCode !== null ? done(null) : server.child.once('exit', done)))));
rmSync(seedDir, { recursive: true, force: true });
