/**
 * The one reader of request bodies. Every body is size-capped (413), strictly
 * UTF-8 (a lenient decoder would silently turn bad bytes into U+FFFD and
 * store them) and, where JSON, valid JSON (400), with the same codes and
 * words whichever route reads it: the JSON API (as middleware, before any
 * validator), CSV imports, signed webhooks (raw bytes for the signature),
 * and the forms of signed links and question pages.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';
import { decodeText } from '../lib/csv';

/** Largest body each kind of route accepts, in bytes. */
export const BODY_LIMITS = {
  /** A review, a question, a vote: small. */
  public: 64 * 1024,
  /** A form posted from a page (signed links, question pages). */
  form: 64 * 1024,
  /** Merchant bulk imports. */
  admin: 1024 * 1024,
  /** A platform's order or product delivery. */
  webhook: 1024 * 1024,
  /** Signing in, a password change, accepting an invitation. */
  session: 16 * 1024,
  /** A review or Q&A file to import (100,000 rows of a typical export is about 30 MB). */
  imports: 50 * 1024 * 1024,
} as const;

export interface BodyLimit {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** How the errors name the body ("request body", "webhook body", "the review"). */
  what?: string;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const contentType = (c: Context) => c.req.header('content-type') ?? '';
/** Whether the body is declared JSON (application/json or any +json type). */
export const isJsonBody = (c: Context) => JSON_TYPE.test(contentType(c));

const tooLarge = ({ maxBytes, what = 'request body' }: BodyLimit) =>
  new ApiError('PAYLOAD_TOO_LARGE', `${what} is larger than ${maxBytes} bytes`, { maxBytes });

/** The raw bytes (what a signature is computed over), at most `maxBytes` of them. */
export async function readBytes(c: Context, limit: BodyLimit): Promise<Uint8Array<ArrayBuffer>> {
  const declared = declaredLength(c);
  if (declared !== undefined && declared > limit.maxBytes) throw tooLarge(limit);
  // A body with a length cannot bring more than it declared (the HTTP parser stops there), so it is
  // read whole — on @hono/node-server straight from Node's request, without the web stream it would
  // otherwise build around it (a fifth of a POST review's CPU). A body without one is read piece by
  // piece, to stop at the limit.
  const bytes = declared !== undefined ? new Uint8Array(await c.req.raw.arrayBuffer()) : await readCapped(c.req.raw, limit.maxBytes);
  if (bytes === null) throw tooLarge(limit);
  return bytes;
}

/** The request's Content-Length, if it sent a valid one. */
function declaredLength(c: Context): number | undefined {
  const header = c.req.header('content-length');
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** Bytes as text, refusing anything that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, what = 'request body'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('INVALID_JSON', `${what} is not valid UTF-8`);
  }
}

/** Text as JSON; the parser's own words say where it broke. */
export function parseJson(text: string, what = 'request body'): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError('INVALID_JSON', `${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The body as text. On routes behind {@link jsonBody} it was read and checked
 * there, and this returns that text; elsewhere it reads it now.
 */
export async function readText(c: Context, limit: BodyLimit): Promise<string> {
  const cached = (c.req.bodyCache as Record<string, unknown>).text;
  if (cached !== undefined) return cached as Promise<string>;
  return decodeUtf8(await readBytes(c, limit), limit.what);
}

/**
 * An uploaded file (a CSV export, an import): UTF-8, or windows-1252 when
 * the bytes are not UTF-8 — what Excel on Windows saves — never refused for its encoding.
 */
export async function readFileText(c: Context, limit: BodyLimit): Promise<string> {
  return decodeText(await readBytes(c, limit)).text;
}

/**
 * The body as flat fields, from a urlencoded form or (for scripts that send
 * `application/json`) a JSON object.
 */
export async function readFields(c: Context, limit: BodyLimit & { json: boolean }): Promise<Record<string, unknown>> {
  const what = limit.what ?? 'request body';
  const text = await readText(c, limit);
  if (!limit.json) return Object.fromEntries(new URLSearchParams(text));
  const parsed = parseJson(text || '{}', what);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('VALIDATION_FAILED', `send ${what} as a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** String fields only, to refill a form after an error. */
export const formValues = (fields: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Other media types a route may take (e.g. text/csv); left unread for the route, which reads them with its own limit and decoding. */
  alsoAccept?: RegExp;
}

/**
 * Checks a JSON API body before any validator sees it: the right media type
 * (415), then size, UTF-8 and JSON as above. The decoded text is left in
 * Hono's body cache, so validators parse it from there and the stream is read once.
 */
export const jsonBody = ({ maxBytes, alsoAccept }: JsonBodyOptions): MiddlewareHandler =>
  async function jsonBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' || c.req.method === 'DELETE') {
      return next();
    }
    // A POST that carries nothing (e.g. "retry") has nothing to check. A declared length settles it
    // without asking for `body`, which on @hono/node-server builds a web stream.
    const declared = declaredLength(c);
    if (declared === 0 || (declared === undefined && c.req.raw.body === null)) return next();
    const type = contentType(c);
    const isJson = JSON_TYPE.test(type);
    if (!isJson && !alsoAccept?.test(type)) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the body as JSON with Content-Type: application/json (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'})`,
      );
    }
    if (!isJson) return next();
    const text = decodeUtf8(await readBytes(c, { maxBytes }));
    parseJson(text);
    // Hono keeps body promises in bodyCache (its type declares the resolved values).
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    return next();
  };

/** Reads at most `max` bytes; null if the body is longer (a chunked body has no Content-Length to trust). */
async function readCapped(req: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
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
