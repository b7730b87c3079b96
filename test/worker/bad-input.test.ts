/**
 * Bad input of every kind gets a specific 4xx in the one error shape, and
 * leaves the database as it was.
 */
// At the root of test/worker/ rather than beside one source: it sends bad input to routes of every kind.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReviewInput, voterToken } from '../fixtures/reviews';
import { createHarness, type CallInit, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const REVIEWS = '/v1/stores/store-a/products/tee/reviews';
const valid = () => makeReviewInput();

async function rowCounts() {
  const [row] = await h.db.all<{ reviews: number; products: number; votes: number }>(
    sql`SELECT (SELECT count(*) FROM reviews) AS reviews, (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM review_votes) AS votes`,
  );
  return row;
}

type Case = [name: string, method: string, path: string, init: CallInit, status: number, code: string, message?: RegExp];

const utf8Invalid = new Uint8Array([...new TextEncoder().encode('{"rating":5,"body":"caf'), 0xc3, 0x28, ...new TextEncoder().encode('","author":{"name":"a","email":"a@b.co"}}')]);

const cases: Case[] = [
  ['rating as a string', 'POST', REVIEWS, { json: { ...valid(), rating: '5' } }, 400, 'VALIDATION_FAILED', /rating must be an integer from 1 to 5/],
  ['rating 0', 'POST', REVIEWS, { json: { ...valid(), rating: 0 } }, 400, 'VALIDATION_FAILED', /rating/],
  ['rating 6', 'POST', REVIEWS, { json: { ...valid(), rating: 6 } }, 400, 'VALIDATION_FAILED', /rating/],
  ['rating 4.5', 'POST', REVIEWS, { json: { ...valid(), rating: 4.5 } }, 400, 'VALIDATION_FAILED', /rating/],
  ['missing rating', 'POST', REVIEWS, { json: { ...valid(), rating: undefined } }, 400, 'VALIDATION_FAILED', /rating/],
  ['empty body', 'POST', REVIEWS, { json: { ...valid(), body: '   ' } }, 400, 'VALIDATION_FAILED', /body must not be empty/],
  ['body as a number', 'POST', REVIEWS, { json: { ...valid(), body: 42 } }, 400, 'VALIDATION_FAILED', /body/],
  ['Markdown body over the cap', 'POST', REVIEWS, { json: { ...valid(), body: 'a'.repeat(5001) } }, 400, 'VALIDATION_FAILED', /at most 5000/],
  ['1 MB request body', 'POST', REVIEWS, { json: { ...valid(), body: 'x'.repeat(1024 * 1024) } }, 413, 'PAYLOAD_TOO_LARGE', /larger than 65536 bytes/],
  ['title too long', 'POST', REVIEWS, { json: { ...valid(), title: 't'.repeat(151) } }, 400, 'VALIDATION_FAILED', /title must be at most 150/],
  ['unknown field', 'POST', REVIEWS, { json: { ...valid(), verified: true } }, 400, 'VALIDATION_FAILED', /unknown field: verified/],
  ['unknown nested field', 'POST', REVIEWS, { json: { ...valid(), author: { name: 'a', email: 'a@b.co', admin: true } } }, 400, 'VALIDATION_FAILED', /unknown field: admin/],
  ['bad email', 'POST', REVIEWS, { json: { ...valid(), author: { name: 'a', email: 'not-an-email' } } }, 400, 'VALIDATION_FAILED', /author.email must be a valid email/],
  ['missing author', 'POST', REVIEWS, { json: { ...valid(), author: undefined } }, 400, 'VALIDATION_FAILED', /author/],
  ['JSON array instead of object', 'POST', REVIEWS, { json: [valid()] }, 400, 'VALIDATION_FAILED'],
  ['malformed JSON', 'POST', REVIEWS, { body: '{"rating": 5,' }, 400, 'INVALID_JSON', /not valid JSON/],
  ['invalid UTF-8', 'POST', REVIEWS, { body: utf8Invalid }, 400, 'INVALID_JSON', /not valid UTF-8/],
  ['form-encoded body', 'POST', REVIEWS, { body: 'rating=5', contentType: 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/],
  ['no content type', 'POST', REVIEWS, { body: JSON.stringify(valid()), contentType: 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ['missing product', 'POST', '/v1/stores/store-a/products/no-such-product/reviews', { json: valid() }, 404, 'NOT_FOUND', /product "no-such-product"/],
  ['missing store', 'POST', '/v1/stores/no-such-store/products/tee/reviews', { json: valid() }, 404, 'NOT_FOUND', /store/],
  ['SQL metacharacters in the product id', 'GET', "/v1/stores/store-a/products/tee'%20OR%201=1--/reviews", {}, 400, 'VALIDATION_FAILED', /product must be/],
  ['SQL metacharacters in the search', 'GET', `${REVIEWS}?q=${encodeURIComponent("'; DROP TABLE reviews; --")}`, {}, 200, ''],
  ['FTS syntax in the search', 'GET', `${REVIEWS}?q=${encodeURIComponent('title:"x" OR NEAR(a b) *')}`, {}, 200, ''],
  ['search without words', 'GET', `${REVIEWS}?q=${encodeURIComponent('*** ()')}`, {}, 400, 'VALIDATION_FAILED', /letter or digit/],
  ['unknown sort', 'GET', `${REVIEWS}?sort=random`, {}, 400, 'VALIDATION_FAILED', /sort must be one of recent, helpful, rating_desc, rating_asc/],
  ['limit too large', 'GET', `${REVIEWS}?limit=1000`, {}, 400, 'VALIDATION_FAILED', /limit must be an integer from 1 to 50/],
  ['limit not a number', 'GET', `${REVIEWS}?limit=ten`, {}, 400, 'VALIDATION_FAILED', /limit/],
  ['rating filter out of range', 'GET', `${REVIEWS}?rating=9`, {}, 400, 'VALIDATION_FAILED', /rating/],
  ['garbage cursor', 'GET', `${REVIEWS}?cursor=%%%`, {}, 400, 'INVALID_CURSOR'],
  ['malformed review id', 'POST', '/v1/stores/store-a/reviews/1%20OR%201=1/votes', { json: { value: 'helpful', voter: voterToken() } }, 400, 'VALIDATION_FAILED', /review id/],
  ['NUL in the body', 'POST', REVIEWS, { json: { ...valid(), body: 'a\u0000b' } }, 400, 'VALIDATION_FAILED'],
  ['lone surrogate in the body', 'POST', REVIEWS, { body: '{"rating":5,"body":"a\\ud800b","author":{"name":"a","email":"a@b.co"}}' }, 400, 'VALIDATION_FAILED'],
  ['blockquote bomb', 'POST', REVIEWS, { json: { ...valid(), body: '>'.repeat(2000) } }, 422, 'MARKDOWN_REJECTED'],
  ['bad locale', 'POST', REVIEWS, { json: { ...valid(), locale: 'english please' } }, 400, 'VALIDATION_FAILED', /locale/],
  ['product PUT with a javascript: url', 'PUT', '/v1/admin/stores/store-a/products/x', { json: { name: 'x', url: 'javascript:alert(1)' } }, 400, 'VALIDATION_FAILED', /url must be an absolute http\(s\) URL/],
  ['product PUT with a bad GTIN', 'PUT', '/v1/admin/stores/store-a/products/x', { json: { name: 'x', gtin: '12ab' } }, 400, 'VALIDATION_FAILED', /gtin/],
  ['unknown route', 'GET', '/v1/nothing-here', {}, 404, 'NOT_FOUND', /no route/],
];

describe('bad input', () => {
  it.each(cases)('%s → %i %s', async (_name, method, path, init, status, code, message) => {
    const before = await rowCounts();
    const res = await h.call(method, path, { ...init, key: path.startsWith('/v1/admin') ? h.a.keys.secretKey : init.key });
    expect(res.status, res.text).toBe(status);
    if (status >= 400) {
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.body.error.code).toBe(code);
      expect(typeof res.body.error.message).toBe('string');
      if (message) expect(res.body.error.message).toMatch(message);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps the reviews table after an injection attempt', async () => {
    await h.call('POST', REVIEWS, { json: makeReviewInput({ title: "Robert'); DROP TABLE reviews;--", body: "1' OR '1'='1" }) });
    const list = await h.call('GET', REVIEWS);
    expect(list.body.reviews.at(0)).toMatchObject({ title: "Robert'); DROP TABLE reviews;--", body: "1' OR '1'='1" });
  });
});
