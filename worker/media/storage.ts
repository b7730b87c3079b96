/**
 * Where media files live, behind one small interface: R2 on Workers (binding
 * `MEDIA`), the data directory on the embedded default
 * (worker/media/file-storage.ts, Node only). Keys are `<store>/<sha256>.<ext>`:
 * the name is the content, so a stored file never changes.
 */

export interface StoredFile {
  body: ReadableStream | Uint8Array;
  contentType: string;
  size: number;
}

export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

/** The parts of Cloudflare's R2Bucket this uses (kept structural, so Node code needs no Workers types). */
export interface R2BucketLike {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string): Promise<{ body: ReadableStream; size: number; httpMetadata?: { contentType?: string } } | null>;
  delete(key: string): Promise<void>;
}

export function r2Storage(bucket: R2BucketLike): MediaStorage {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      return object && { body: object.body, size: object.size, contentType: object.httpMetadata?.contentType ?? 'application/octet-stream' };
    },
    delete: (key) => bucket.delete(key),
  };
}

/** In this process's memory: for tests. */
export function memoryStorage(): MediaStorage & { keys(): string[] } {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  return {
    async put(key, bytes, contentType) {
      files.set(key, { bytes: bytes.slice(), contentType });
    },
    async get(key) {
      const file = files.get(key);
      return file ? { body: file.bytes.slice(), contentType: file.contentType, size: file.bytes.byteLength } : null;
    },
    async delete(key) {
      files.delete(key);
    },
    keys: () => [...files.keys()],
  };
}

/** `<store>/<sha256>.<ext>`; the store id is URL-encoded so it can never climb out of its folder. */
export const mediaKey = (storeId: string, sha256: string, ext: string) => `${encodeURIComponent(storeId)}/${sha256}.${ext}`;
