/**
 * What the Node server does around the app that Cloudflare's edge does for a
 * Worker: compress text responses, and never leave a keep-alive socket in a
 * state the next request cannot use.
 */
import { createHash } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { publicCache, type PublicCacheOptions } from './public-cache';

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
