/** Media files under `<VERITY_DATA_DIR>/media/` for the embedded default (Node only). */
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { MediaStorage } from './storage';

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', mp4: 'video/mp4', webm: 'video/webm' };

export function fileStorage(dir: string): MediaStorage {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const path = resolve(root, key);
    // Keys are built by mediaKey (encoded store id, hex hash); this is the last line of defence.
    if (!path.startsWith(root + sep)) throw new Error(`media key outside the media directory: ${key}`);
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    },
    async get(key, range) {
      const file = await open(pathOf(key)).catch(orNullIfMissing);
      if (!file) return null;
      try {
        const { size } = await file.stat();
        // Streamed from the file (only the range's bytes are read): a video is megabytes, and a seek wants a few.
        const stream = file.createReadStream(range ? { start: range.offset, end: range.offset + range.length - 1 } : {});
        const body = Readable.toWeb(stream) as unknown as ReadableStream;
        return { body, size, range, contentType: TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream' };
      } catch (err) {
        await file.close();
        throw err;
      }
    },
    async head(key) {
      const info = await stat(pathOf(key)).catch(orNullIfMissing);
      return info && { size: info.size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

function orNullIfMissing(err: unknown): null {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw err;
}

export const mediaDir = (dataDir: string) => join(dataDir, 'media');
