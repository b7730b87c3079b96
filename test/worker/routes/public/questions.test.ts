import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOrder } from '../../../../db/queries/orders';
import { getQuestion } from '../../../../db/queries/questions';
import { getStore } from '../../../../db/queries/stores';
import { answerQuestion } from '../../../../worker/domain/questions';
import type { OutboxMessage } from '../../../../db/schema';
import { VOTES_PER_ADDRESS } from '../../../../worker/domain/voters';
import { runScheduler } from '../../../../worker/domain/review-requests';
import { voterToken } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let sent: OutboxMessage[];
beforeEach(async () => {
  h = await createHarness();
  sent = [];
});
afterEach(() => h.close());

const DAY = 24 * 60 * 60 * 1000;
const key = () => h.a.keys.secretKey;
const deliver = () => runScheduler(h.db, { now: h.clock.now, baseUrl: 'http://localhost', transport: { name: 't', send: async (m) => void sent.push(m) } });

async function ask(body = 'Does it shrink in the wash?', email = 'asker@example.com', product = 'tee') {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/questions`, { json: { body, author: { name: 'Asker', email } } });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.id as string;
}

async function answer(questionId: string, body = 'Not at all.', email = 'helper@example.com') {
  const res = await h.call('POST', `/v1/stores/store-a/questions/${questionId}/answers`, { json: { body, author: { name: 'Helper', email } } });
  expect(res.status, res.text).toBe(201);
  h.clock.advance(1000);
  return res.body.id as string;
}

async function buyer(orderId: string, email: string, product = 'tee', fulfilledAt = h.clock.now - DAY, test = false) {
  const store = (await getStore(h.db, 'store-a'))!;
  await recordOrder(
    h.db,
    'store-a',
    { externalId: orderId, customerEmail: email, customerName: `Owner ${orderId}`, orderedAt: fulfilledAt - DAY, fulfilledAt, cancelledAt: null, refunded: false, items: [{ externalId: product, name: `store-a ${product}` }], source: 'api', test },
    store.settings,
    h.clock.now,
  );
}

describe('questions and answers', () => {
  it('labels answers by kind and lists the accepted one first', async () => {
    await buyer('o-1', 'owner@example.com');
    const q = await ask();
    const community = await answer(q, 'I think it is fine.');
    const official = await h.call('PUT', `/v1/admin/stores/store-a/questions/${q}/answer`, { key: key(), json: { body: 'It is pre-shrunk.' } });
    expect(official.body).toMatchObject({ kind: 'official', status: 'published' });

    await deliver();
    const ask_ = sent.find((m) => m.toAddress === 'owner@example.com')!;
    const token = ask_.text.match(/\/a\/(\S+)/)![1]!;
    const owner = await h.call('POST', `/a/${token}`, { json: { body: 'Mine never shrank.', name: 'Olga' } });
    expect(owner.status, owner.text).toBe(201);
    expect(owner.body.kind).toBe('owner');
    expect((await h.call('POST', `/a/${token}`, { json: { body: 'Again', name: 'Olga' } })).status).toBe(409);

    await h.call('POST', `/v1/admin/stores/store-a/questions/${q}/accept`, { key: key(), json: { answerId: community } });
    const shown = await h.call('GET', `/v1/stores/store-a/questions/${q}`);
    expect(shown.body.answers.map((a: { kind: string; accepted: boolean; verified: boolean }) => [a.kind, a.accepted, a.verified])).toEqual([
      ['community', true, false],
      ['official', false, false],
      ['owner', false, true],
    ]);
    expect(shown.body.answerCount).toBe(3);
    expect(shown.text).not.toContain('@example.com');
    expect(official.body.id).toBeDefined();
  });

  it('refuses to accept an answer of another question, and clears acceptance when the answer is rejected', async () => {
    const q1 = await ask('First?');
    const q2 = await ask('Second?');
    const a2 = await answer(q2);
    const wrong = await h.call('POST', `/v1/admin/stores/store-a/questions/${q1}/accept`, { key: key(), json: { answerId: a2 } });
    expect(wrong.status).toBe(404);
    await h.call('POST', `/v1/admin/stores/store-a/questions/${q2}/accept`, { key: key(), json: { answerId: a2 } });
    await h.call('PATCH', `/v1/admin/stores/store-a/answers/${a2}`, { key: key(), json: { status: 'rejected' } });
    const shown = await h.call('GET', `/v1/stores/store-a/questions/${q2}`);
    expect(shown.body).toMatchObject({ acceptedAnswerId: null, answerCount: 0, answers: [] });
  });

  it('lets the asker accept an answer through the link in the notification', async () => {
    const q = await ask();
    const a = await answer(q);
    await deliver();
    const note = sent.find((m) => m.toAddress === 'asker@example.com')!;
    expect(note.subject).toMatch(/has an answer/);
    const accept = note.text.match(/\/accept\/(\S+)/)![1]!;
    expect((await h.call('GET', `/accept/${accept}`)).status).toBe(200);
    expect((await h.call('POST', `/accept/${accept}`)).status).toBe(200);
    expect((await h.call('GET', `/v1/stores/store-a/questions/${q}`)).body.acceptedAnswerId).toBe(a);
  });

  it('counts one helpful vote per voter and sorts by helpful and unanswered', async () => {
    const quiet = await ask('Quiet one?');
    const busy = await ask('Busy one?');
    const a = await answer(busy);
    expect((await h.call('POST', `/v1/stores/store-a/answers/${a}/votes`, { json: { voter: voterToken(1) } })).body).toEqual({ helpfulCount: 1 });
    expect((await h.call('POST', `/v1/stores/store-a/answers/${a}/votes`, { json: { voter: voterToken(1) } })).status).toBe(409);
    expect((await h.call('POST', `/v1/stores/store-a/answers/${a}/votes`, { json: { voter: voterToken(2) } })).body).toEqual({ helpfulCount: 2 });
    const ids = async (sort: string) => (await h.call('GET', `/v1/stores/store-a/products/tee/questions?sort=${sort}`)).body.questions.map((q: { id: string }) => q.id);
    expect(await ids('recent')).toEqual([busy, quiet]);
    expect(await ids('helpful')).toEqual([busy, quiet]);
    expect(await ids('unanswered')).toEqual([quiet]);
    expect((await h.call('POST', `/v1/stores/store-b/answers/${a}/votes`, { json: { voter: voterToken(3) } })).status).toBe(404);
  });

  it(`adds at most ${VOTES_PER_ADDRESS} helpful votes from one address to an answer`, async () => {
    const a = await answer(await ask('Stuffed?'));
    const voteFrom = (token: string, client: string) => h.call('POST', `/v1/stores/store-a/answers/${a}/votes`, { json: { voter: voterToken(token) }, client });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await voteFrom(`rot${i}`, '192.0.2.10')).status);
    expect(statuses).toEqual([...Array(VOTES_PER_ADDRESS).fill(200), ...Array(6 - VOTES_PER_ADDRESS).fill(409)]);
    const refused = await voteFrom('rot9', '192.0.2.10');
    expect(refused.body.error).toMatchObject({ code: 'VOTE_LIMIT_REACHED', details: { helpfulCount: VOTES_PER_ADDRESS } });
    expect((await voteFrom('rot0', '192.0.2.10')).body.error.code).toBe('ALREADY_VOTED');
    expect((await voteFrom('elsewhere', '192.0.2.11')).body).toEqual({ helpfulCount: VOTES_PER_ADDRESS + 1 });
  });

  it('takes one owner answer per link, even from submissions at the same moment', async () => {
    await buyer('o-race', 'racer@example.com');
    const q = await ask('Race?');
    await deliver();
    const token = sent.find((m) => m.toAddress === 'racer@example.com')!.text.match(/\/a\/(\S+)/)![1]!;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => h.call('POST', `/a/${token}`, { json: { body: `Answer ${i}`, name: 'Racer' } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'LINK_USED')).toBe(true);
    const owners = (await h.call('GET', `/v1/stores/store-a/questions/${q}`)).body.answers.filter((a: { kind: string }) => a.kind === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('lets the database, not a check before the insert, decide that an order answers a question once', async () => {
    const q = await ask('Once?');
    const store = (await getStore(h.db, 'store-a'))!;
    const question = (await getQuestion(h.db, 'store-a', q))!;
    const ctx = { db: h.db, store, now: h.clock.now, baseUrl: 'http://localhost' };
    const owner = { body: 'First.', authorName: 'Olga', authorEmail: 'olga@example.com', kind: 'owner' as const, orderId: 'o-once' };
    expect((await answerQuestion(ctx, question, owner)).kind).toBe('owner');
    await expect(answerQuestion(ctx, question, { ...owner, body: 'Second.' })).rejects.toMatchObject({ code: 'LINK_USED' });
    // Another order of the same question, and community answers, are not limited by it.
    expect((await answerQuestion(ctx, question, { ...owner, orderId: 'o-other' })).kind).toBe('owner');
    await answerQuestion(ctx, question, { ...owner, kind: 'community', orderId: undefined });
    await answerQuestion(ctx, question, { ...owner, kind: 'community', orderId: undefined });
  });

  it('asks no buyer of a platform test order to answer', async () => {
    await buyer('o-real', 'real@example.com');
    await buyer('o-test', 'tester@example.com', 'tee', h.clock.now - DAY, true);
    await ask('Is it warm?');
    await deliver();
    const asked = sent.map((m) => m.toAddress);
    expect(asked).toContain('real@example.com');
    expect(asked).not.toContain('tester@example.com');
  });

  it('holds questions and answers under moderation, and publishes with their emails', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key: key(), json: { moderation: 'hold' } });
    await buyer('o-9', 'owner9@example.com');
    const q = await ask();
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/questions')).body.questions).toEqual([]);
    expect((await h.call('POST', `/v1/stores/store-a/questions/${q}/answers`, { json: { body: 'x', author: { name: 'a', email: 'a@b.co' } } })).status).toBe(404);
    await deliver();
    expect(sent).toHaveLength(0);

    const res = await h.call('POST', '/v1/admin/stores/store-a/qa/moderate', { key: key(), json: { ids: [q], status: 'published' } });
    expect(res.body.updated).toEqual([q]);
    // Publishing again asks nobody twice.
    await h.call('PATCH', `/v1/admin/stores/store-a/questions/${q}`, { key: key(), json: { status: 'published' } });
    await deliver();
    expect(sent.map((m) => m.toAddress)).toEqual(['owner9@example.com']);
  });

  it('asks at most N recent verified buyers, never the asker, the unsubscribed, or buyers of other products', async () => {
    expect((await h.call('PATCH', '/v1/admin/stores/store-a', { key: key(), json: { buyersToAsk: 2 } })).body.buyersToAsk).toBe(2);
    await buyer('o-1', 'old@example.com', 'tee', h.clock.now - 30 * DAY);
    await buyer('o-2', 'newer@example.com', 'tee', h.clock.now - 3 * DAY);
    await buyer('o-3', 'newest@example.com', 'tee', h.clock.now - 1 * DAY);
    await buyer('o-4', 'asker@example.com', 'tee', h.clock.now - 1 * DAY);
    await buyer('o-5', 'mug-only@example.com', 'mug');
    await buyer('o-6', 'gone@example.com', 'tee', h.clock.now);
    await h.db.run(sql`INSERT INTO unsubscribes (store_id, email, created_at) VALUES ('store-a', 'gone@example.com', 0)`);
    await ask();
    await deliver();
    const asked = sent.filter((m) => m.subject.includes('has a question'));
    expect(asked.map((m) => m.toAddress).sort()).toEqual(['newer@example.com', 'newest@example.com']);
    expect(asked[0]!.headers['List-Unsubscribe']).toMatch(/\/u\//);
  });

  it('reports questions and answers once per reporter', async () => {
    const q = await ask();
    const a = await answer(q);
    const report = (path: string, r: string) => h.call('POST', path, { json: { reason: 'spam', reporter: voterToken(r) } });
    expect((await report(`/v1/stores/store-a/questions/${q}/reports`, 'x')).status).toBe(202);
    expect((await report(`/v1/stores/store-a/questions/${q}/reports`, 'x')).status).toBe(409);
    expect((await report(`/v1/stores/store-a/answers/${a}/reports`, 'x')).status).toBe(202);
    const list = await h.call('GET', '/v1/admin/stores/store-a/questions', { key: key() });
    expect(list.body.questions[0]).toMatchObject({ id: q, reportCount: 1, author: { email: 'asker@example.com' } });
  });
});

describe('GET …/products/:product/search', () => {
  it('finds words in review titles and bodies and in questions and answers, published only', async () => {
    await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: { rating: 5, title: 'Waterproof indeed', body: 'Survived the rain', author: { name: 'r', email: 'r@example.com' } } });
    await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: { rating: 4, body: 'Nice colour', author: { name: 'r', email: 'r2@example.com' } } });
    const q = await ask('Is it waterproof?');
    const q2 = await ask('What about washing?');
    await answer(q2, 'Wash cold; the waterproof coating stays.');
    await ask('Waterproof for skiing?', 'other@example.com', 'mug');
    await h.call('PATCH', '/v1/admin/stores/store-a', { key: key(), json: { moderation: 'hold' } });
    await ask('Waterproof secret pending question?');

    const res = await h.call('GET', '/v1/stores/store-a/products/tee/search?q=waterproof');
    expect(res.status).toBe(200);
    const found = res.body.results.map((r: { kind: string; review?: { title: string }; question?: { id: string } }) => (r.kind === 'review' ? r.review!.title : r.question!.id));
    expect(found).toHaveLength(3);
    expect(found).toEqual(expect.arrayContaining(['Waterproof indeed', q, q2]));
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/search?q=%22%29%28')).status).toBe(400);
  });
});

describe('question pages', () => {
  it('render the question and answers escaped, with QAPage data and a canonical URL', async () => {
    const q = await ask('Is <script>alert(1)</script> **safe**?', 'x@example.com');
    await h.call('POST', `/v1/stores/store-a/questions/${q}/answers`, {
      json: { body: 'Yes <img src=x onerror=alert(2)> [click](javascript:alert(3))', author: { name: '<b>Mallory</b>', email: 'm@example.com' } },
    });
    await h.call('PUT', `/v1/admin/stores/store-a/questions/${q}/answer`, { key: key(), json: { body: 'Official: yes.' } });
    const page = await h.call('GET', `/q/store-a/${q}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script>alert|<img src=x|href="javascript|<b>Mallory/);
    expect(page.text).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
    expect(page.text).toContain(`<link rel="canonical" href="http://localhost/q/store-a/${q}">`);

    const ld = JSON.parse(page.text.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
    expect(ld['@type']).toBe('QAPage');
    expect(ld.mainEntity).toMatchObject({
      '@type': 'Question',
      // The visible text, not the Markdown.
      text: 'Is <script>alert(1)</script> safe?',
      answerCount: 2,
      author: { '@type': 'Person', name: 'Asker' },
      datePublished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(ld.mainEntity.suggestedAnswer).toHaveLength(2);
    for (const a of ld.mainEntity.suggestedAnswer) {
      expect(a).toMatchObject({ '@type': 'Answer', text: expect.any(String), upvoteCount: 0, url: expect.stringContaining(`/q/store-a/${q}#answer-an_`) });
    }
    // Nothing in the JSON-LD can close the script element early.
    expect(page.text.match(/<\/script>/g)).toHaveLength(1);

    const sitemap = await h.call('GET', '/q/store-a/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toMatch(/application\/xml/);
    expect(sitemap.text).toContain(`<loc>http://localhost/q/store-a/${q}</loc>`);
    expect((await h.call('GET', '/q/store-b/sitemap.xml')).text).not.toContain(q);
    expect((await h.call('GET', `/q/store-b/${q}`)).status).toBe(404);
  });

  it('takes an answer from the form without JavaScript', async () => {
    const q = await ask();
    const res = await h.call('POST', `/q/store-a/${q}`, {
      body: new URLSearchParams({ body: 'Works great', name: 'Form user', email: 'form@example.com' }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(201);
    const bad = await h.call('POST', `/q/store-a/${q}`, { body: 'body=&name=x&email=nope', contentType: 'application/x-www-form-urlencoded' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('role="alert"');
    expect((await h.call('GET', `/v1/stores/store-a/questions/${q}`)).body.answerCount).toBe(1);
  });

  it('refuses a form that is not UTF-8 or is too large the way every body is refused, and stores nothing', async () => {
    const q = await ask();
    const form = 'application/x-www-form-urlencoded';
    const notUtf8 = new Uint8Array([...new TextEncoder().encode('name=Ann&email=ann%40example.com&body=caf'), 0xe9]);
    const garbled = await h.call('POST', `/q/store-a/${q}`, { body: notUtf8, contentType: form });
    expect(garbled.status).toBe(400);
    expect(garbled.text).toContain('the answer is not valid UTF-8');
    const huge = await h.call('POST', `/q/store-a/${q}`, { body: `name=Ann&email=ann%40example.com&body=${'x'.repeat(70 * 1024)}`, contentType: form });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('the answer is larger than 65536 bytes');
    expect((await h.call('GET', `/v1/stores/store-a/questions/${q}`)).body.answerCount).toBe(0);
  });
});
