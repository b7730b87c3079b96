/**
 * Finished public answers, served before routing and the app's middleware run.
 *
 * Widgets read far more than shoppers write, and a public GET's answer depends
 * only on its URL and on the store's content. So an answer is stored with the
 * versions of what it shows (db/schema/content-versions.ts: the store row and
 * each product it names, or the whole store), and a request first reads those
 * versions — one indexed statement — and is served the stored answer only if
 * they have not moved. The triggers move them in the same transaction as any
 * write, from any process, so no reader ever sees an answer older than the
 * last acknowledged write; there is nothing to purge and nothing to forget.
 *
 * Only `GET`/`HEAD` of `/v1/stores/…` with status 200, and nothing that sets a
 * cookie or says `private`/`no-store`, is ever stored: the public API answers
 * the same to everyone (`Access-Control-Allow-Origin: *`), merchant routes live
 * under `/v1/admin/` and are never looked at here.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { VersionScope } from '../../db/queries/content-versions';

export interface CachedAnswer {
  status: number;
  /** Lower-case names. A plain record and a Uint8Array are what @hono/node-server writes straight to the socket, without a stream. */
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** Where answers are kept: an in-process LRU on Node, the Cache API on Workers. */
export interface AnswerStore {
  get(key: string): CachedAnswer | undefined | Promise<CachedAnswer | undefined>;
  put(key: string, answer: CachedAnswer): void | Promise<void>;
}

export interface PublicCacheOptions {
  store: AnswerStore;
  /** One number that moves whenever any of `scopes` in one store moves (readVersionStamp), read before the answer is computed. */
  versions: (c: Context, storeId: string, scopes: VersionScope[]) => Promise<number>;
  /** Lets the response go before the store is written (Workers: `ctx.waitUntil`). */
  defer?: (c: Context, work: Promise<unknown>) => void;
}

/**
 * What browsers and CDNs in front of Verity may do: reuse an answer for 10 s,
 * and for a minute more while they revalidate it in the background. The ETag
 * makes that revalidation a bodiless 304.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=60';

const PRODUCT_READ = /^\/products\/([^/]+)\/(?:reviews|questions|jsonld|snippet|search)$/;
const MAX_SCOPED_PRODUCTS = 100;

/**
 * The versions a public answer depends on, from its URL alone; undefined for
 * what is never cached. A product's page depends on the store row and that
 * product; summaries on the statistics of each product they name; anything
 * else on the store's every change.
 */
export function cacheScopes(url: URL): { storeId: string; scopes: VersionScope[] } | undefined {
  if (!url.pathname.startsWith('/v1/stores/')) return undefined;
  const rest = url.pathname.slice('/v1/stores/'.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const storeId = decodeURIComponent(rest.slice(0, slash));
  const tail = rest.slice(slash);
  // Webhooks are writes; the review feed streams megabytes behind its own token and ETag.
  if (tail.startsWith('/webhooks/') || tail.startsWith('/feeds/')) return undefined;
  const product = PRODUCT_READ.exec(tail);
  if (product) return { storeId, scopes: ['store', `p:${decodeURIComponent(product[1]!)}`] };
  if (tail === '/summaries') {
    const ids = [...new Set((url.searchParams.get('products') ?? '').split(',').map((p) => p.trim()).filter(Boolean))];
    // A summary shows the product's statistics alone: votes, replies and questions leave it as it is.
    if (ids.length > 0 && ids.length <= MAX_SCOPED_PRODUCTS) return { storeId, scopes: ['store', ...ids.map((id) => `s:${id}` as const)] };
  }
  return { storeId, scopes: ['store', 'any'] };
}

/** Whether a finished answer may be kept: a 200 that sets no cookie and is not private. */
export function cacheable(res: Response): boolean {
  if (res.status !== 200 || res.headers.has('set-cookie')) return false;
  return !/\b(private|no-store)\b/i.test(res.headers.get('cache-control') ?? '');
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter for If-None-Match.
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** 96 bits of the body's SHA-1, in hex: what tells two bodies apart, not a security measure. */
export async function webCryptoDigest(body: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', body));
  let hex = '';
  for (let i = 0; i < 12; i++) hex += digest[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** What to send for a stored answer: a bodiless 304 when the client's copy matches, else the answer; `X-Cache` says which path served it. */
export function answerToSend(answer: CachedAnswer, state: 'hit' | 'miss', method: string, ifNoneMatch: string | undefined) {
  const headers: Record<string, string> = { ...answer.headers, 'x-cache': state };
  if (matches(ifNoneMatch, answer.etag)) {
    delete headers['content-length'];
    delete headers['content-type'];
    delete headers['content-encoding'];
    return { status: 304, headers, body: null };
  }
  return { status: answer.status, headers, body: method === 'HEAD' ? null : answer.body };
}

function respond(c: Context, answer: CachedAnswer, state: 'hit' | 'miss'): Response {
  const { status, headers, body } = answerToSend(answer, state, c.req.method, c.req.header('if-none-match'));
  return new Response(body, { status, headers });
}

/** Where an answer is kept: the representation, the URL as asked, and the stamp of what it shows. */
export const answerKey = (variant: string, url: URL, stamp: number) => `${variant} ${url.pathname}${url.search} ${stamp}`;

/** A response's headers as the record a CachedAnswer keeps. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => (record[name] = value));
  return record;
}

/**
 * The answer kept for a finished response: its headers with ours — how long
 * browsers may keep it, the body's own length (compression streams and drops
 * it, and without it Node frames every hit as chunks: more writes, and a body a
 * client cannot size), and an ETag of the body unless the app gave one.
 */
export async function fileAnswer(
  status: number,
  headers: Record<string, string>,
  body: Uint8Array<ArrayBuffer>,
  digest: (body: Uint8Array<ArrayBuffer>) => string | Promise<string>,
): Promise<CachedAnswer> {
  headers['cache-control'] = PUBLIC_CACHE_CONTROL;
  headers['content-length'] = String(body.byteLength);
  headers['etag'] ??= `W/"${await digest(body)}"`;
  return { status, headers, body, etag: headers['etag'] };
}

export const publicCache = (options: PublicCacheOptions): MiddlewareHandler =>
  async function publicCache(c, next) {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    const scoped = cacheScopes(url);
    if (!scoped) return next();

    // Versions first, answer second: whatever the answer shows is at least this
    // new, so storing it under these versions can never hide a later write.
    const stamp = await options.versions(c, scoped.storeId, scoped.scopes);
    // One representation: Workers leave compression to Cloudflare's edge (Node keys by Accept-Encoding, node-front.ts).
    const key = answerKey('', url, stamp);
    const hit = await options.store.get(key);
    if (hit) return respond(c, hit, 'hit');

    await next();
    const res = c.res;
    // HEAD answers have no body to keep: only a GET fills the cache.
    if (method !== 'GET' || !cacheable(res)) return;
    const answer = await fileAnswer(res.status, headerRecord(res.headers), new Uint8Array(await res.arrayBuffer()), webCryptoDigest);
    const stored = options.store.put(key, answer);
    if (stored && options.defer) options.defer(c, stored);
    else await stored;
    // Hono copies the previous response's headers onto a new one; clearing it first keeps ours as built.
    c.res = undefined as unknown as Response;
    c.res = respond(c, answer, 'miss');
  };

/** The Node store: answers in this process's memory, least recently used dropped first. */
export function memoryAnswerStore(lru: { get(key: string): CachedAnswer | undefined; set(key: string, value: CachedAnswer, bytes: number): void }): AnswerStore {
  return {
    get: (key) => lru.get(key),
    // Body, headers and key: what the entry really holds.
    put: (key, answer) => lru.set(key, answer, answer.body.byteLength + key.length * 2 + Object.entries(answer.headers).reduce((n, [k, v]) => n + k.length + v.length, 0) * 2 + 64),
  };
}
