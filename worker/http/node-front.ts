/**
 * What the Node server does around the app that Cloudflare's edge does for a
 * Worker: compress text responses, and never leave a keep-alive socket in a
 * state the next request cannot use.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { VersionScope } from '../../db/queries/content-versions';
import { answerKey, answerToSend, cacheScopes, publicCache, type CachedAnswer, type PublicCacheOptions } from './public-cache';

interface Fetchable {
  fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>;
}

/**
 * The app behind gzip (or deflate) for text over 1 KB, by the client's
 * Accept-Encoding and with `Vary: Accept-Encoding` — the demo page went out as
 * 81 KB against a 29 KB gzip budget.
 *
 * A response sent before the request body has fully arrived (an early 413
 * decided from Content-Length, or a streamed body cut off at its cap) says
 * `Connection: close`: the unread bytes are still on the socket, and a client
 * reusing it would have its next request parsed from the middle of this body.
 */
/** The same 96 bits of SHA-1 as webCryptoDigest, without WebCrypto's per-call cost on Node. */
const sha1Digest = (body: Uint8Array) => createHash('sha1').update(body).digest('hex').slice(0, 24);

export function nodeFront(app: Fetchable, cache?: Omit<PublicCacheOptions, 'variant'>): Hono<{ Bindings: HttpBindings }> {
  const front = new Hono<{ Bindings: HttpBindings }>();
  // Before compression, so a hit is served already compressed; the client's
  // Accept-Encoding decides which stored representation it gets.
  if (cache) front.use(publicCache({ ...cache, variant: (c) => c.req.header('accept-encoding') ?? '', digest: sha1Digest }));
  front.use(compress());
  front.all('*', async (c) => {
    const res = await app.fetch(c.req.raw, c.env);
    if (c.env.incoming.complete) return res;
    const closing = new Response(res.body, res);
    closing.headers.set('Connection', 'close');
    return closing;
  });
  return front;
}

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

function storedAnswer(hits: NodeHits, req: IncomingMessage): CachedAnswer | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  if (!req.url?.startsWith('/v1/stores/') || req.headers['content-length'] || req.headers['transfer-encoding']) return undefined;
  const scoped = scopesOf(req.url);
  if (!scoped) return undefined;
  return hits.answers.get(answerKey(req.headers['accept-encoding'] ?? '', scoped.url, hits.stamp(scoped.storeId, scoped.scopes)));
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
