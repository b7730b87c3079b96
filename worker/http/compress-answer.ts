/**
 * Compression on Node, for every response the app makes.
 *
 * hono/compress pipes every body through a CompressionStream, and adds its
 * `Vary` after the response is built, which turns @hono/node-server's
 * string body back into a web stream: for one page of reviews the stream's
 * machinery cost more than half a cache miss, and a POST paid it too. Here a
 * body the response holds whole (node-front.ts `heldBody`) is compressed in
 * one call to zlib, on libuv's thread pool; only a streamed body (a media
 * file) goes through a CompressionStream. The rules are hono/compress's: gzip
 * or deflate as the client's Accept-Encoding prefers (gzip first on a tie),
 * text types only, 1 KB and up, never a body already encoded or marked
 * `no-transform`, never a HEAD or a partial answer, and `Vary:
 * Accept-Encoding` on every answer that could have been compressed.
 */
import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';

const THRESHOLD = 1024;
const ENCODINGS = { gzip: promisify(gzip), deflate: promisify(deflate) } as const;
type Encoding = keyof typeof ENCODINGS;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const VARIES_BY_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** The encoding a client prefers of those we make, by its q-values; undefined for none. */
export function chosenEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepts = parseAccept(acceptEncoding);
  const wildcard = accepts.find((a) => a.type === '*')?.q;
  let best: { encoding: Encoding; q: number } | undefined;
  for (const encoding of Object.keys(ENCODINGS) as Encoding[]) {
    const q = accepts.find((a) => a.type.toLowerCase() === encoding)?.q ?? wildcard ?? 0;
    if (q === 1) return encoding;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/** Whether an answer of this status and these headers is ever compressed, whatever its size. */
function compressible(status: number, header: (name: string) => string | null | undefined): boolean {
  const type = header('content-type');
  return (
    status !== 206 &&
    header('content-encoding') == null &&
    header('transfer-encoding') == null &&
    !!type &&
    COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) &&
    !NO_TRANSFORM.test(header('cache-control') ?? '')
  );
}

/** The Vary header once it names Accept-Encoding; undefined if it already does. */
function varyingByEncoding(vary: string | null | undefined): string | undefined {
  if (vary === '*' || (vary && VARIES_BY_ENCODING.test(vary))) return undefined;
  return vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
}

const asBytes = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

/** A compressed body's ETag: weak, as its bytes are no longer the ones the strong tag named. */
const weakened = (etag: string) => (etag.startsWith('W/') ? etag : `W/${etag}`);

/**
 * `headers` (lower-case names) and `body` as they go to a client sending
 * `acceptEncoding`; `headers` is changed in place.
 */
export async function compressAnswer(
  status: number,
  headers: Record<string, string>,
  body: Uint8Array<ArrayBuffer>,
  acceptEncoding: string | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  if (body.byteLength < THRESHOLD || !compressible(status, (name) => headers[name])) return body;
  const vary = varyingByEncoding(headers['vary']);
  if (vary) headers['vary'] = vary;
  const encoding = chosenEncoding(acceptEncoding);
  if (!encoding) return body;
  const compressed = await ENCODINGS[encoding](body);
  headers['content-encoding'] = encoding;
  if (headers['etag']) headers['etag'] = weakened(headers['etag']);
  return asBytes(compressed);
}

/**
 * Any response as it goes to a client sending `acceptEncoding`. `held` is
 * its body if the response holds it whole (node-front.ts `heldBody`), else
 * undefined and the body streams. Headers are changed in place, as
 * hono/compress does: Set-Cookie and every other repeated header stay as
 * they were.
 */
export async function compressResponse(res: Response, method: string, acceptEncoding: string | undefined, held: string | Uint8Array | undefined): Promise<Response> {
  const headers = res.headers;
  if (method === 'HEAD' || !compressible(res.status, (name) => headers.get(name))) return res;
  const length = held === undefined ? Number(headers.get('content-length') ?? Infinity) : typeof held === 'string' ? Buffer.byteLength(held) : held.byteLength;
  if (length < THRESHOLD) return res;
  const vary = varyingByEncoding(headers.get('vary'));
  if (vary) headers.set('vary', vary);
  const encoding = chosenEncoding(acceptEncoding);
  if (!encoding) return res;
  let body: BodyInit;
  if (held !== undefined) body = asBytes(await ENCODINGS[encoding](held));
  else if (res.body) body = res.body.pipeThrough(new CompressionStream(encoding));
  else return res;
  headers.delete('content-length');
  headers.set('content-encoding', encoding);
  const etag = headers.get('etag');
  if (etag) headers.set('etag', weakened(etag));
  return new Response(body, { status: res.status, headers });
}
