/**
 * Reads a JSON request body strictly before any validator sees it: the right
 * media type (415), a size cap (413), valid UTF-8 (a lenient decoder would
 * silently turn bad bytes into U+FFFD and store them) and valid JSON (400).
 * The decoded text is left in Hono's body cache, so validators parse it from
 * there and the stream is read once.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Other text media types a route may take (e.g. text/csv); checked for size and UTF-8 only. */
  alsoAccept?: RegExp;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export const jsonBody = ({ maxBytes, alsoAccept }: JsonBodyOptions): MiddlewareHandler =>
  async function jsonBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || c.req.method === 'DELETE') {
      return next();
    }
    // A POST that carries nothing (e.g. "retry") has nothing to check.
    if (c.req.raw.body === null || c.req.header('content-length') === '0') return next();
    const type = c.req.header('content-type') ?? '';
    const isJson = JSON_TYPE.test(type);
    if (!isJson && !alsoAccept?.test(type)) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the body as JSON with Content-Type: application/json (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'})`,
      );
    }
    const tooLarge = () =>
      new ApiError('PAYLOAD_TOO_LARGE', `request body is larger than ${maxBytes} bytes`, { maxBytes });
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

    const bytes = await readCapped(c.req.raw, maxBytes);
    if (bytes === null) throw tooLarge();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ApiError('INVALID_JSON', 'request body is not valid UTF-8');
    }
    try {
      if (isJson) JSON.parse(text);
    } catch (e) {
      throw new ApiError('INVALID_JSON', `request body is not valid JSON: ${(e as Error).message}`);
    }
    // Hono keeps body promises in bodyCache (its type declares the resolved values).
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    return next();
  };

/** Reads at most `max` bytes; null if the body is longer (a chunked body has no Content-Length to trust). */
export async function readCapped(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
