import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryInputError } from '../../../db/errors';
import { decodeCursor, encodeCursor } from '../../../db/queries/keyset';
import { listProducts, upsertProducts } from '../../../db/queries/products';
import { listPublishedReviews } from '../../../db/queries/reviews';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('keyset pagination (db/queries/keyset.ts)', () => {
  it('pages a list to its end with no row twice and none left out, even with rows added between pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listProducts(h.db, { storeId: 'store-a', cursor, limit: 2 });
      seen.push(...page.items.map((p) => p.externalId));
      // A product sorting before the cursor appears on no later page; one after it does.
      if (pages === 0) await upsertProducts(h.db, 'store-a', [{ externalId: 'aaa', name: 'early' }, { externalId: 'zzz', name: 'late' }], h.clock.now);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(['mug', 'tee', 'tote', 'zzz']);
  });

  it('refuses a cursor of another list or another sort as bad input, not a server error', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'x1', name: 'x' }, { externalId: 'x2', name: 'x' }, { externalId: 'x3', name: 'x' }], h.clock.now);
    const { nextCursor } = await listProducts(h.db, { storeId: 'store-a', limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    const product = (await listProducts(h.db, { storeId: 'store-a', limit: 1 })).items[0]!;
    const misuse = listPublishedReviews(h.db, { productId: product.id, sort: 'recent', cursor: nextCursor!, limit: 5 });
    await expect(misuse).rejects.toBeInstanceOf(QueryInputError);
    await expect(misuse).rejects.toMatchObject({ reason: 'cursor' });
    await expect(listProducts(h.db, { storeId: 'store-a', cursor: 'not-a-cursor', limit: 1 })).rejects.toMatchObject({ reason: 'cursor' });
  });

  it('makes URL-safe unpadded cursors that round-trip any key, and the same bytes cursors were always made of', () => {
    // The former spelling, so cursors already handed out (in widgets' pages, in crawled links) still read the same.
    const former = (sort: string, values: Array<string | number>) =>
      btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify([sort, ...values])))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    for (const values of [[1700000000000, 'rv_abc'], ['Crème brûlée ☕ »ok?«', 42], ['~~~>>>???', 0], ['']]) {
      const cursor = encodeCursor('recent', values);
      expect(cursor).toBe(former('recent', values));
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, 'recent', values.map((v) => (typeof v === 'number' ? 'number' : 'string')))).toEqual(values);
    }
  });
});
