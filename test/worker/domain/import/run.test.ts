import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getProduct } from '../../../../db/queries/products';
import { getProductSummary } from '../../../../db/queries/stats';
import { getStore } from '../../../../db/queries/stores';
import { answers, contentVersions, products, questions, reviewReplies, reviews, type ImportJob } from '../../../../db/schema';
import { startImport, type ImportRequest } from '../../../../worker/domain/import/run';
import { decodeText } from '../../../../worker/lib/csv';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const fixture = (name: string) => decodeText(readFileSync(new URL(`../../../fixtures/imports/${name}`, import.meta.url))).text;

async function run(request: Partial<ImportRequest> & { text: string }, progress?: ImportJob[]): Promise<ImportJob> {
  const store = (await getStore(h.db, 'store-a'))!;
  const { done } = await startImport({ db: h.db, store, now: h.clock.now }, { kind: 'reviews', vendor: 'auto', dryRun: false, format: 'csv', ...request }, (j) => progress?.push(j));
  return done;
}

const storeReviews = () => h.db.select().from(reviews).where(eq(reviews.storeId, 'store-a'));

describe('importing reviews', () => {
  it('reads a Judge.me export: original dates, reply, photos, source; the bad row is reported by row and column', async () => {
    const job = await run({ text: fixture('judgeme.csv') });
    expect(job).toMatchObject({ status: 'done', vendor: 'judgeme', total: 5, processed: 5, imported: 4, skipped: 0, failed: 1 });
    // Row 5 as a spreadsheet shows it: the first review's two-line body is one row.
    expect(job.errors).toEqual([{ row: 5, column: 'rating', message: 'rating must be a whole number from 1 to 5 (got "7")' }]);

    const rows = await storeReviews();
    const first = rows.find((r) => r.title === 'Soft and sturdy')!;
    expect(first).toMatchObject({
      source: 'judgeme',
      rating: 5,
      authorName: 'Jana Novak',
      authorEmail: 'jana@example.com',
      verified: false,
      status: 'published',
      createdAt: Date.UTC(2024, 2, 5, 14, 30),
      photoUrls: JSON.stringify(['https://cdn.example/photos/1.jpg']),
      body: 'Washed it ten times, still perfect.\nThe collar keeps its shape.',
    });
    expect(first.sourceKey).toMatch(/^judgeme:h:[0-9a-f]{32}$/);
    const [reply] = await h.db.select().from(reviewReplies).where(eq(reviewReplies.reviewId, first.id));
    expect(reply).toMatchObject({ body: 'Thank you, Jana!', createdAt: Date.UTC(2024, 2, 6, 9) });
    expect(rows.find((r) => r.authorName === 'Spammer')?.status).toBe('spam');
  });

  it('keeps product statistics exact, and creates the products the store did not have', async () => {
    await run({ text: fixture('judgeme.csv') });
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    expect(await getProductSummary(h.db, tee.id)).toEqual({ count: 2, average: 4, histogram: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 }, verifiedCount: 0, mediaCount: 0 });
    const mug = (await getProduct(h.db, 'store-a', '9001'))!;
    expect(mug.name).toBe('enamel-mug');
    expect((await getProductSummary(h.db, mug.id)).count).toBe(1);
    // The public caches move with the write, as for any review.
    const [version] = await h.db.select().from(contentVersions).where(and(eq(contentVersions.storeId, 'store-a'), eq(contentVersions.scope, 'p:tee')));
    expect(version!.version).toBeGreaterThan(0);
  });

  it('changes nothing when the same file comes again', async () => {
    await run({ text: fixture('judgeme.csv') });
    const before = await storeReviews();
    const tee = (await getProduct(h.db, 'store-a', 'tee'))!;
    const again = await run({ text: fixture('judgeme.csv') });
    expect(again).toMatchObject({ imported: 0, skipped: 4, failed: 1 });
    expect((await storeReviews()).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect((await getProductSummary(h.db, tee.id)).count).toBe(2);
  });

  it('writes nothing on a dry run but reports what would happen', async () => {
    const job = await run({ text: fixture('judgeme.csv'), dryRun: true });
    expect(job).toMatchObject({ status: 'done', dryRun: true, imported: 4, failed: 1 });
    expect(await storeReviews()).toEqual([]);
    expect(await getProduct(h.db, 'store-a', '9001')).toBeUndefined();
  });

  it('reads Yotpo, Okendo and Stamped exports, verified only where the export says so', async () => {
    expect(await run({ text: fixture('yotpo.csv') })).toMatchObject({ vendor: 'yotpo', imported: 2, failed: 0 });
    expect(await run({ text: fixture('okendo.csv') })).toMatchObject({ vendor: 'okendo', imported: 2, failed: 0 });
    expect(await run({ text: fixture('stamped.csv') })).toMatchObject({ vendor: 'stamped', imported: 2, failed: 0 });
    const rows = await storeReviews();
    const by = (name: string) => rows.find((r) => r.authorName === name)!;
    expect(by('Priya S.')).toMatchObject({ source: 'yotpo', sourceKey: 'yotpo:yt-101', verified: true, helpfulCount: 4, status: 'published', createdAt: Date.UTC(2023, 10, 2, 10, 15) });
    expect(by('Tom')).toMatchObject({ verified: false, status: 'pending', unhelpfulCount: 1 });
    expect(by('Lena K.')).toMatchObject({ source: 'okendo', verified: true, helpfulCount: 2, createdAt: Date.UTC(2024, 0, 15) });
    expect(by('Sam')).toMatchObject({ verified: false });
    expect(by('Kai')).toMatchObject({ source: 'stamped', sourceKey: 'stamped:st-9', verified: true, helpfulCount: 3 });
    expect(by('Rosa')).toMatchObject({ verified: false, status: 'pending' });
  });

  it('reads a semicolon-separated windows-1252 file as Excel saves it', async () => {
    const job = await run({ text: fixture('judgeme-excel-de.csv') });
    expect(job).toMatchObject({ vendor: 'judgeme', imported: 1, failed: 0 });
    expect((await storeReviews())[0]).toMatchObject({ authorName: 'Jürgen Müller', body: 'Größe passt, Stoff ist weich – 100 € wert' });
  });

  it('takes a column mapping for any other tool', async () => {
    const text = 'Stars,Text,Who,When,Item\n4,Nice,Eva,2021-05-05,tee\n';
    const job = await run({ text, mapping: { rating: 'Stars', body: 'Text', authorName: 'Who', createdAt: 'When', productId: 'Item' } });
    expect(job).toMatchObject({ vendor: 'mapping', imported: 1 });
    expect((await storeReviews())[0]).toMatchObject({ source: 'import', rating: 4, authorName: 'Eva' });
  });

  it('fails the job with a reason when the header is no known format', async () => {
    const job = await run({ text: 'a,b\n1,2\n' });
    expect(job.status).toBe('failed');
    expect(job.failure).toMatch(/^the header row is not one of a known export/);
    const named = await run({ text: 'a,b\n1,2\n', vendor: 'yotpo' });
    expect(named.failure).toBe('this is not a Yotpo file: it has no review_content, review_score column');
  });

  it('reports progress batch by batch on a large file', async () => {
    const lines = ['id,source,product_id,rating,body,author_name,created_at'];
    for (let i = 0; i < 1200; i++) lines.push(`rv_${i},verity,p${i % 7},${(i % 5) + 1},Review ${i},Writer ${i},2020-01-01T00:00:00Z`);
    const progress: ImportJob[] = [];
    const job = await run({ text: lines.join('\n') }, progress);
    expect(job).toMatchObject({ vendor: 'verity', imported: 1200, processed: 1200 });
    expect(progress.map((p) => p.processed)).toEqual([500, 1000, 1200, 1200]);
    expect((await h.db.select().from(products).where(eq(products.storeId, 'store-a'))).length).toBe(3 + 7);
  });
});

describe('importing questions', () => {
  it('groups answers under their question, and a second run adds nothing', async () => {
    const text = [
      'id,product_id,body,author_name,author_email,status,created_at,answer_id,answer_body,answer_author_name,answer_kind,answer_status,answer_helpful_count,answer_accepted,answer_created_at,source',
      'q1,tee,Does it shrink?,Ola,ola@example.com,published,2024-01-01,a1,No.,Store,official,published,2,true,2024-01-02,verity',
      'q1,tee,Does it shrink?,Ola,ola@example.com,published,2024-01-01,a2,A little.,Ben,community,published,0,,2024-01-03,verity',
      'q2,mug,Dishwasher safe?,Ida,,published,2024-02-01,,,,,,,,,verity',
    ].join('\n');
    const job = await run({ kind: 'questions', text });
    expect(job).toMatchObject({ status: 'done', vendor: 'verity', imported: 3, failed: 0 });
    const qs = await h.db.select().from(questions).where(eq(questions.storeId, 'store-a'));
    expect(qs).toHaveLength(2);
    const q1 = qs.find((q) => q.sourceKey === 'verity:q1')!;
    const as = await h.db.select().from(answers).where(eq(answers.questionId, q1.id));
    expect(q1).toMatchObject({ answerCount: 2, helpfulCount: 2, acceptedAnswerId: as.find((a) => a.kind === 'official')!.id, createdAt: Date.UTC(2024, 0, 1) });
    expect(await run({ kind: 'questions', text })).toMatchObject({ imported: 0, skipped: 3 });
    expect(await h.db.select().from(answers)).toHaveLength(2);
  });
});
