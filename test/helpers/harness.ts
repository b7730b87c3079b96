/**
 * A real app over a real (in-memory) libSQL database, with a fake clock and
 * two seeded stores, so tests can check isolation as easily as the happy path.
 */
import { createClient, type Client } from '@libsql/client';
import { createDb, type Db } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { upsertProducts } from '../../db/queries/products';
import { createStore, type StoreKeys } from '../../worker/domain/store-keys';
import type { StoreSettings } from '../../db/schema';
import { createApp, type App } from '../../worker/app';
import { unlimited, type RateLimiter } from '../../worker/lib/rate-limiter';
import { memoryStorage } from '../../worker/media/storage';

export const ORIGIN_A = 'https://shop-a.example';
export const ORIGIN_B = 'https://shop-b.example';
/** The app's configured public origin; app.request() without a host also calls it http://localhost. */
export const PUBLIC_URL = 'http://localhost';
export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

export class FakeClock {
  constructor(public now = T0) {}
  advance(ms: number): number {
    this.now += ms;
    return this.now;
  }
}

export interface SeededStore {
  id: string;
  keys: StoreKeys;
  products: string[];
}

export interface Harness {
  app: App;
  db: Db;
  client: Client;
  clock: FakeClock;
  /** Where the app keeps uploaded media (in memory). */
  media: ReturnType<typeof memoryStorage>;
  a: SeededStore;
  b: SeededStore;
  call: (method: string, path: string, init?: CallInit) => Promise<CallResult>;
  close: () => void;
}

export interface CallInit {
  json?: unknown;
  /** A raw body, sent as is (with `contentType`, default application/json). */
  body?: BodyInit;
  contentType?: string;
  /** Secret key sent as a Bearer token. */
  key?: string;
  origin?: string;
  /** The client address the fake runtime reports. */
  client?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // Tests read response bodies loosely; the shape is what they assert.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export async function createHarness(
  /** `url`: a file database instead of memory, for what needs a second connection to it. */
  options: { url?: string; rateLimiter?: RateLimiter; moderation?: StoreSettings['moderation']; demo?: boolean; turnstileVerifyUrl?: string; turnstileScriptUrl?: string } = {},
): Promise<Harness> {
  const client = createClient({ url: options.url ?? ':memory:' });
  const db = createDb(client);
  await migrateDb(db);
  const clock = new FakeClock();
  const media = memoryStorage();
  const app = createApp({
    media,
    db: () => db,
    clock: () => clock.now,
    rateLimiter: options.rateLimiter ?? unlimited,
    clientAddress: (c) => c.req.header('x-test-client'),
    publicUrl: PUBLIC_URL,
    demo: options.demo ?? true,
    turnstileVerifyUrl: options.turnstileVerifyUrl,
    turnstileScriptUrl: options.turnstileScriptUrl,
  });

  const seed = async (id: string, origin: string): Promise<SeededStore> => {
    const { keys } = await createStore(db, { id, name: `Store ${id}`, allowedOrigins: [origin], settings: { moderation: options.moderation ?? 'publish' } }, clock.now);
    const products = ['tee', 'mug', 'tote'];
    await upsertProducts(db, id, products.map((p) => ({ externalId: p, name: `${id} ${p}` })), clock.now);
    return { id, keys, products };
  };
  const a = await seed('store-a', ORIGIN_A);
  const b = await seed('store-b', ORIGIN_B);

  const call = async (method: string, path: string, init: CallInit = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...init.headers };
    let body: BodyInit | undefined = init.body;
    if (init.json !== undefined) body = JSON.stringify(init.json);
    if (body !== undefined && !('content-type' in headers)) headers['content-type'] = init.contentType ?? 'application/json';
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.origin) headers.origin = init.origin;
    headers['x-test-client'] = init.client ?? '203.0.113.7';
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  return { app, db, client, clock, media, a, b, call, close: () => client.close() };
}
