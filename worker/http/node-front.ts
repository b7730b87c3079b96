/**
 * What the Node server does around the app that Cloudflare's edge does for a
 * Worker: compress text responses, and never leave a keep-alive socket in a
 * state the next request cannot use.
 */
import { hash } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { VersionScope } from '../../db/queries/content-versions';
import { compressAnswer, compressResponse } from './compress-answer';
import { answerKey, answerToSend, cacheable, cacheScopes, fileAnswer, headerRecord, type AnswerStore, type CachedAnswer } from './public-cache';

interface Fetchable {
  fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>;
}

/** The same 96 bits of SHA-1 as webCryptoDigest, without WebCrypto's per-call cost on Node (one-shot: no Hash object). */
const sha1Digest = (body: Uint8Array) => hash('sha1', body, 'hex').slice(0, 24);

export interface NodeCache {
  answers: AnswerStore;
  /** The version stamp of `scopes` in one store (readVersionStamp), read before the answer is computed. */
  stamp: (storeId: string, scopes: VersionScope[]) => number | Promise<number>;
}

/**
 * The app behind the public cache and compression, as Node serves it.
 *
 * Public GETs take a path of their own, without a router or a Hono context:
 * versions first, then the stored answer, else the app's answer — compressed
 * whole (compress-answer.ts), filed under those versions (public-cache.ts
 * says why that order is exact) and sent. Every other answer is compressed
 * by the same rules as it goes out (compressResponse): gzip (or deflate) for
 * text over 1 KB, by the client's Accept-Encoding and with `Vary:
 * Accept-Encoding` — the demo page went out as 81 KB against a 29 KB gzip
 * budget.
 *
 * A response sent before the request body has fully arrived (an early 413
 * decided from Content-Length, or a streamed body cut off at its cap) says
 * `Connection: close`: the unread bytes are still on the socket, and a client
 * reusing it would have its next request parsed from the middle of this body.
 */
export function nodeFront(app: Fetchable, cache?: NodeCache): Fetchable {
  /** An answer that is not kept, as it goes out. */
  const finish = async (res: Response, request: Request, env: HttpBindings) =>
    closingIfIncomplete(await compressResponse(res, request.method, header(request, env, 'accept-encoding'), heldBody(res)), env);
  if (!cache) return { fetch: async (request, env) => finish(await app.fetch(request, env), request, env) };

  return {
    async fetch(request, env) {
      const method = request.method;
      const missed = (env.incoming as Missed | undefined)?.[MISSED];
      const scoped = method === 'GET' || method === 'HEAD' ? (missed?.scoped ?? scopesOf(requestTarget(request, env))) : undefined;
      if (!scoped) return finish(await app.fetch(request, env), request, env);
      const acceptEncoding = header(request, env, 'accept-encoding');
      const ifNoneMatch = header(request, env, 'if-none-match');
      // serveHits has read the versions and found nothing under them; else read them here.
      const key = missed?.key ?? answerKey(acceptEncoding ?? '', scoped.url, await cache.stamp(scoped.storeId, scoped.scopes));
      const stored = missed ? undefined : await cache.answers.get(key);
      if (stored) return sent(answerToSend(stored, 'hit', method, ifNoneMatch));

      const res = await app.fetch(request, env);
      // HEAD answers have no body to keep: only a GET fills the cache.
      if (method !== 'GET' || !cacheable(res)) return finish(res, request, env);
      const headers = headerRecord(res.headers);
      const body = await compressAnswer(res.status, headers, await bodyBytes(res), acceptEncoding);
      const answer = await fileAnswer(res.status, headers, body, sha1Digest);
      await cache.answers.put(key, answer);
      return closingIfIncomplete(sent(answerToSend(answer, 'miss', method, ifNoneMatch)), env);
    },
  };
}

const sent = ({ status, headers, body }: ReturnType<typeof answerToSend>) => new Response(body, { status, headers });

function closingIfIncomplete(res: Response, env: HttpBindings): Response {
  if (env.incoming.complete) return res;
  const closing = new Response(res.body, res);
  closing.headers.set('Connection', 'close');
  return closing;
}

/** A request header, from Node's own parse when there is one (node-server's Request builds its Headers on first use). */
function header(request: Request, env: HttpBindings, name: string): string | undefined {
  const value = env.incoming.headers ? env.incoming.headers[name] : request.headers.get(name);
  return Array.isArray(value) ? value.join(', ') : (value ?? undefined);
}

/** The request line's target (path and query), as serveHits reads it. */
const requestTarget = (request: Request, env: HttpBindings) => env.incoming.url ?? request.url.slice(request.url.indexOf('/', request.url.indexOf('//') + 2));

/**
 * The string or bytes a response was made with, while it still holds them
 * whole; undefined for a body that streams, or for a Response that keeps its
 * body elsewhere. @hono/node-server's Response keeps them in a slot of its
 * own until something asks for a stream, and writes them to the socket from
 * there; reading them from it spares building a web stream only to drain it
 * (a sixth of a cache miss).
 */
export function heldBody(res: Response): string | Uint8Array | undefined {
  // The slot's symbol is node-server's own; found on the first Response that has it.
  slot ??= Object.getOwnPropertySymbols(res).find((s) => s.description === 'cache');
  const body = slot && (res as unknown as Record<symbol, unknown[] | undefined>)[slot]?.[1];
  return typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
}
let slot: symbol | undefined;

/**
 * A body to keep, as bytes of its own: the held string encoded once (Buffer.from would take a
 * slice of a shared pool, to be copied again), held bytes copied off whatever buffer they view,
 * else read from the stream.
 */
async function bodyBytes(res: Response): Promise<Uint8Array<ArrayBuffer>> {
  const held = heldBody(res);
  if (typeof held === 'string') return utf8.encode(held);
  return new Uint8Array(held ?? (await res.arrayBuffer())) as Uint8Array<ArrayBuffer>;
}
const utf8 = new TextEncoder();

/** What serveHits learned of a request it could not serve, for nodeFront not to learn it again. */
const MISSED = Symbol('verity.missed');
type Missed = IncomingMessage & { [MISSED]?: { scoped: Scoped; key: string } };

export interface NodeHits {
  answers: { get(key: string): CachedAnswer | undefined };
  /** The version stamp, read synchronously (openVersionReader). */
  stamp: (storeId: string, scopes: VersionScope[]) => number;
}

/**
 * Serves stored answers straight from Node's request event, before a Request,
 * a Hono context or a router exist: on a hit that machinery was most of the
 * cost (a cached first page served 36 % of a constant Hono route's rate). The
 * key and the answer are the ones publicCache files on a miss — same URL
 * parser, same variant, same stamp — so both paths serve the same bytes.
 * Anything else, and any request that carries a body (its bytes would still be
 * on the socket), goes to `next`.
 */
export function serveHits(hits: NodeHits, next: RequestListener): RequestListener {
  return (req, res) => {
    const answer = storedAnswer(hits, req);
    if (!answer) return next(req, res);
    const { status, headers, body } = answerToSend(answer, 'hit', req.method!, req.headers['if-none-match']);
    res.writeHead(status, headers);
    res.end(body ?? undefined);
  };
}

function storedAnswer(hits: NodeHits, req: Missed): CachedAnswer | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  if (!req.url?.startsWith('/v1/stores/') || req.headers['content-length'] || req.headers['transfer-encoding']) return undefined;
  const scoped = scopesOf(req.url);
  if (!scoped) return undefined;
  const key = answerKey(req.headers['accept-encoding'] ?? '', scoped.url, hits.stamp(scoped.storeId, scoped.scopes));
  const answer = hits.answers.get(key);
  // Filed under these versions once the app has answered: read before the answer, they cannot hide a later write.
  if (!answer) req[MISSED] = { scoped, key };
  return answer;
}

type Scoped = NonNullable<ReturnType<typeof cacheScopes>> & { url: URL };

/**
 * What a request line's URL depends on, parsed once: widgets ask for the same
 * few URLs over and over, and parsing a summaries URL's 24 products was a
 * sixth of its hit. Bounded, as a crawler's URLs are endless.
 */
const parsedUrls = new Map<string, Scoped | null>();
const MAX_PARSED_URLS = 10_000;

function scopesOf(requestUrl: string): Scoped | undefined {
  let scoped = parsedUrls.get(requestUrl);
  if (scoped === undefined) {
    const url = new URL(requestUrl, 'http://verity.invalid');
    const found = cacheScopes(url);
    scoped = found ? { ...found, url } : null;
    if (parsedUrls.size >= MAX_PARSED_URLS) parsedUrls.clear();
    parsedUrls.set(requestUrl, scoped);
  }
  return scoped ?? undefined;
}
