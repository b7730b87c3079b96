/**
 * Importing Verity's votes.csv|json: each vote finds its review or answer by
 * the source key the reviews/questions import gave it, and leaves the counts
 * that review or answer was imported with as they are (they include it).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getStore } from '../../../../db/queries/stores';
import { answers, answerVotes, questions, reviews, reviewVotes, type ImportJob } from '../../../../db/schema';
import { checkMapping, startImport, type ImportRequest } from '../../../../worker/domain/import/run';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function run(request: Partial<ImportRequest> & { text: string }): Promise<ImportJob> {
  const store = (await getStore(h.db, 'store-a'))!;
  const { done } = await startImport({ db: h.db, store, now: h.clock.now }, { kind: 'reviews', vendor: 'auto', dryRun: false, format: 'csv', ...request }, () => {});
  return done;
}

const voter = (c: string) => c.repeat(64);

/** An old store's export, as its reviews.csv and questions.csv have it: one native review, one imported from Judge.me, one answer. */
const REVIEWS = [
  'id,source_key,source,product_id,rating,body,author_name,created_at,helpful_count,unhelpful_count',
  'rv_old1,,verity,tee,5,Soft.,Ana,2024-03-01T10:00:00.000Z,2,1',
  'rv_old2,judgeme:jm-7,judgeme,tee,4,Fine.,Ben,2023-05-01T10:00:00.000Z,1,0',
].join('\n');
const QUESTIONS = [
  'id,source,product_id,body,author_name,created_at,answer_id,answer_body,answer_author_name,answer_kind,answer_status,answer_helpful_count,answer_created_at',
  'qn_old1,verity,tee,Does it shrink?,Ola,2024-01-01T00:00:00.000Z,an_old1,No.,Store,official,published,1,2024-01-02T00:00:00.000Z',
].join('\n');
const VOTES = [
  'kind,target_id,voter,value,created_at,target_source_key',
  `review,rv_old1,${voter('a')},1,2024-03-02T00:00:00.000Z,verity:rv_old1`,
  `review,rv_old1,${voter('b')},1,2024-03-03T00:00:00.000Z,verity:rv_old1`,
  `review,rv_old1,${voter('c')},-1,2024-03-04T00:00:00.000Z,verity:rv_old1`,
  `review,rv_old2,${voter('a')},1,2023-05-02T00:00:00.000Z,judgeme:jm-7`,
  `answer,an_old1,${voter('d')},1,2024-01-03T00:00:00.000Z,verity-answer:an_old1`,
].join('\n');

async function importHistory() {
  expect(await run({ text: REVIEWS })).toMatchObject({ status: 'done', imported: 2, failed: 0 });
  expect(await run({ kind: 'questions', text: QUESTIONS })).toMatchObject({ status: 'done', imported: 1, failed: 0 });
}

const review = async (key: string) => (await h.db.select().from(reviews).where(eq(reviews.sourceKey, key)))[0]!;
const answer = async () => (await h.db.select().from(answers).where(eq(answers.sourceKey, 'verity-answer:an_old1')))[0]!;
const question = async () => (await h.db.select().from(questions).where(eq(questions.sourceKey, 'verity:qn_old1')))[0]!;
const counts = async () => ({
  native: (({ helpfulCount, unhelpfulCount }) => ({ helpfulCount, unhelpfulCount }))(await review('verity:rv_old1')),
  judgeme: (await review('judgeme:jm-7')).helpfulCount,
  answer: (await answer()).helpfulCount,
  question: (await question()).helpfulCount,
});
const IMPORTED_COUNTS = { native: { helpfulCount: 2, unhelpfulCount: 1 }, judgeme: 1, answer: 1, question: 1 };

describe('importing votes', () => {
  it('brings the vote rows to the imported reviews and answers without counting them twice', async () => {
    await importHistory();
    expect(await counts()).toEqual(IMPORTED_COUNTS);
    const job = await run({ kind: 'votes', text: VOTES });
    expect(job).toMatchObject({ status: 'done', kind: 'votes', vendor: 'verity', processed: 5, imported: 5, skipped: 0, failed: 0, errors: [] });
    expect(await counts()).toEqual(IMPORTED_COUNTS);

    const native = await review('verity:rv_old1');
    const rows = await h.db.select().from(reviewVotes).where(eq(reviewVotes.reviewId, native.id));
    expect(rows.map((v) => [v.voter, v.value, new Date(v.createdAt).toISOString(), v.imported]).sort()).toEqual([
      [voter('a'), 1, '2024-03-02T00:00:00.000Z', true],
      [voter('b'), 1, '2024-03-03T00:00:00.000Z', true],
      [voter('c'), -1, '2024-03-04T00:00:00.000Z', true],
    ]);
    expect(await h.db.select({ voter: answerVotes.voter }).from(answerVotes).where(eq(answerVotes.answerId, (await answer()).id))).toEqual([{ voter: voter('d') }]);
  });

  it('lets a vote cast here afterwards move the count by exactly one', async () => {
    await importHistory();
    await run({ kind: 'votes', text: VOTES });
    const native = await review('verity:rv_old1');
    const cast = await h.call('POST', `/v1/stores/store-a/reviews/${native.id}/votes`, { json: { value: 'unhelpful', voter: 'voter_new_store_0000001' } });
    expect(cast.status, cast.text).toBe(200);
    expect((await counts()).native).toEqual({ helpfulCount: 2, unhelpfulCount: 2 });
    const helpful = await h.call('POST', `/v1/stores/store-a/answers/${(await answer()).id}/votes`, { json: { voter: 'voter_new_store_0000001' } });
    expect(helpful.status, helpful.text).toBe(200);
    expect(await counts()).toMatchObject({ answer: 2, question: 2 });
  });

  it('changes nothing when the same file comes again: every row is skipped', async () => {
    await importHistory();
    await run({ kind: 'votes', text: VOTES });
    const again = await run({ kind: 'votes', text: VOTES });
    expect(again).toMatchObject({ status: 'done', imported: 0, skipped: 5, failed: 0 });
    expect(await h.db.select().from(reviewVotes)).toHaveLength(4);
    expect(await h.db.select().from(answerVotes)).toHaveLength(1);
    expect(await counts()).toEqual(IMPORTED_COUNTS);
  });

  it('writes nothing on a dry run, and counts a vote twice in one file once', async () => {
    await importHistory();
    const twice = `${VOTES}\nreview,rv_old1,${voter('a')},1,2024-03-02T00:00:00.000Z,verity:rv_old1`;
    expect(await run({ kind: 'votes', text: twice, dryRun: true })).toMatchObject({ status: 'done', dryRun: true, imported: 5, skipped: 1, failed: 0 });
    expect(await h.db.select().from(reviewVotes)).toEqual([]);
    expect(await h.db.select().from(answerVotes)).toEqual([]);
    expect(await run({ kind: 'votes', text: twice })).toMatchObject({ imported: 5, skipped: 1 });
  });

  it('reports a vote on a review not imported yet, a bad value or kind and a bad date by row and column, and imports the rest', async () => {
    await importHistory();
    const text = [
      'kind,target_id,voter,value,created_at,target_source_key',
      `review,rv_gone,${voter('a')},1,2024-03-02T00:00:00.000Z,verity:rv_gone`,
      `review,rv_old1,${voter('b')},2,2024-03-02T00:00:00.000Z,verity:rv_old1`,
      `answer,an_old1,${voter('c')},-1,2024-03-02T00:00:00.000Z,verity-answer:an_old1`,
      `review,rv_old1,${voter('d')},1,last tuesday,verity:rv_old1`,
      `like,rv_old1,${voter('e')},1,2024-03-02T00:00:00.000Z,verity:rv_old1`,
      `review,rv_old1,,1,2024-03-02T00:00:00.000Z,verity:rv_old1`,
      `answer,an_gone,${voter('f')},1,2024-03-02T00:00:00.000Z,`,
      `review,rv_old1,${voter('g')},-1,2024-03-02T00:00:00.000Z,verity:rv_old1`,
    ].join('\n');
    const job = await run({ kind: 'votes', text });
    expect(job).toMatchObject({ status: 'done', processed: 8, imported: 1, failed: 7 });
    expect(job.errors).toEqual([
      { row: 2, column: 'target_source_key', message: 'review "verity:rv_gone" is not in this store: import the reviews first' },
      { row: 3, column: 'value', message: 'a review vote is 1 (helpful) or -1 (unhelpful), not "2"' },
      { row: 4, column: 'value', message: 'an answer vote is 1 (helpful), not "-1"' },
      { row: 5, column: 'created_at', message: '"last tuesday" is not a date (use e.g. 2024-03-05 or 2024-03-05T14:30:00Z)' },
      { row: 6, column: 'kind', message: 'kind must be review or answer (got "like")' },
      { row: 7, column: 'voter', message: 'the voter is required' },
      { row: 8, column: 'target_id', message: 'answer "verity-answer:an_gone" is not in this store: import the questions (with their answers) first' },
    ]);
    expect(await counts()).toEqual(IMPORTED_COUNTS);
    expect((await h.db.select().from(reviewVotes)).map((v) => v.voter)).toEqual([voter('g')]);
  });

  it("reads a votes file written before target_source_key existed: Verity's own reviews and answers are found by their id", async () => {
    await importHistory();
    const old = ['kind,target_id,voter,value,created_at', `review,rv_old1,${voter('a')},1,2024-03-02T00:00:00.000Z`, `answer,an_old1,${voter('d')},1,2024-01-03T00:00:00.000Z`].join('\n');
    expect(await run({ kind: 'votes', text: old })).toMatchObject({ status: 'done', imported: 2, failed: 0 });
    expect(await counts()).toEqual(IMPORTED_COUNTS);
  });

  it('reads votes.json', async () => {
    await importHistory();
    const json = JSON.stringify([
      { kind: 'review', target_id: 'rv_old2', voter: voter('a'), value: 1, created_at: '2023-05-02T00:00:00.000Z', target_source_key: 'judgeme:jm-7' },
      { kind: 'answer', target_id: 'an_old1', voter: voter('d'), value: 1, created_at: '2024-01-03T00:00:00.000Z', target_source_key: 'verity-answer:an_old1' },
    ]);
    expect(await run({ kind: 'votes', text: json, format: 'json' })).toMatchObject({ status: 'done', vendor: 'verity', imported: 2, failed: 0 });
    expect(await counts()).toEqual(IMPORTED_COUNTS);
  });

  it("skips a store's own votes imported back into it", async () => {
    const made = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: { rating: 5, body: 'Written here.', author: { name: 'Here', email: 'here@example.com' } } });
    expect(made.status, made.text).toBe(201);
    await h.db.update(reviews).set({ status: 'published' }).where(eq(reviews.id, made.body.id));
    expect((await h.call('POST', `/v1/stores/store-a/reviews/${made.body.id}/votes`, { json: { value: 'helpful', voter: 'voter_own_store_00000001' } })).status).toBe(200);
    const file = await h.call('GET', '/v1/admin/stores/store-a/exports/votes.csv', { key: h.a.keys.secretKey });
    expect(await run({ kind: 'votes', text: file.text })).toMatchObject({ status: 'done', imported: 0, skipped: 1, failed: 0 });
    expect((await h.db.select().from(reviews).where(eq(reviews.id, made.body.id)))[0]!.helpfulCount).toBe(1);
  });

  it('fails the job with a reason when the file is not a votes export, and refuses a column mapping', async () => {
    const job = await run({ kind: 'votes', text: 'a,b\n1,2\n' });
    expect(job).toMatchObject({ status: 'failed', failure: 'this is not a Verity votes file: it has no kind, target_id, voter, value, created_at column' });
    const refusal = "votes are imported from Verity's own votes.csv|json; a column mapping is for reviews and questions";
    expect(() => checkMapping('votes', { voter: 'a' })).toThrow(refusal);
    expect(await run({ kind: 'votes', text: 'a,b\n1,2\n', mapping: { voter: 'a' } })).toMatchObject({ status: 'failed', failure: refusal });
    expect(await run({ kind: 'votes', text: '[]', format: 'json' })).toMatchObject({ status: 'failed', failure: 'the file has no rows' });
  });
});
