/**
 * Batched star summaries: every <verity-stars> on a page asks in the same
 * tick and one request answers them all. Kept apart from api.ts so a page
 * that shows only stars loads only this.
 */
import type { z } from '@hono/zod-openapi';
import type { SummarySchema } from '../../worker/schemas/common';

/** A product's rating summary, as the worker's schema describes it (a type only: nothing of zod is bundled). */
export type Summary = z.output<typeof SummarySchema>;

/** Product id → the callers waiting for its summary. */
type Waiters = Map<string, Array<[(s: Summary) => void, (e: unknown) => void]>>;
const pending = new Map<string, Waiters>();

/**
 * A product's summary, batched with the others asked for in this tick.
 * `fresh` skips every cache on the way (the browser's, a CDN's): for a badge
 * whose product just got a review, asked together with the others that did.
 */
export function summary(api: string, store: string, product: string, fresh = false): Promise<Summary> {
  const key = `${api}|${store}|${fresh}`;
  return new Promise((resolve, reject) => {
    let batch = pending.get(key);
    if (!batch) {
      const waiting: Waiters = (batch = new Map());
      pending.set(key, waiting);
      queueMicrotask(() => {
        pending.delete(key);
        const ids = [...waiting.keys()];
        // The API takes up to 100 ids per call.
        for (let i = 0; i < ids.length; i += 100) {
          const chunk = ids.slice(i, i + 100);
          fetch(`${api}/v1/stores/${encodeURIComponent(store)}/summaries?products=${chunk.map(encodeURIComponent).join(',')}`, fresh ? { cache: 'reload' } : {})
            .then((r): Promise<{ summaries: Record<string, Summary> }> => (r.ok ? r.json() : Promise.reject(r)))
            .then((r) => chunk.forEach((id) => waiting.get(id)!.forEach(([ok]) => ok(r.summaries[id]!))))
            .catch((err: unknown) => chunk.forEach((id) => waiting.get(id)!.forEach(([, fail]) => fail(err))));
        }
      });
    }
    const list = batch.get(product) ?? [];
    list.push([resolve, reject]);
    batch.set(product, list);
  });
}

/** The default API origin: where verity.js was loaded from. */
export const scriptOrigin = new URL(import.meta.url).origin;
