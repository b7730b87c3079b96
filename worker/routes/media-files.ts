/**
 * Review photos and videos as files: `GET /media/:store/:sha256.:ext`. The name
 * is the content's hash, so an answer never changes and may be cached for a
 * year; a file is served only while some visible media item (attached, not
 * hidden, its review published) has it. Served with headers that make it inert:
 * its own type only (nosniff) and a CSP under which nothing in it can run.
 */
import { Hono } from 'hono';
import { isFileVisible } from '../../db/queries/media';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { mediaKey, type MediaStorage, type StoredFile } from '../media/storage';
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

/** The stored bytes as a response, with the type this server decided at upload (never the stored metadata). */
export function fileResponse(file: StoredFile, contentType: string, cacheControl: string): Response {
  return new Response(file.body as BodyInit, {
    headers: { ...MEDIA_FILE_HEADERS, 'Content-Type': contentType, 'Content-Length': String(file.size), 'Cache-Control': cacheControl },
  });
}

export async function readStoredFile(storage: MediaStorage | undefined, storeId: string, sha256: string, ext: string): Promise<StoredFile> {
  const file = storage && (await storage.get(mediaKey(storeId, sha256, ext)));
  if (!file) throw notFound('media file');
  return file;
}

const FILE_NAME = /^([0-9a-f]{64})\.(jpg|png|webp|mp4|webm)$/;

mediaFiles.get('/media/:store/:file', async (c) => {
  const storeId = c.req.param('store');
  const name = FILE_NAME.exec(c.req.param('file'));
  if (!name) throw notFound('media file');
  const [, sha256, ext] = name as unknown as [string, string, string];
  if (!(await isFileVisible(c.var.db, storeId, sha256))) throw notFound('media file');
  const file = await readStoredFile(c.var.media, storeId, sha256, ext);
  return fileResponse(file, TYPES[ext]!, 'public, max-age=31536000, immutable');
});
