/**
 * Compression of a whole answer about to be kept, on Node.
 *
 * hono/compress pipes every body through a CompressionStream: right for
 * answers that stream, but a public answer is kept whole anyway, and for one
 * page of reviews the stream's machinery cost more than half a cache miss.
 * Here the body is compressed in one call to zlib, on libuv's thread pool, by
 * the same rules: gzip or deflate as the client's Accept-Encoding prefers
 * (gzip first on a tie), text types only, 1 KB and up, never a body already
 * encoded or marked `no-transform`, and `Vary: Accept-Encoding` on every answer
 * that could have been compressed.
 */
import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';

const THRESHOLD = 1024;
const ENCODINGS = { gzip: promisify(gzip), deflate: promisify(deflate) } as const;
type Encoding = keyof typeof ENCODINGS;

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
  const type = headers['content-type'];
  if (
    status === 206 ||
    body.byteLength < THRESHOLD ||
    headers['content-encoding'] !== undefined ||
    headers['transfer-encoding'] !== undefined ||
    !type ||
    !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
    /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers['cache-control'] ?? '')
  ) {
    return body;
  }
  const vary = headers['vary'];
  if (vary !== '*' && !(vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) headers['vary'] = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
  const encoding = chosenEncoding(acceptEncoding);
  if (!encoding) return body;
  const compressed = await ENCODINGS[encoding](body);
  headers['content-encoding'] = encoding;
  const etag = headers['etag'];
  if (etag && !etag.startsWith('W/')) headers['etag'] = `W/${etag}`;
  return new Uint8Array(compressed.buffer as ArrayBuffer, compressed.byteOffset, compressed.byteLength);
}
