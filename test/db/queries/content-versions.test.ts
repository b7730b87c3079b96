/** The change counters behind the public read cache: moved by triggers, per store and product. */
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readVersionStamp, readVersions } from '../../../db/queries/content-versions';
import { createClient } from '@libsql/client';
import { openVersionReader } from '../../../db/embedded';
import { getProduct, upsertProducts } from '../../../db/queries/products';
import { insertReview, setReviewStatus } from '../../../db/queries/reviews';
import { randomId } from '../../../worker/lib/crypto';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('content versions', () => {
  it('has a trigger for every change to what public answers show', async () => {
    const rows = await h.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_version_%' ORDER BY name`);
    const expected = ['reviews', 'review_replies', 'review_media', 'questions', 'answers', 'products'].flatMap((t) => ['insert', 'update', 'delete'].map((e) => `${t}_version_${e}`));
    expected.push('stores_version_update', 'stores_version_delete');
    expected.push(...['insert', 'update', 'delete'].flatMap((e) => [`product_stats_version_${e}`, `products_summary_version_${e}`]));
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });

  it("moves the product's, the store's any-change and nobody else's versions", async () => {
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    const before = await readVersions(h.db, 'store-a', ['store', 'any', 'p:tee', 'p:mug']);
    const otherStore = await readVersions(h.db, 'store-b', ['any', 'p:tee']);
    const review = await insertReview(h.db, randomId('rv'), {
      storeId: 'store-a', productId: tee.id, rating: 4, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'A', authorEmail: 'a@example.com',
      verified: false, orderId: null, status: 'published', locale: null, now: h.clock.now,
    });
    await setReviewStatus(h.db, 'store-a', [review.id], 'rejected', h.clock.now);
    const after = await readVersions(h.db, 'store-a', ['store', 'any', 'p:tee', 'p:mug']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]!);
    expect(after[2]).toBeGreaterThan(before[2]!);
    expect(after[3]).toBe(before[3]);
    expect(await readVersions(h.db, 'store-b', ['any', 'p:tee'])).toEqual(otherStore);
  });

  it('moves both products when a product is renamed to another id, and the store row on a store change', async () => {
    await upsertProducts(h.db, 'store-a', [{ externalId: 'tee', name: 'Tee, renamed' }], h.clock.now);
    const [store, tee] = await readVersions(h.db, 'store-a', ['store', 'p:tee']);
    await h.db.run(sql`UPDATE products SET external_id = 'tee-2' WHERE store_id = 'store-a' AND external_id = 'tee'`);
    await h.db.run(sql`UPDATE stores SET name = 'Renamed' WHERE id = 'store-a'`);
    const [store2, tee2, teeNew] = await readVersions(h.db, 'store-a', ['store', 'p:tee', 'p:tee-2']);
    expect(tee2).toBeGreaterThan(tee!);
    expect(teeNew).toBeGreaterThan(0);
    expect(store2).toBeGreaterThan(store!);
  });

  it('stamps a set of scopes with one number that moves when any of them moves, and no other', async () => {
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    const teeStamp = await readVersionStamp(h.db, 'store-a', ['store', 'p:tee']);
    const mugStamp = await readVersionStamp(h.db, 'store-a', ['store', 'p:mug']);
    await insertReview(h.db, randomId('rv'), {
      storeId: 'store-a', productId: tee.id, rating: 2, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'A', authorEmail: 'a@example.com',
      verified: false, orderId: null, status: 'published', locale: null, now: h.clock.now,
    });
    expect(await readVersionStamp(h.db, 'store-a', ['store', 'p:tee'])).toBeGreaterThan(teeStamp);
    expect(await readVersionStamp(h.db, 'store-a', ['store', 'p:mug'])).toBe(mugStamp);
    await h.db.run(sql`UPDATE stores SET name = 'Renamed' WHERE id = 'store-a'`);
    expect(await readVersionStamp(h.db, 'store-a', ['store', 'p:mug'])).toBeGreaterThan(mugStamp);
  });

  it("moves a product's summary version only with its statistics, and when its external id comes or goes", async () => {
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    const read = () => readVersions(h.db, 'store-a', ['p:tee', 's:tee']);
    const review = await insertReview(h.db, randomId('rv'), {
      storeId: 'store-a', productId: tee.id, rating: 4, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'A', authorEmail: 'a@example.com',
      verified: false, orderId: null, status: 'pending', locale: null, now: h.clock.now,
    });
    const [p0, s0] = await read();
    // Held, voted on, reported, replied to: the page changes, the summary does not.
    await h.db.run(sql`UPDATE reviews SET helpful_count = helpful_count + 1, report_count = 1 WHERE id = ${review.id}`);
    await h.db.run(sql`INSERT INTO review_replies (review_id, body, body_html, created_at, updated_at) VALUES (${review.id}, 'Thanks', '<p>Thanks</p>', 1, 1)`);
    const [p1, s1] = await read();
    expect(p1).toBeGreaterThan(p0!);
    expect(s1).toBe(s0);
    // Published: the counts move, and the summary with them.
    await setReviewStatus(h.db, 'store-a', [review.id], 'published', h.clock.now);
    const [, s2] = await read();
    expect(s2).toBeGreaterThan(s1!);
    // Another external id: both ids' summaries; gone: its summary again.
    await h.db.run(sql`UPDATE products SET external_id = 'tee-2' WHERE id = ${tee.id}`);
    const [s3, s3new] = await readVersions(h.db, 'store-a', ['s:tee', 's:tee-2']);
    expect(s3).toBeGreaterThan(s2!);
    expect(s3new).toBeGreaterThan(0);
    await h.db.run(sql`DELETE FROM products WHERE id = ${tee.id}`);
    expect((await readVersions(h.db, 'store-a', ['s:tee-2']))[0]).toBeGreaterThan(s3new!);
    // A new product's summary starts with a version of its own.
    await upsertProducts(h.db, 'store-a', [{ externalId: 'cap', name: 'Cap' }], h.clock.now);
    expect((await readVersions(h.db, 'store-a', ['s:cap']))[0]).toBeGreaterThan(0);
  });

  it('gives every inserted row and every moved version a new change number above all others, one per bump, recursive triggers or not', async () => {
    const numbers = async () =>
      new Map((await h.db.all<{ key: string; changed: number }>(sql`SELECT store_id || ' ' || scope AS key, changed FROM content_versions`)).map((r) => [r.key, Number(r.changed)]));
    const seeded = await numbers();
    expect(new Set(seeded.values()).size).toBe(seeded.size);
    const top = Math.max(...seeded.values());
    await h.client.execute('PRAGMA recursive_triggers = ON');
    // The store's `any` takes the UPSERT's update path, its `store` row (none yet) the insert path.
    await h.db.run(sql`UPDATE stores SET name = 'Renamed' WHERE id = 'store-a'`);
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    await insertReview(h.db, randomId('rv'), {
      storeId: 'store-a', productId: tee.id, rating: 3, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'A', authorEmail: 'a@example.com',
      verified: false, orderId: null, status: 'published', locale: null, now: h.clock.now,
    });
    const after = await numbers();
    const moved = [...after].filter(([key, changed]) => seeded.get(key) !== changed);
    expect(Object.fromEntries(moved)).toEqual({ 'store-a any': top + 3, 'store-a store': top + 2, 'store-a p:tee': top + 4, 'store-a s:tee': top + 5 });
    expect(await readVersions(h.db, 'store-a', ['store'])).toEqual([1]);
  });

  it('reads the same stamp through the prepared reader of an embedded file, and sees writes from the other connection at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verity-stamp-'));
    const file = await createHarness({ url: `file:${join(dir, 'v.db')}` });
    const reader = openVersionReader(`file:${join(dir, 'v.db')}`)!;
    try {
      const tee = (await getProduct(file.db, 'store-a', 'tee'))!;
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await readVersionStamp(file.db, 'store-a', ['store', 'p:tee']));
      const before = reader.stamp('store-a', ['store', 'p:tee']);
      await insertReview(file.db, randomId('rv'), {
        storeId: 'store-a', productId: tee.id, rating: 5, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'A', authorEmail: 'a@example.com',
        verified: false, orderId: null, status: 'published', locale: null, now: file.clock.now,
      });
      const afterReview = reader.stamp('store-a', ['store', 'p:tee']);
      // What lets stamps be reused: a number that stands still while nothing commits.
      const version = reader.dataVersion();
      expect(typeof version).toBe('number');
      expect(reader.dataVersion()).toBe(version);
      expect(afterReview).toBeGreaterThan(before);
      // Read again with nothing written: the remembered stamp. Then a third
      // connection (another process, as the CLI is) writes: the next read sees it.
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(afterReview);
      const other = createClient({ url: `file:${join(dir, 'v.db')}` });
      await other.execute("UPDATE stores SET name = 'Renamed elsewhere' WHERE id = 'store-a'");
      other.close();
      expect(reader.dataVersion()).toBeGreaterThan(version);
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBeGreaterThan(afterReview);
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await readVersionStamp(file.db, 'store-a', ['store', 'p:tee']));
      expect(() => reader.stamp('store-a', [])).not.toThrow();
      expect(openVersionReader('file::memory:')).toBeUndefined();
    } finally {
      reader.close();
      file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
