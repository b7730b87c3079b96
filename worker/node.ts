/**
 * The embedded default: the same app on Node with an embedded libSQL file.
 * `npm start` needs nothing else — migrations run on boot, and an empty
 * database gets a demo store whose keys are printed once and kept in
 * data/demo.json for scripts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createDb, type Db } from '../db/client';
import { openEmbedded, openVersionReader } from '../db/embedded';
import { migrateDb } from '../db/migrate';
import { putSetting } from '../db/queries/settings';
import { listStores, rememberedStores } from '../db/queries/stores';
import { seedDemo } from './domain/demo-store';
import { createApp } from './app';
import { serveWidgets } from './http/serve-widgets';
import { NodeEnvSchema, parseEnv } from './config';
import { fileTransport } from './email/file-transport';
import { nodeFront, serveHits } from './http/node-front';
import { memoryAnswerStore, type CachedAnswer } from './http/public-cache';
import { ByteLru } from './lib/byte-lru';
import { readVersionStamp, type VersionScope } from '../db/queries/content-versions';
import { httpTransport, type EmailTransport } from './email/transport';
import { MemoryRateLimiter } from './lib/rate-limiter';
import { runScheduler } from './domain/review-requests';
import { fileStorage, mediaDir } from './media/file-storage';
import { cleanupUploads } from './media/cleanup';
import type { MediaStorage } from './media/storage';

export interface NodeConfig {
  port: number;
  host: string;
  libsqlUrl: string;
  authToken?: string;
  dataDir: string;
  /** How many proxies in front of us append to X-Forwarded-For; 0 trusts only the socket. */
  trustProxyHops: number;
  /** Public writes allowed per client address and store per minute. */
  writesPerMinute: number;
  /**
   * The public origin every link, canonical URL and sitemap uses; defaults to
   * the address this server listens on. Never taken from a request's Host.
   */
  publicUrl?: string;
  /** `file` writes .eml files under <dataDir>/outbox; `http` posts to a Resend-style API. */
  emailTransport: 'file' | 'http';
  emailApiUrl: string;
  emailApiKey?: string;
  /** TURNSTILE_VERIFY_URL. */
  turnstileVerifyUrl?: string;
  /** TURNSTILE_SCRIPT_URL. */
  turnstileScriptUrl?: string;
  /** The built static files (dist/public: the widgets). */
  publicDir: string;
  /** How often the scheduler runs, in seconds; 0 turns it off (run it with the CLI instead). */
  schedulerIntervalSeconds: number;
  /** Serve the /demo storefront (DEMO=on, the default, or off). */
  demo: boolean;
  /** Bytes of memory for cached public answers; 0 turns the cache off. */
  publicCacheBytes: number;
}

/** The embedded default's configuration from its environment (worker/config.ts holds every rule and default). */
export function readNodeConfig(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const e = parseEnv(NodeEnvSchema, env);
  return {
    port: e.PORT,
    host: e.HOST,
    libsqlUrl: e.LIBSQL_URL ?? `file:${join(e.VERITY_DATA_DIR, 'verity.db')}`,
    authToken: e.LIBSQL_AUTH_TOKEN,
    dataDir: e.VERITY_DATA_DIR,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    publicUrl: e.PUBLIC_URL,
    emailTransport: e.EMAIL_TRANSPORT,
    emailApiUrl: e.EMAIL_API_URL,
    emailApiKey: e.EMAIL_API_KEY,
    turnstileVerifyUrl: e.TURNSTILE_VERIFY_URL,
    turnstileScriptUrl: e.TURNSTILE_SCRIPT_URL,
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
    publicCacheBytes: e.PUBLIC_CACHE_MB * 1024 * 1024,
    demo: e.DEMO,
    publicDir: fileURLToPath(new URL('../dist/public', import.meta.url)),
  };
}

/** The address a server bound to `host`:`port` is reached at from this machine. */
export const listeningUrl = (host: string, port: number) => `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;

/** The email transport this configuration asks for. */
export function nodeTransport(config: NodeConfig): EmailTransport {
  if (config.emailTransport === 'http') {
    if (!config.emailApiKey) throw new Error('EMAIL_TRANSPORT=http needs EMAIL_API_KEY');
    return httpTransport({ endpoint: config.emailApiUrl, apiKey: config.emailApiKey });
  }
  return fileTransport(join(config.dataDir, 'outbox'));
}

/** The client address: the socket peer, or the hop our own proxies vouch for in X-Forwarded-For. */
export function nodeClientAddress(trustProxyHops: number) {
  return (c: Context): string | undefined => {
    if (trustProxyHops > 0) {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const vouched = hops[hops.length - trustProxyHops];
      if (vouched) return vouched;
    }
    try {
      return getConnInfo(c).remote.address;
    } catch {
      return undefined;
    }
  };
}

/** The demo store accepts browsers on this server's own origins (the /demo pages). */
const demoOrigins = (port: number) => (port === 0 ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);

export async function startNodeServer(config: NodeConfig) {
  const client = await openEmbedded(config.libsqlUrl, config.authToken);
  const db = createDb(client);
  await migrateDb(db);

  const media = fileStorage(mediaDir(config.dataDir));
  // Known once the server listens (port 0 picks one); no request arrives before that.
  let publicUrl = config.publicUrl ?? '';
  // A second connection to the same file: the public cache's and the store rows' version checks (db/embedded.ts).
  const versionReader = openVersionReader(config.libsqlUrl);
  const app = createApp({
    db: () => db,
    clock: Date.now,
    rateLimiter: new MemoryRateLimiter({ limit: config.writesPerMinute, windowSeconds: 60 }),
    clientAddress: nodeClientAddress(config.trustProxyHops),
    publicUrl: () => publicUrl,
    demo: config.demo,
    turnstileVerifyUrl: config.turnstileVerifyUrl,
    turnstileScriptUrl: config.turnstileScriptUrl,
    media,
    store: versionReader && rememberedStores(versionReader.stamp),
  });

  serveWidgets(app, config.publicDir);

  // Seed before listening, so no request ever sees a half-made demo store.
  const seeded = (await listStores(db)).length === 0 ? await seedDemo(db, { origins: demoOrigins(config.port), now: Date.now() }) : null;

  const cache = config.publicCacheBytes > 0 ? new ByteLru<CachedAnswer>(config.publicCacheBytes) : undefined;
  const stamp = versionReader ? versionReader.stamp : (storeId: string, scopes: VersionScope[]) => readVersionStamp(db, storeId, scopes);
  const front = nodeFront(app, cache && { answers: memoryAnswerStore(cache), stamp });
  // With a file database, hits are served from the request event itself (serveHits); memory databases have no synchronous stamp.
  const hits = cache && versionReader ? { answers: cache, stamp: versionReader.stamp } : undefined;
  const listener = getRequestListener((request, env) => front.fetch(request, env as HttpBindings), { hostname: config.host });
  const server = createServer(hits ? serveHits(hits, listener) : listener);
  server.listen(config.port, config.host);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = listeningUrl(config.host, port);
  publicUrl = config.publicUrl ?? base;
  // The CLI's scheduler writes links too: it reads this, so they point where this server is.
  await putSetting(db, 'public_url', publicUrl, Date.now());

  if (seeded) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, 'demo.json'), JSON.stringify({ ...seeded, baseUrl: base }, null, 2) + '\n', { mode: 0o600 });
    console.log(
      [
        '',
        'Created the demo store (shown once; also saved to ' + join(config.dataDir, 'demo.json') + '):',
        `  store          ${seeded.store}`,
        `  public key     ${seeded.publicKey}`,
        `  secret key     ${seeded.secretKey}`,
        `  webhook secret ${seeded.webhookSecret}`,
        `  products       ${seeded.products.join(', ')}`,
        '',
        `  Dashboard: ${base}/admin`,
        `    email          ${seeded.admin.email}`,
        `    password       ${seeded.admin.password}`,
        '',
        `  Reviews:  ${base}/v1/stores/demo/products/classic-tee/reviews`,
        `  API docs: ${base}/docs`,
        '',
      ].join('\n'),
    );
  }
  console.log(`Verity listening on ${base} (database ${config.libsqlUrl})`);

  const scheduler = startScheduler(db, config, publicUrl, media);

  return {
    url: base,
    port,
    async close() {
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      versionReader?.close();
      client.close();
    },
  };
}

/** Runs review requests, email delivery and the upload cleanup every few seconds; never two runs at once in this process. */
function startScheduler(db: Db, config: NodeConfig, baseUrl: string, media: MediaStorage) {
  if (config.schedulerIntervalSeconds === 0) return { stop: async () => {} };
  const transport = nodeTransport(config);
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runScheduler(db, { now: Date.now(), baseUrl, transport })
      .then(async (r) => {
        if (r.requested || r.reminded || r.sent || r.failed) console.log(`scheduler: ${JSON.stringify(r)}`);
        const uploadsDeleted = await cleanupUploads(db, media, Date.now());
        if (uploadsDeleted) console.log(`scheduler: deleted ${uploadsDeleted} unused uploads`);
      })
      .catch((err: unknown) => console.error('scheduler failed', err));
  };
  const timer = setInterval(() => void running.then(tick), config.schedulerIntervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startNodeServer(readNodeConfig()).then(
    (server) => {
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
