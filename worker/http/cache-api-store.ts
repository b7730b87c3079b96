/**
 * The Workers store for public answers: Cloudflare's Cache API, in the data
 * centre that serves the request. The key already holds the versions of what
 * the answer shows (worker/http/public-cache.ts), so an entry never needs a
 * purge: a write moves the version and the old entry is simply never asked
 * for again, and ages out.
 */
import { headerRecord, PUBLIC_CACHE_CONTROL, type AnswerStore } from './public-cache';

/** How long the Cache API keeps an entry nobody asks for; correctness never depends on it. */
const KEEP_SECONDS = 24 * 60 * 60;

export function cacheApiAnswerStore(cache: Cache, origin: string): AnswerStore {
  // The Cache API keys by URL: a path of this origin that the app never serves.
  const keyRequest = (key: string) => new Request(`${origin}/__verity/cache/${encodeURIComponent(key)}`);
  return {
    async get(key) {
      const res = await cache.match(keyRequest(key));
      if (!res) return undefined;
      const headers = headerRecord(res.headers);
      headers['cache-control'] = PUBLIC_CACHE_CONTROL;
      return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()), etag: headers['etag'] ?? '' };
    },
    async put(key, answer) {
      const headers = new Headers(answer.headers);
      headers.set('Cache-Control', `public, max-age=${KEEP_SECONDS}`);
      await cache.put(keyRequest(key), new Response(answer.body, { status: answer.status, headers }));
    },
  };
}
