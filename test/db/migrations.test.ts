/** Migrations that change data, applied to a database as an earlier version left it. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client';
import { migrationsFolder } from '../../db/migrate';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The migrations folder as it was before `tag`: the journal cut just before it. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'verity-migrations-'));
  dirs.push(dir);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('0007_owner_answer_once', () => {
  it('keeps the first owner answer of an order as the owner’s and turns later duplicates into community answers', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0007_owner_answer_once') });
    await client.executeMultiple(`
      INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('s', 'S', 'pk_s', 'wh', '{}', 0);
      INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('s', 'p', 'P', 0, 0);
      INSERT INTO questions (id, store_id, product_id, body, body_html, author_name, author_email, status, created_at, updated_at)
        VALUES ('qn_1', 's', 1, 'Q?', '<p>Q?</p>', 'A', 'a@example.com', 'published', 0, 0);
      INSERT INTO answers (id, store_id, question_id, body, body_html, author_name, kind, order_id, status, created_at, updated_at) VALUES
        ('an_1', 's', 'qn_1', 'first', '<p>first</p>', 'O', 'owner', 'o-1', 'published', 1, 1),
        ('an_2', 's', 'qn_1', 'raced', '<p>raced</p>', 'O', 'owner', 'o-1', 'published', 2, 2),
        ('an_3', 's', 'qn_1', 'other order', '<p>other</p>', 'P', 'owner', 'o-2', 'published', 3, 3),
        ('an_4', 's', 'qn_1', 'shopper', '<p>shopper</p>', 'C', 'community', NULL, 'published', 4, 4);
    `);
    await migrate(db, { migrationsFolder });
    const rows = await client.execute('SELECT id, kind, order_id FROM answers ORDER BY id');
    expect(rows.rows.map((r) => [r.id, r.kind, r.order_id])).toEqual([
      ['an_1', 'owner', 'o-1'],
      ['an_2', 'community', null],
      ['an_3', 'owner', 'o-2'],
      ['an_4', 'community', null],
    ]);
    await expect(
      client.execute("INSERT INTO answers (id, store_id, question_id, body, body_html, author_name, kind, order_id, status, created_at, updated_at) VALUES ('an_5', 's', 'qn_1', 'x', 'x', 'O', 'owner', 'o-1', 'published', 5, 5)"),
    ).rejects.toThrow(/UNIQUE/);
    client.close();
  });
});

describe('0011_search_scope', () => {
  it('rebuilds the full-text indexes from existing rows, each under its product and store', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0011_search_scope') });
    await client.executeMultiple(`
      INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('s-1', 'S', 'pk_s', 'wh', '{}', 0), ('s-2', 'T', 'pk_t', 'wh', '{}', 0);
      INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('s-1', 'p', 'P', 0, 0), ('s-2', 'p', 'P', 0, 0);
      INSERT INTO reviews (id, store_id, product_id, rating, title, body, body_html, author_name, author_email, verified, status, created_at, updated_at)
        VALUES ('rv_1', 's-1', 1, 5, 'Sturdy', 'Lovely zipper', '<p>x</p>', 'A', 'a@example.com', 0, 'published', 0, 0),
               ('rv_2', 's-2', 2, 5, NULL, 'Lovely zipper too', '<p>x</p>', 'B', 'b@example.com', 0, 'published', 0, 0);
      INSERT INTO questions (id, store_id, product_id, body, body_html, author_name, author_email, status, created_at, updated_at)
        VALUES ('qn_1', 's-1', 1, 'Is the zipper metal?', '<p>Q?</p>', 'A', 'a@example.com', 'published', 0, 0);
      INSERT INTO answers (id, store_id, question_id, body, body_html, author_name, kind, order_id, status, created_at, updated_at)
        VALUES ('an_1', 's-1', 'qn_1', 'Brass, yes', '<p>x</p>', 'O', 'community', NULL, 'published', 1, 1);
    `);
    await migrate(db, { migrationsFolder });
    const match = async (table: string, query: string) =>
      (await client.execute({ sql: `SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`, args: [query] })).rows.map((r) => Number(r.rowid));
    // Store s-1 is hex 732d31; product rows 1 and 2.
    expect(await match('reviews_fts', 'scope : "s732d31" AND {title body} : ("zipper")')).toEqual([1]);
    expect(await match('reviews_fts', 'scope : "p2" AND {title body} : ("zipper")')).toEqual([2]);
    expect(await match('reviews_fts', 'scope : "p1" AND {title body} : ("sturdy")')).toEqual([1]);
    expect(await match('questions_fts', 'scope : "p1" AND {body} : ("metal")')).toEqual([1]);
    expect(await match('answers_fts', 'scope : "p1" AND {body} : ("brass")')).toEqual([1]);
    // The triggers keep it so: an edit moves the words, a new review comes in scoped.
    await client.execute("UPDATE reviews SET body = 'Plain' WHERE id = 'rv_1'");
    expect(await match('reviews_fts', 'scope : "p1" AND {title body} : ("zipper")')).toEqual([]);
    client.close();
  });
});

describe('0017_media_counts', () => {
  it('counts the visible media of existing reviews and the published reviews with some, then keeps counting', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0017_media_counts') });
    const media = (id: string, review: string | null, kind: string, hidden: number) =>
      `('${id}', 's', ${review === null ? 'NULL' : `'${review}'`}, '${kind}', 'image/jpeg', '${id}', 1, 1, 1, ${hidden}, 0)`;
    await client.executeMultiple(`
      INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('s', 'S', 'pk_s', 'wh', '{}', 0);
      INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('s', 'p', 'P', 0, 0), ('s', 'q', 'Q', 0, 0);
      INSERT INTO reviews (id, store_id, product_id, rating, body, body_html, author_name, author_email, status, created_at, updated_at) VALUES
        ('rv_1', 's', 1, 5, 'x', 'x', 'A', 'a@example.com', 'published', 0, 0),
        ('rv_2', 's', 1, 5, 'x', 'x', 'A', 'a@example.com', 'published', 0, 0),
        ('rv_3', 's', 1, 5, 'x', 'x', 'A', 'a@example.com', 'pending', 0, 0),
        ('rv_4', 's', 2, 5, 'x', 'x', 'A', 'a@example.com', 'published', 0, 0);
      INSERT INTO review_media (id, store_id, review_id, kind, content_type, sha256, bytes, width, height, hidden, created_at) VALUES
        ${[
          media('m1', 'rv_1', 'image', 0),
          media('m2', 'rv_1', 'video', 0),
          media('m3', 'rv_1', 'poster', 0),
          media('m4', 'rv_2', 'image', 1),
          media('m5', 'rv_3', 'image', 0),
          media('m6', 'rv_4', 'poster', 0),
          media('m7', null, 'image', 0),
        ].join(', ')};
    `);
    await migrate(db, { migrationsFolder });
    const counts = async () => ({
      reviews: (await client.execute('SELECT id, visible_media_count FROM reviews ORDER BY id')).rows.map((r) => [r.id, r.visible_media_count]),
      products: (await client.execute('SELECT product_id, media_reviews FROM product_stats ORDER BY product_id')).rows.map((r) => [r.product_id, r.media_reviews]),
    });
    expect(await counts()).toEqual({
      reviews: [['rv_1', 2], ['rv_2', 0], ['rv_3', 1], ['rv_4', 0]],
      products: [[1, 1], [2, 0]],
    });
    await client.execute("UPDATE reviews SET status = 'published' WHERE id = 'rv_3'");
    await client.execute("UPDATE review_media SET hidden = 0 WHERE id = 'm4'");
    expect((await counts()).products).toEqual([[1, 3], [2, 0]]);
    client.close();
  });
});

describe('0018_imported_votes', () => {
  it("backfills each month's published rating sum and keeps it moving; votes cast before it still count and are not imported", async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0018_imported_votes') });
    const march = Date.UTC(2023, 2, 15);
    const july = Date.UTC(2024, 6, 31, 23);
    await client.executeMultiple(`
      INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('s', 'S', 'pk_s', 'wh', '{}', 0);
      INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('s', 'p', 'P', 0, 0);
      INSERT INTO reviews (id, store_id, product_id, rating, body, body_html, author_name, author_email, status, created_at, updated_at) VALUES
        ('rv_1', 's', 1, 5, 'x', 'x', 'A', 'a@example.com', 'published', ${march}, 0),
        ('rv_2', 's', 1, 2, 'x', 'x', 'A', 'a@example.com', 'published', ${march}, 0),
        ('rv_3', 's', 1, 1, 'x', 'x', 'A', 'a@example.com', 'spam', ${march}, 0),
        ('rv_4', 's', 1, 4, 'x', 'x', 'A', 'a@example.com', 'published', ${july}, 0);
      INSERT INTO review_votes (review_id, voter, value, created_at) VALUES ('rv_1', 'v1', 1, 0);
    `);
    await migrate(db, { migrationsFolder });
    const months = async () => (await client.execute("SELECT month, published, rating_sum FROM store_monthly_moderation WHERE store_id = 's' ORDER BY month")).rows.map((r) => [r.month, r.published, r.rating_sum]);
    expect(await months()).toEqual([['2023-03', 2, 7], ['2024-07', 1, 4]]);
    await client.execute("UPDATE reviews SET status = 'published' WHERE id = 'rv_3'");
    await client.execute("UPDATE reviews SET rating = 3 WHERE id = 'rv_4'");
    expect(await months()).toEqual([['2023-03', 3, 8], ['2024-07', 1, 3]]);

    expect((await client.execute("SELECT imported FROM review_votes WHERE voter = 'v1'")).rows[0]!.imported).toBe(0);
    await client.execute("INSERT INTO review_votes (review_id, voter, value, created_at) VALUES ('rv_1', 'v2', 1, 0)");
    await client.execute("INSERT INTO review_votes (review_id, voter, value, created_at, imported) VALUES ('rv_1', 'v3', 1, 0, 1)");
    expect((await client.execute("SELECT helpful_count FROM reviews WHERE id = 'rv_1'")).rows[0]!.helpful_count).toBe(2);
    client.close();
  });
});

describe('0020_version_changes', () => {
  it('numbers the versions already kept, each apart, and every later bump above them', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0020_version_changes') });
    await client.executeMultiple(`
      INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('s', 'S', 'pk_s', 'wh', '{}', 0);
      INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('s', 'p', 'P', 0, 0), ('s', 'q', 'Q', 0, 0);
      UPDATE stores SET name = 'S2' WHERE id = 's';
    `);
    const versionsBefore = (await client.execute('SELECT store_id, scope, version FROM content_versions ORDER BY scope')).rows.map((r) => [r.scope, r.version]);
    // Up to 0020 alone: later migrations add scopes of their own (0021's summaries).
    await migrate(db, { migrationsFolder: migrationsBefore('0021_summary_versions') });
    const rows = async () => (await client.execute('SELECT scope, version, changed FROM content_versions ORDER BY scope')).rows.map((r) => [r.scope, r.version, r.changed]);
    const numbered = await rows();
    expect(numbered.map(([scope, version]) => [scope, version])).toEqual(versionsBefore);
    const numbers = numbered.map(([, , changed]) => Number(changed));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.min(...numbers)).toBeGreaterThan(0);
    const top = Math.max(...numbers);

    await client.execute("UPDATE products SET name = 'P2' WHERE external_id = 'p'");
    await client.execute("INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('s', 'r', 'R', 0, 0)");
    expect(Object.fromEntries((await rows()).filter(([, , changed]) => Number(changed) > top).map(([scope, , changed]) => [scope, changed]))).toEqual({
      // `any` moved twice: its last number counts.
      any: top + 3,
      'p:p': top + 2,
      'p:r': top + 4,
    });
    client.close();
  });
});
