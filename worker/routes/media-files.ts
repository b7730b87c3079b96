/**
 * Review photos and videos as files: `GET /media/:store/:sha256.:ext`. The name
 * is the content's hash, so an answer never changes and may be cached for a
 * year; a file is served only while some visible media item (attached, not
 * hidden, its review published) has it. Served with headers that make it inert:
 * its own type only (nosniff) and a CSP under which nothing in it can run.
 * Byte ranges are answered (206), because browsers seek a `<video>` that way
 * and Safari plays none without them.
 */
import { Hono } from 'hono';
import parseRange from 'range-parser';
import { isFileVisible } from '../../db/queries/media';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { mediaKey, type MediaStorage } from '../media/storage';
import { EXTENSIONS } from '../media/limits';

export const mediaFiles = new Hono<AppEnv>();

const TYPES = Object.fromEntries(Object.entries(EXTENSIONS).map(([type, ext]) => [ext, type])) as Record<string, string>;

export const MEDIA_FILE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  // Storefronts on other origins show these in <img> and <video>, also under Cross-Origin-Embedder-Policy.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
};

/** What a file's answer depends on in the request: its conditional and range headers. */
export interface FileRequest {
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
}

export const fileRequest = (header: (name: string) => string | undefined): FileRequest => ({
  range: header('range'),
  ifRange: header('if-range'),
  ifNoneMatch: header('if-none-match'),
});

/** Weak comparison (RFC 9110 §13.1.2), as If-None-Match wants. */
function noneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag));
}

/**
 * The stored file at `key` as the request asks for it: 304 when its ETag
 * matches, 206 with one byte range, 416 for a range past its end, else 200.
 * Several ranges, a unit other than bytes, a malformed Range and an If-Range
 * that is not this ETag (a date included: there is no Last-Modified) get the
 * whole file, which RFC 9110 §14.2 allows.
 */
export async function serveStoredFile(
  storage: MediaStorage | undefined,
  key: string,
  request: FileRequest,
  shown: { contentType: string; cacheControl: string; etag: string },
): Promise<Response> {
  if (!storage) throw notFound('media file');
  const headers = { ...MEDIA_FILE_HEADERS, 'Content-Type': shown.contentType, 'Cache-Control': shown.cacheControl, ETag: shown.etag, 'Accept-Ranges': 'bytes' };
  if (noneMatch(request.ifNoneMatch, shown.etag)) {
    return new Response(null, { status: 304, headers: { ETag: shown.etag, 'Cache-Control': shown.cacheControl } });
  }
  if (request.range && (request.ifRange === undefined || request.ifRange.trim() === shown.etag)) {
    const head = await storage.head(key);
    if (!head) throw notFound('media file');
    const ranges = parseRange(head.size, request.range, { combine: true });
    if (ranges === -1) return new Response(null, { status: 416, headers: { ...MEDIA_FILE_HEADERS, 'Content-Range': `bytes */${head.size}` } });
    if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) {
      const { start, end } = ranges[0]!;
      const file = await storage.get(key, { offset: start, length: end - start + 1 });
      if (!file) throw notFound('media file');
      return new Response(file.body as BodyInit, {
        status: 206,
        headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${file.size}`, 'Content-Length': String(end - start + 1) },
      });
    }
  }
  const file = await storage.get(key);
  if (!file) throw notFound('media file');
  return new Response(file.body as BodyInit, { headers: { ...headers, 'Content-Length': String(file.size) } });
}

const FILE_NAME = /^([0-9a-f]{64})\.(jpg|png|webp|mp4|webm)$/;

mediaFiles.get('/media/:store/:file', async (c) => {
  const storeId = c.req.param('store');
  const name = FILE_NAME.exec(c.req.param('file'));
  if (!name) throw notFound('media file');
  const [, sha256, ext] = name as unknown as [string, string, string];
  if (!(await isFileVisible(c.get('db'), storeId, sha256))) throw notFound('media file');
  // The name is the content's hash, so the ETag is strong and the answer never changes.
  return serveStoredFile(c.get('media'), mediaKey(storeId, sha256, ext), fileRequest((name) => c.req.header(name)), {
    contentType: TYPES[ext]!,
    cacheControl: 'public, max-age=31536000, immutable',
    etag: `"${sha256}"`,
  });
});
