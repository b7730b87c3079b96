import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answers, products, reviewVotes, reviews } from '../../../../db/schema';
import { createStore } from '../../../../worker/domain/store-keys';
import { makeMember, signIn } from '../../../helpers/admin';
import { createHarness, PUBLIC_URL, type Harness } from '../../../helpers/harness';
import { plainJpeg } from '../../../fixtures/media';
import { makeReviewInput } from '../../../fixtures/reviews';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await createHarness();
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/imports/${name}`, import.meta.url));

/** Starts an import and waits for its job to leave `running`, as the dashboard polls it. */
async function importFile(store: string, secret: string, body: BodyInit, query = '', contentType = 'text/csv') {
  const started = await h.call('POST', `/v1/admin/stores/${store}/imports${query}`, { key: secret, body, contentType });
  expect(started.status, started.text).toBe(202);
  for (;;) {
    const res = await h.call('GET', `/v1/admin/stores/${store}/imports/${started.body.job.id}`, { key: secret });
    if (res.body.job.status !== 'running') return res.body.job;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('POST /v1/admin/stores/:store/imports', () => {
  it('answers 202 with the job, which then reports counts and the row error', async () => {
    const job = await importFile('store-a', key, fixture('judgeme.csv'));
    expect(job).toMatchObject({ status: 'done', vendor: 'judgeme', kind: 'reviews', dryRun: false, total: 5, imported: 4, failed: 1, finishedAt: expect.any(String) });
    expect(job.errors).toEqual([{ row: 5, column: 'rating', message: 'rating must be a whole number from 1 to 5 (got "7")' }]);
    const listed = await h.call('GET', '/v1/admin/stores/store-a/imports', { key });
    expect(listed.body.jobs.map((j: { id: string }) => j.id)).toEqual([job.id]);
  });

  it('shows an imported review publicly with its original date and source, not as verified', async () => {
    await importFile('store-a', key, fixture('judgeme.csv'));
    const res = await h.call('GET', '/v1/stores/store-a/products/tee/reviews', { origin: 'https://shop-a.example' });
    const shown = res.body.reviews.find((r: { title: string }) => r.title === 'Soft and sturdy');
    expect(shown).toMatchObject({ source: 'judgeme', verified: false, verification: null, createdAt: '2024-03-05T14:30:00.000Z' });
  });

  it('names the tool an imported review was first published by in the structured data, and nothing for Verity\'s own', async () => {
    await importFile('store-a', key, fixture('judgeme.csv'));
    await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: { rating: 5, body: 'Written here.', author: { name: 'Here', email: 'here@example.com' } } });
    const res = await h.call('GET', '/v1/stores/store-a/products/tee/jsonld');
    const byBody = (text: string) => res.body.review.find((r: { reviewBody: string }) => r.reviewBody.startsWith(text));
    expect(byBody('Washed it ten times').publisher).toEqual({ '@type': 'Organization', name: 'Judge.me' });
    expect(byBody('Written here.').publisher).toBeUndefined();
  });

  it('says in the server-rendered snippet where an imported review came from and who verified it', async () => {
    await importFile('store-a', key, fixture('stamped.csv'));
    const snippet = await h.call('GET', '/v1/stores/store-a/products/mug/snippet');
    expect(snippet.text).toContain('<span class="verity-snippet-source">Imported from Stamped</span>');
    expect(snippet.text).toContain('✓ Verified buyer (per Stamped)');
    const de = await h.call('GET', '/v1/stores/store-a/products/mug/snippet?locale=de');
    expect(de.text).not.toContain('Imported from');
  });

  it('discloses in the public moderation policy which tools reviews were imported from, once they were', async () => {
    const policy = async () => (await h.call('GET', '/v1/stores/store-a/moderation')).body.policy as string[];
    expect((await policy()).join(' ')).not.toContain('imported');
    await importFile('store-a', key, fixture('stamped.csv'), '?dryRun=true');
    expect((await policy()).join(' ')).not.toContain('imported');
    await importFile('store-a', key, fixture('stamped.csv'));
    expect(await policy()).toContainEqual(expect.stringMatching(/^Some reviews were imported from Stamped: they keep their original dates .* only where that tool recorded a verified purchase/));
    expect((await h.call('GET', '/v1/stores/store-b/moderation')).body.policy.join(' ')).not.toContain('imported');
  });

  it('says a review verified by the tool it came from was verified there, not by an order', async () => {
    await importFile('store-a', key, fixture('stamped.csv'));
    const res = await h.call('GET', '/v1/stores/store-a/products/mug/reviews', { origin: 'https://shop-a.example' });
    expect(res.body.reviews).toEqual([expect.objectContaining({ author: { name: 'Kai' }, source: 'stamped', verified: true, verification: 'imported' })]);
  });

  it('takes a dry run and a column mapping from the query, and a file larger than other admin bodies', async () => {
    const rows = ['Stars,Text,Who,When,Item'];
    // About 1.4 MB: more than the 1 MB other admin bodies may have.
    for (let i = 0; i < 4000; i++) rows.push(`5,${'A fine product. '.repeat(20)},Eva ${i},2021-05-05,tee`);
    const mapping = encodeURIComponent(JSON.stringify({ rating: 'Stars', body: 'Text', authorName: 'Who', createdAt: 'When', productId: 'Item' }));
    const job = await importFile('store-a', key, rows.join('\n'), `?dryRun=true&mapping=${mapping}`);
    expect(job).toMatchObject({ status: 'done', dryRun: true, vendor: 'mapping', imported: rows.length - 1, failed: 0 });
    expect(await h.db.select().from(reviews)).toEqual([]);
  });

  it('refuses a mapping to a field Verity does not have, and a body that is not CSV or JSON, starting nothing', async () => {
    const bad = await h.call('POST', `/v1/admin/stores/store-a/imports?mapping=${encodeURIComponent('{"stars":"Stars"}')}`, { key, body: 'Stars\n5', contentType: 'text/csv' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'stars' } });
    const votes = await h.call('POST', `/v1/admin/stores/store-a/imports?kind=votes&mapping=${encodeURIComponent('{"voter":"Who"}')}`, { key, body: 'Who\nx', contentType: 'text/csv' });
    expect(votes.status).toBe(400);
    expect(votes.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: "votes are imported from Verity's own votes.csv|json; a column mapping is for reviews and questions" });
    const kind = await h.call('POST', '/v1/admin/stores/store-a/imports?kind=likes', { key, body: 'a\n1', contentType: 'text/csv' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toContain('kind must be one of reviews, questions, votes');
    const xml = await h.call('POST', '/v1/admin/stores/store-a/imports', { key, body: '<reviews/>', contentType: 'application/xml' });
    expect(xml.status).toBe(415);
    const vendor = await h.call('POST', '/v1/admin/stores/store-a/imports?vendor=trustpilot', { key, body: 'a\n1', contentType: 'text/csv' });
    expect(vendor.status).toBe(400);
    expect((await h.call('GET', '/v1/admin/stores/store-a/imports', { key })).body.jobs).toEqual([]);
  });

  it('is for owners: a moderator may neither import nor export', async () => {
    const mod = await makeMember(h, { store: 'store-a', role: 'moderator' });
    const session = await signIn(h, mod.email);
    const post = await h.call('POST', '/v1/admin/stores/store-a/imports', session.as({ body: 'a\n1', contentType: 'text/csv' }));
    expect(post.status).toBe(403);
    expect((await h.call('GET', '/v1/admin/stores/store-a/exports/reviews.csv', session.as())).status).toBe(403);
    expect((await h.call('GET', '/v1/admin/stores/store-a/imports', session.as())).status).toBe(403);
  });

  it("does not show another store's job", async () => {
    const job = await importFile('store-a', key, fixture('yotpo.csv'));
    expect((await h.call('GET', `/v1/admin/stores/store-b/imports/${job.id}`, { key: h.b.keys.secretKey })).status).toBe(404);
  });
});

describe('GET /v1/admin/stores/:store/exports/:file', () => {
  const QUESTIONS = [
    'id,product_id,body,author_name,author_email,status,created_at,answer_id,answer_body,answer_author_name,answer_kind,answer_status,answer_helpful_count,answer_accepted,answer_created_at,source',
    'q1,tee,"Does it shrink?",Ola,ola@example.com,published,2024-01-01,a1,"No; wash at 30 °C.",Store,official,published,2,true,2024-01-02,verity',
    'q1,tee,"Does it shrink?",Ola,ola@example.com,published,2024-01-01,a2,A little.,Ben,community,pending,0,,2024-01-03,verity',
    'q2,mug,Dishwasher safe?,Ida,,published,2024-02-01,,,,,,,,,verity',
  ].join('\n');

  /** An export without the columns that are ids in the store that wrote it. */
  const idsAside = (csv: string) =>
    csv
      .trim()
      .split('\r\n')
      .map((line, i, all) => {
        const header = all[0]!.split(',');
        const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, header.length);
        return cells.filter((_, j) => !/^(?:answer_)?(?:id|source_key)$/.test(header[j]!)).join('');
      });

  it('streams reviews, replies, Q&A and votes that import into an empty store without loss', async () => {
    await importFile('store-a', key, fixture('judgeme.csv'));
    await importFile('store-a', key, fixture('stamped.csv'));
    await importFile('store-a', key, QUESTIONS, '?kind=questions');
    const [first] = await h.db.select().from(reviews).where(eq(reviews.storeId, 'store-a'));
    await h.db.insert(reviewVotes).values({ reviewId: first!.id, voter: 'v'.repeat(64), value: 1, createdAt: h.clock.now });
    // Votes cast here, on a review written here and on an imported answer.
    const here = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput() });
    expect(here.status, here.text).toBe(201);
    await h.db.update(reviews).set({ status: 'published' }).where(eq(reviews.id, here.body.id));
    for (const [voter, value] of [['voter_round_trip_000001', 'helpful'], ['voter_round_trip_000002', 'unhelpful']]) {
      expect((await h.call('POST', `/v1/stores/store-a/reviews/${here.body.id}/votes`, { json: { value, voter } })).status).toBe(200);
    }
    const [official] = await h.db.select().from(answers).where(eq(answers.kind, 'official'));
    expect((await h.call('POST', `/v1/stores/store-a/answers/${official!.id}/votes`, { json: { voter: 'voter_round_trip_000001' } })).status).toBe(200);

    const reviewsCsv = await h.call('GET', '/v1/admin/stores/store-a/exports/reviews.csv', { key });
    expect(reviewsCsv.status).toBe(200);
    expect(reviewsCsv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reviewsCsv.text.split('\r\n')[0]).toBe(
      'id,source_key,source,product_id,product_name,product_url,rating,title,body,author_name,author_email,verified,order_id,status,helpful_count,unhelpful_count,locale,photo_urls,created_at,reply,reply_created_at',
    );
    const questionsCsv = await h.call('GET', '/v1/admin/stores/store-a/exports/questions.csv', { key });
    const votes = await h.call('GET', '/v1/admin/stores/store-a/exports/votes.csv', { key });
    const lines = votes.text.trim().split('\r\n');
    expect(lines[0]).toBe('kind,target_id,voter,value,created_at,target_source_key');
    expect(lines).toContain(`review,${first!.id},${'v'.repeat(64)},1,${new Date(h.clock.now).toISOString()},${first!.sourceKey}`);
    // A review written here is named by the key its import elsewhere gives it.
    expect(lines.filter((l) => l.endsWith(`,verity:${here.body.id}`))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith(`answer,${official!.id},`) && l.endsWith(`,1,${new Date(h.clock.now).toISOString()},${official!.sourceKey}`))).toHaveLength(1);

    const { keys } = await createStore(h.db, { id: 'store-c', name: 'Store C', allowedOrigins: [], settings: {} }, h.clock.now);
    const reviewsJob = await importFile('store-c', keys.secretKey, reviewsCsv.text);
    expect(reviewsJob).toMatchObject({ vendor: 'verity', imported: 7, failed: 0 });
    expect(await importFile('store-c', keys.secretKey, questionsCsv.text, '?kind=questions')).toMatchObject({ imported: 3, failed: 0 });
    expect(await importFile('store-c', keys.secretKey, votes.text, '?kind=votes')).toMatchObject({ status: 'done', kind: 'votes', vendor: 'verity', imported: 4, failed: 0 });
    expect(await importFile('store-c', keys.secretKey, votes.text, '?kind=votes')).toMatchObject({ status: 'done', imported: 0, skipped: 4, failed: 0 });
    const votesAgain = await h.call('GET', '/v1/admin/stores/store-c/exports/votes.csv', { key: keys.secretKey });
    const targetAside = (csv: string) => csv.trim().split('\r\n').map((l) => l.split(',').filter((_, j) => j !== 1).join(',')).sort();
    expect(targetAside(votesAgain.text)).toEqual(targetAside(votes.text));

    const again = await h.call('GET', '/v1/admin/stores/store-c/exports/reviews.csv', { key: keys.secretKey });
    expect(idsAside(again.text)).toEqual(idsAside(reviewsCsv.text));
    const questionsAgain = await h.call('GET', '/v1/admin/stores/store-c/exports/questions.csv', { key: keys.secretKey });
    expect(idsAside(questionsAgain.text)).toEqual(idsAside(questionsCsv.text));
  });

  it('streams JSON that imports back too', async () => {
    await importFile('store-a', key, fixture('okendo.csv'));
    await importFile('store-a', key, QUESTIONS, '?kind=questions');
    const [okendo] = await h.db.select().from(reviews).where(eq(reviews.storeId, 'store-a'));
    expect((await h.call('POST', `/v1/stores/store-a/reviews/${okendo!.id}/votes`, { json: { value: 'unhelpful', voter: 'voter_round_trip_000001' } })).status).toBe(200);
    const reviewsJson = await h.call('GET', '/v1/admin/stores/store-a/exports/reviews.json', { key });
    expect(reviewsJson.body).toHaveLength(2);
    expect(reviewsJson.body[0]).toMatchObject({ source: 'okendo', verified: true, photo_urls: ['https://cdn.example/okendo/1.jpg'], reply: 'Thanks Lena!' });
    const questionsJson = await h.call('GET', '/v1/admin/stores/store-a/exports/questions.json', { key });
    expect(questionsJson.body.map((q: { answers: unknown[] }) => q.answers.length)).toEqual([2, 0]);
    const votesJson = await h.call('GET', '/v1/admin/stores/store-a/exports/votes.json', { key });
    expect(votesJson.body).toEqual([{ kind: 'review', target_id: okendo!.id, voter: expect.stringMatching(/^[0-9a-f]{64}$/), value: -1, created_at: new Date(h.clock.now).toISOString(), target_source_key: okendo!.sourceKey }]);

    const { keys } = await createStore(h.db, { id: 'store-c', name: 'Store C', allowedOrigins: [], settings: {} }, h.clock.now);
    expect(await importFile('store-c', keys.secretKey, reviewsJson.text, '', 'application/json')).toMatchObject({ imported: 2, failed: 0 });
    expect(await importFile('store-c', keys.secretKey, questionsJson.text, '?kind=questions', 'application/json')).toMatchObject({ imported: 3, failed: 0 });
    expect(await importFile('store-c', keys.secretKey, votesJson.text, '?kind=votes', 'application/json')).toMatchObject({ imported: 1, failed: 0 });
    const again = await h.call('GET', '/v1/admin/stores/store-c/exports/reviews.json', { key: keys.secretKey });
    const strip = (list: Array<Record<string, unknown>>) => list.map(({ id: _id, source_key: _key, ...rest }) => rest);
    expect(strip(again.body)).toEqual(strip(reviewsJson.body));
    const votesAgain = await h.call('GET', '/v1/admin/stores/store-c/exports/votes.json', { key: keys.secretKey });
    expect(votesAgain.body.map(({ target_id: _id, ...rest }: Record<string, unknown>) => rest)).toEqual(votesJson.body.map(({ target_id: _id, ...rest }: Record<string, unknown>) => rest));
  });

  it("writes a product's page on this server (the demo store's /demo/products/…) as an absolute URL, which imports back", async () => {
    await importFile('store-a', key, fixture('judgeme.csv'));
    await h.db.update(products).set({ url: '/demo/products/tee' }).where(eq(products.externalId, 'tee'));
    const csv = await h.call('GET', '/v1/admin/stores/store-a/exports/reviews.csv', { key });
    const json = await h.call('GET', '/v1/admin/stores/store-a/exports/reviews.json', { key });
    const tee = json.body.filter((r: { product_id: string }) => r.product_id === 'tee');
    expect(tee.map((r: { product_url: string }) => r.product_url)).toEqual(tee.map(() => `${PUBLIC_URL}/demo/products/tee`));
    expect(csv.text).toContain(`,${PUBLIC_URL}/demo/products/tee,`);

    const { keys } = await createStore(h.db, { id: 'store-c', name: 'Store C', allowedOrigins: [], settings: {} }, h.clock.now);
    await importFile('store-c', keys.secretKey, csv.text);
    const again = await h.call('GET', '/v1/admin/stores/store-c/exports/reviews.json', { key: keys.secretKey });
    expect(again.body.filter((r: { product_id: string }) => r.product_id === 'tee').map((r: { product_url: string }) => r.product_url)).toEqual(tee.map(() => `${PUBLIC_URL}/demo/products/tee`));
  });

  it("lists a review's own photos among its photo URLs (not the hidden ones), so they survive a round trip", async () => {
    const ids: string[] = [];
    for (const width of [16, 24]) {
      const up = await h.call('POST', '/v1/stores/store-a/uploads', { body: plainJpeg(width, 16), contentType: 'image/jpeg' });
      expect(up.status, up.text).toBe(201);
      ids.push(up.body.upload.id);
    }
    const made = await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput({ media: ids }) });
    expect(made.status, made.text).toBe(201);
    await h.call('PATCH', `/v1/admin/stores/store-a/media/${ids[1]}`, { key, json: { hidden: true } });
    const served = (await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.reviews[0].media.map((m: { url: string }) => m.url);
    expect(served).toHaveLength(1);

    const json = await h.call('GET', '/v1/admin/stores/store-a/exports/reviews.json', { key });
    expect(json.body.find((r: { id: string }) => r.id === made.body.id).photo_urls).toEqual(served);
    const { keys } = await createStore(h.db, { id: 'store-c', name: 'Store C', allowedOrigins: [], settings: {} }, h.clock.now);
    await importFile('store-c', keys.secretKey, json.text, '', 'application/json');
    const again = await h.call('GET', '/v1/admin/stores/store-c/exports/reviews.json', { key: keys.secretKey });
    expect(again.body[0].photo_urls).toEqual(served);
  });
});
