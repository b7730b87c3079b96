/** The embedded engine's prepared-statement client answers as @libsql/client does, on a real file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client';
import { openEmbedded } from '../../db/embedded';
import { migrateDb } from '../../db/migrate';
import { upsertProducts } from '../../db/queries/products';
import { insertReview, listPublishedReviews } from '../../db/queries/reviews';
import { createStore } from '../../worker/domain/store-keys';

let dir: string;
let fast: Client;
let plain: Client;
let fastDb: Db;
let plainDb: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-client-'));
  const url = `file:${join(dir, 'v.db')}`;
  fast = await openEmbedded(url);
  fastDb = createDb(fast);
  await migrateDb(fastDb);
  plain = createClient({ url });
  plainDb = createDb(plain);
});
afterEach(() => {
  fast.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
});

async function seed(db: Db) {
  await createStore(db, { id: 's', name: 'S' }, 1);
  const [product] = await upsertProducts(db, 's', [{ externalId: 'tee', name: 'Tee' }], 1);
  for (let i = 0; i < 3; i++) {
    await insertReview(db, `rv_${String(i).padStart(24, '0')}`, {
      storeId: 's', productId: product!.id, rating: 1 + i, title: i ? `T${i}` : null, body: `b${i}`, bodyHtml: `<p>b${i}</p>`,
      authorName: 'A', authorEmail: `a${i}@example.com`, verified: i === 1, orderId: null, status: 'published', locale: null, now: 10 + i,
    });
  }
  return product!;
}

describe('prepared embedded client', () => {
  it('reads what @libsql/client reads: typed joins with repeated column names, raw rows by name only', async () => {
    const product = await seed(fastDb);
    const query = { productId: product.id, sort: 'recent' as const, limit: 2 };
    expect(await listPublishedReviews(fastDb, query)).toEqual(await listPublishedReviews(plainDb, query));
    const raw = sql`SELECT r.id, p.id, r.verified, r.title FROM reviews r JOIN products p ON p.id = r.product_id ORDER BY r.seq`;
    const fastRows = await fastDb.all<Record<string, unknown>>(raw);
    expect(fastRows).toEqual(await plainDb.all(raw));
    expect(Object.keys(fastRows[0]!)).toEqual(['id', 'verified', 'title']);
    const result = await fast.execute({ sql: 'SELECT id, rating FROM reviews WHERE rating >= ? ORDER BY rating', args: [2] });
    expect(result.columns).toEqual(['id', 'rating']);
    expect(Array.from(result.rows[0] as unknown as unknown[])).toEqual(['rv_000000000000000000000001', 2]);
    expect(result.rows[1]!.rating).toBe(3);
  });

  it('commits a batch whole or not at all, and says which constraint failed', async () => {
    await seed(fastDb);
    const before = await plain.execute('SELECT count(*) AS n FROM reviews');
    await expect(
      fast.batch([
        { sql: "UPDATE reviews SET body = 'changed' WHERE id = ?", args: ['rv_000000000000000000000000'] },
        { sql: "INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('s', 'Again', 'pk', 'wh', '{}', 0)", args: [] },
      ]),
    ).rejects.toThrow(/UNIQUE constraint failed: stores\.id/);
    expect((await plain.execute("SELECT body FROM reviews WHERE id = 'rv_000000000000000000000000'")).rows[0]!.body).toBe('b0');
    expect((await plain.execute('SELECT count(*) AS n FROM reviews')).rows[0]!.n).toBe(before.rows[0]!.n);
    const [, inserted] = await fast.batch([{ sql: "DELETE FROM reviews WHERE id = 'nothing'", args: [] }, { sql: "UPDATE reviews SET body = 'x' WHERE rating = 1", args: [] }], 'write');
    expect(inserted!.rowsAffected).toBe(1);
  });

  it('sees the other connection’s writes at once, and they see its writes', async () => {
    await seed(fastDb);
    await plain.execute("UPDATE reviews SET body = 'from plain' WHERE rating = 2");
    expect((await fast.execute('SELECT body FROM reviews WHERE rating = 2')).rows[0]!.body).toBe('from plain');
    await fast.execute({ sql: 'UPDATE reviews SET body = ? WHERE rating = 2', args: ['from fast'] });
    expect((await plain.execute('SELECT body FROM reviews WHERE rating = 2')).rows[0]!.body).toBe('from fast');
  });

  it('refuses undefined parameters as @libsql/client does, and keeps foreign keys on', async () => {
    await expect(fast.execute({ sql: 'SELECT ?', args: [undefined as never] })).rejects.toThrow();
    expect((await fast.execute('PRAGMA foreign_keys')).rows[0]![0]).toBe(1);
    expect((await fast.execute('PRAGMA synchronous')).rows[0]![0]).toBe(2);
  });
});
