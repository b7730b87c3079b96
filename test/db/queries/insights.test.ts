/** The insights rollups the triggers keep must equal a recount from the reviews after every kind of change. */
import { mkdtempSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../db/client';
import { migrateDb, migrationsFolder } from '../../../db/migrate';
import { getProduct } from '../../../db/queries/products';
import { deleteReply, deleteReview, insertReview, setReviewStatus, upsertReply } from '../../../db/queries/reviews';
import { lowestRatedProducts, topProductsByVolume, unansweredQuestions, weekStart } from '../../../db/queries/insights';
import { products, replyBucketBounds, reviews, reviewReplies, type ReviewStatus } from '../../../db/schema';
import { DAY_MS, HOUR_MS } from '../../../db/time';
import { randomId } from '../../../worker/lib/crypto';
import { createHarness, T0, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function add(product: string, rating: number, status: ReviewStatus, at: number, verified = false, store = 'store-a') {
  const productId = (await getProduct(h.db, store, product))!.id;
  const review = await insertReview(h.db, randomId('rv'), {
    storeId: store,
    productId,
    rating,
    title: null,
    body: 'x',
    bodyHtml: '<p>x</p>',
    authorName: 'n',
    authorEmail: 'n@example.com',
    verified,
    orderId: null,
    status,
    locale: null,
    now: at,
  });
  return review.id;
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const bucketOf = (ms: number) => {
  const i = replyBucketBounds.findIndex((bound) => ms <= bound);
  return i === -1 ? replyBucketBounds.length : i;
};

/** The oracle: every figure recomputed in JavaScript from the reviews and replies themselves. */
async function recount(db: Db) {
  const rows = await db.select({ review: reviews, replyAt: reviewReplies.createdAt }).from(reviews).leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id));
  const weeks = new Map<string, Record<string, number | string>>();
  const months = new Map<string, Record<string, number | string>>();
  for (const { review: r, replyAt } of rows) {
    const wk = `${r.storeId}|${weekStart(r.createdAt)}`;
    const w = weeks.get(wk) ?? { storeId: r.storeId, weekStart: weekStart(r.createdAt), received: 0, published: 0, ratingSum: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0, verified: 0, replied: 0, replyMsSum: 0, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`reply${i}`, 0])) };
    weeks.set(wk, w);
    const mk = `${r.storeId}|${monthOf(r.createdAt)}`;
    const m = months.get(mk) ?? { storeId: r.storeId, month: monthOf(r.createdAt), received: 0, published: 0, rejected: 0, spam: 0, verified: 0, ratingSum: 0 };
    months.set(mk, m);
    const inc = (o: Record<string, number | string>, k: string, by = 1) => (o[k] = (o[k] as number) + by);
    inc(w, 'received');
    inc(m, 'received');
    if (r.status === 'rejected') inc(m, 'rejected');
    if (r.status === 'spam') inc(m, 'spam');
    if (r.status !== 'published') continue;
    inc(w, 'published');
    inc(m, 'published');
    inc(w, 'ratingSum', r.rating);
    inc(m, 'ratingSum', r.rating);
    inc(w, `r${r.rating}`);
    if (r.verified) {
      inc(w, 'verified');
      inc(m, 'verified');
    }
    if (replyAt !== null) {
      const ms = Math.max(0, replyAt - r.createdAt);
      inc(w, 'replied');
      inc(w, 'replyMsSum', ms);
      inc(w, `reply${bucketOf(ms)}`);
    }
  }
  return { weeks: [...weeks.values()].filter((w) => w.received !== 0), months: [...months.values()].filter((m) => m.received !== 0) };
}

/** What the triggers kept, in the oracle's shape (rows left at zero are dropped: they say nothing). */
async function rollups(db: Db) {
  const weeks = await db.all<Record<string, number | string>>(sql`
    SELECT store_id AS storeId, week_start AS weekStart, received, published, rating_sum AS ratingSum, r1, r2, r3, r4, r5, verified, replied,
      reply_ms_sum AS replyMsSum, reply_0 AS reply0, reply_1 AS reply1, reply_2 AS reply2, reply_3 AS reply3, reply_4 AS reply4,
      reply_5 AS reply5, reply_6 AS reply6, reply_7 AS reply7, reply_8 AS reply8, reply_9 AS reply9
    FROM store_weekly_stats WHERE received <> 0`);
  const months = await db.all<Record<string, number | string>>(sql`
    SELECT store_id AS storeId, month, received, published, rejected, spam, verified, rating_sum AS ratingSum FROM store_monthly_moderation WHERE received <> 0`);
  return { weeks, months };
}

async function expectExact(db: Db = h.db) {
  const want = await recount(db);
  const have = await rollups(db);
  const key = (o: Record<string, number | string>) => `${o.storeId}|${o.weekStart ?? o.month}`;
  const sort = (list: Array<Record<string, number | string>>) => [...list].sort((x, y) => key(x).localeCompare(key(y)));
  expect(sort(have.weeks)).toEqual(sort(want.weeks));
  expect(sort(have.months)).toEqual(sort(want.months));
  return want;
}

describe('insights rollups', () => {
  it('follow every status change, rating and verification change, reply and delete exactly', async () => {
    const lateOct = Date.UTC(2026, 9, 30, 10);
    const a = await add('tee', 5, 'pending', lateOct, true);
    const b = await add('tee', 2, 'published', T0);
    const c = await add('mug', 4, 'published', T0 + 8 * DAY_MS, true);
    const d = await add('mug', 1, 'pending', T0 + 9 * DAY_MS);
    await add('tee', 3, 'published', T0, false, 'store-b');
    const first = await expectExact();
    expect(first.months.find((m) => m.storeId === 'store-a' && m.month === '2026-10')).toMatchObject({ received: 1, published: 0 });

    for (const [id, status] of [[a, 'published'], [d, 'rejected'], [d, 'spam'], [a, 'rejected'], [a, 'published'], [d, 'pending'], [d, 'published']] as const) {
      await setReviewStatus(h.db, 'store-a', [id], status, h.clock.now);
      await expectExact();
    }
    await h.db.update(reviews).set({ rating: 1 }).where(eq(reviews.id, c));
    await expectExact();
    await h.db.update(reviews).set({ verified: false }).where(eq(reviews.id, a));
    await expectExact();

    // Replies at several distances, one replaced (its time stays the first one's), one removed.
    await upsertReply(h.db, a, { body: 'thanks', bodyHtml: '<p>thanks</p>' }, lateOct + 30 * 60_000);
    await upsertReply(h.db, b, { body: 'sorry', bodyHtml: '<p>sorry</p>' }, T0 + 3 * DAY_MS);
    await upsertReply(h.db, c, { body: 'ok', bodyHtml: '<p>ok</p>' }, T0 + 8 * DAY_MS + 40 * DAY_MS);
    await expectExact();
    await upsertReply(h.db, b, { body: 'sorry again', bodyHtml: '<p>sorry again</p>' }, T0 + 20 * DAY_MS);
    await expectExact();
    await setReviewStatus(h.db, 'store-a', [b], 'rejected', h.clock.now);
    await expectExact();
    await setReviewStatus(h.db, 'store-a', [b], 'published', h.clock.now);
    await deleteReply(h.db, c);
    await expectExact();

    // A review deleted with its reply, then a whole product with its reviews.
    await deleteReview(h.db, 'store-a', a);
    await expectExact();
    await h.db.delete(products).where(eq(products.id, (await getProduct(h.db, 'store-a', 'mug'))!.id));
    const last = await expectExact();
    expect(last.weeks.filter((w) => w.storeId === 'store-a')).toEqual([expect.objectContaining({ received: 1, published: 1, ratingSum: 2, replied: 1, reply5: 1 })]);
  });

  it('backfills the reviews and replies a store had before the migration', async () => {
    // Migrate up to 0010 only, write as the old code did, then apply 0011.
    const dir = mkdtempSync(join(tmpdir(), 'verity-mig-'));
    cpSync(migrationsFolder, dir, { recursive: true });
    const journalPath = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => !e.tag.startsWith('0011')) }));
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    try {
      await migrate(db, { migrationsFolder: dir });
      await client.executeMultiple(`
        INSERT INTO stores (id, name, public_key, webhook_secret, settings, created_at) VALUES ('old', 'Old', 'pk_old', 'wh', '{}', 0);
        INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('old', 'p1', 'P1', 0, 0);
        INSERT INTO reviews (id, store_id, product_id, rating, body, body_html, author_name, author_email, verified, status, created_at, updated_at) VALUES
          ('r1', 'old', 1, 5, 'x', 'x', 'n', 'e', 1, 'published', ${T0}, ${T0}),
          ('r2', 'old', 1, 2, 'x', 'x', 'n', 'e', 0, 'spam', ${T0}, ${T0}),
          ('r3', 'old', 1, 3, 'x', 'x', 'n', 'e', 0, 'published', ${T0 - 40 * DAY_MS}, ${T0});
        INSERT INTO review_replies (review_id, body, body_html, created_at, updated_at) VALUES ('r1', 'x', 'x', ${T0 + 5 * HOUR_MS}, 0);`);
      await migrateDb(db);
      const figures = await expectExact(db);
      expect(figures.weeks).toHaveLength(2);
      expect(await topProductsByVolume(db, 'old', 5)).toEqual([{ externalId: 'p1', name: 'P1', count: 2, ratingSum: 8 }]);
    } finally {
      client.close();
    }
  });
});

describe('store figures read from indexes', () => {
  it('rank products by volume and by lowest average, within the store only', async () => {
    await add('tee', 5, 'published', T0);
    await add('tee', 4, 'published', T0);
    await add('mug', 1, 'published', T0);
    await add('tote', 3, 'pending', T0);
    await add('tee', 1, 'published', T0, false, 'store-b');
    expect((await topProductsByVolume(h.db, 'store-a', 5)).map((p) => [p.externalId, p.count])).toEqual([['tee', 2], ['mug', 1]]);
    expect((await lowestRatedProducts(h.db, 'store-a', 5)).map((p) => p.externalId)).toEqual(['mug', 'tee']);
  });

  it('count unanswered published questions and date the oldest', async () => {
    expect(await unansweredQuestions(h.db, 'store-a')).toEqual({ count: 0, oldestAt: null });
    const productId = (await getProduct(h.db, 'store-a', 'tee'))!.id;
    const ask = (id: string, status: ReviewStatus, at: number) =>
      h.client.execute({ sql: `INSERT INTO questions (id, store_id, product_id, body, body_html, author_name, author_email, status, created_at, updated_at) VALUES (?, 'store-a', ?, 'q', 'q', 'n', 'e', ?, ?, ?)`, args: [id, productId, status, at, at] });
    await ask('q1', 'published', T0 - DAY_MS);
    await ask('q2', 'published', T0);
    await ask('q3', 'pending', T0 - 9 * DAY_MS);
    await h.client.execute(`INSERT INTO answers (id, store_id, question_id, body, body_html, author_name, kind, status, created_at, updated_at) VALUES ('a1', 'store-a', 'q1', 'a', 'a', 'm', 'official', 'published', ${T0}, ${T0})`);
    expect(await unansweredQuestions(h.db, 'store-a')).toEqual({ count: 1, oldestAt: T0 });
    expect(await unansweredQuestions(h.db, 'store-b')).toEqual({ count: 0, oldestAt: null });
  });
});
