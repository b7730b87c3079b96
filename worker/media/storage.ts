/**
 * Where media files live, behind one small interface: R2 on Workers (binding
 * `MEDIA`), the data directory on the embedded default
 * (worker/media/file-storage.ts, Node only). Keys are `<store>/<sha256>.<ext>`:
 * the name is the content, so a stored file never changes.
 */

/** Bytes [offset, offset + length) of a file: always within it (the caller checked against head()). */
export interface ByteRange {
  offset: number;
  length: number;
}

export interface StoredFile {
  /** The whole file, or only `range` of it. */
  body: ReadableStream | Uint8Array;
  contentType: string;
  /** The whole file's size, also when the body is a range. */
  size: number;
  range?: ByteRange;
}

export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file, or with `range` only those bytes: a video is read piece by piece as the viewer seeks. */
  get(key: string, range?: ByteRange): Promise<StoredFile | null>;
  /** The file's size without its bytes, to check a requested range against. */
  head(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
}

/** The parts of Cloudflare's R2Bucket this uses (kept structural, so Node code needs no Workers types). */
export interface R2BucketLike {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string, options?: { range?: ByteRange }): Promise<{ body: ReadableStream; size: number; httpMetadata?: { contentType?: string } } | null>;
  head(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
}

export function r2Storage(bucket: R2BucketLike): MediaStorage {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key, range) {
      // R2 reads only the range (its size is still the whole object's).
      const object = await bucket.get(key, range && { range });
      return object && { body: object.body, size: object.size, range, contentType: object.httpMetadata?.contentType ?? 'application/octet-stream' };
    },
    async head(key) {
      const object = await bucket.head(key);
      return object && { size: object.size };
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
    async get(key, range) {
      const file = files.get(key);
      if (!file) return null;
      const body = range ? file.bytes.slice(range.offset, range.offset + range.length) : file.bytes.slice();
      return { body, contentType: file.contentType, size: file.bytes.byteLength, range };
    },
    async head(key) {
      const file = files.get(key);
      return file ? { size: file.bytes.byteLength } : null;
    },
    async delete(key) {
      files.delete(key);
    },
    keys: () => [...files.keys()],
  };
}

/** `<store>/<sha256>.<ext>`; the store id is URL-encoded so it can never climb out of its folder. */
export const mediaKey = (storeId: string, sha256: string, ext: string) => `${encodeURIComponent(storeId)}/${sha256}.${ext}`;
