import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReviewInput, voterToken } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let key: string;
beforeEach(async () => {
  h = await createHarness({ moderation: 'hold' });
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

const inbox = (query = '') => h.call('GET', `/v1/admin/stores/store-a/inbox${query}`, { key });
const ids = async (query = '') => (await inbox(query)).body.items.map((i: { id: string }) => i.id);

async function review(overrides: Record<string, unknown> = {}, product = 'tee'): Promise<string> {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/reviews`, { json: makeReviewInput(overrides) });
  h.clock.advance(1000);
  return res.body.id;
}

async function question(body = 'Does it shrink in the wash?', product = 'tee', email = 'asker@example.com'): Promise<string> {
  const res = await h.call('POST', `/v1/stores/store-a/products/${product}/questions`, { json: { body, author: { name: 'Ann', email } } });
  h.clock.advance(1000);
  return res.body.id;
}

async function answer(questionId: string, body = 'Not at all.', email = 'helper@example.com'): Promise<string> {
  const res = await h.call('POST', `/v1/stores/store-a/questions/${questionId}/answers`, { json: { body, author: { name: 'Hal', email } } });
  h.clock.advance(1000);
  return res.body.id;
}

const moderate = (items: Array<{ kind: string; id: string }>, status: string, k = key) =>
  h.call('POST', '/v1/admin/stores/store-a/inbox/moderate', { key: k, json: { items, status } });

describe('GET /v1/admin/stores/:store/inbox', () => {
  it('lists pending reviews newest first with the InboxItem shape and exact counts per tab', async () => {
    const older = await review({ rating: 2, title: 'Meh', body: 'Seams split', author: { name: 'Zed', email: 'ZED@example.com' } });
    const newer = await review({ rating: 5 }, 'mug');
    const q = await question();

    const res = await inbox();
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([newer, older]);
    expect(res.body.items[1]).toEqual({
      kind: 'review',
      id: older,
      status: 'pending',
      createdAt: new Date(h.clock.now - 3000).toISOString(),
      product: { id: 'tee', name: 'store-a tee', url: null },
      author: { name: 'Zed', email: 'zed@example.com', verified: false, blockEntry: expect.stringMatching(/^addr:[0-9a-f]{64}$/) },
      rating: 2,
      title: 'Meh',
      body: 'Seams split',
      bodyHtml: '<p>Seams split</p>\n',
      reply: null,
      reports: [],
      firstTimeAuthor: true,
      media: [],
    });
    expect(res.body.counts).toEqual({ reviews: 2, questions: 1, answers: 0, reported: 0 });
    expect(res.body.nextCursor).toBeNull();
    expect(await ids('?tab=questions')).toEqual([q]);
  });

  it('filters by status, rating, product, verified, reply and text', async () => {
    const one = await review({ rating: 1, body: 'broken zipper' });
    const five = await review({ rating: 5, body: 'lovely colour' }, 'mug');
    await moderate([{ kind: 'review', id: five }], 'published');
    await h.call('PUT', `/v1/admin/stores/store-a/reviews/${five}/reply`, { key, json: { body: 'Thank you!' } });

    expect(await ids('?status=published')).toEqual([five]);
    expect(await ids('?status=pending&rating=1')).toEqual([one]);
    expect(await ids('?status=published&rating=1')).toEqual([]);
    expect(await ids('?status=published&product=mug')).toEqual([five]);
    expect(await ids('?status=pending&product=mug')).toEqual([]);
    expect(await ids('?verified=false')).toEqual([one]);
    expect(await ids('?verified=true')).toEqual([]);
    expect(await ids('?status=published&hasReply=true')).toEqual([five]);
    expect(await ids('?status=published&hasReply=false')).toEqual([]);
    expect(await ids('?q=zipper')).toEqual([one]);
    const replied = (await inbox('?status=published')).body.items[0];
    expect(replied.reply).toMatchObject({ body: 'Thank you!', bodyHtml: '<p>Thank you!</p>\n' });
  });

  it('shows answers with their question, questions with the official answer', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'publish' } });
    const q = await question('Is it warm?');
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'hold' } });
    const a = await answer(q, 'Very warm.');
    await h.call('PUT', `/v1/admin/stores/store-a/questions/${q}/answer`, { key, json: { body: 'Yes, merino.' } });

    const answers = await inbox('?tab=answers');
    expect(answers.body.items).toHaveLength(1);
    expect(answers.body.items[0]).toMatchObject({ kind: 'answer', id: a, status: 'pending', question: { id: q, body: 'Is it warm?' }, product: { id: 'tee' }, author: { verified: false } });
    const questions = await inbox('?tab=questions&status=published');
    expect(questions.body.items[0]).toMatchObject({ kind: 'question', id: q, answers: [{ body: 'Yes, merino.', bodyHtml: '<p>Yes, merino.</p>\n' }] });
  });

  it('lists reported items across kinds with their reasons until a decision is made', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'publish' } });
    const r = await review();
    const q = await question();
    const report = (path: string, reason: string, who: string) => h.call('POST', path, { json: { reason, reporter: voterToken(who) } });
    await report(`/v1/stores/store-a/reviews/${r}/reports`, 'offensive', 'a');
    await report(`/v1/stores/store-a/reviews/${r}/reports`, 'offensive', 'b');
    await report(`/v1/stores/store-a/reviews/${r}/reports`, 'fake', 'c');
    await report(`/v1/stores/store-a/questions/${q}/reports`, 'spam', 'a');
    h.clock.advance(1000);

    const reported = await inbox('?tab=reported');
    expect(reported.body.items.map((i: { kind: string; id: string }) => [i.kind, i.id])).toEqual([
      ['question', q],
      ['review', r],
    ]);
    expect(reported.body.items[1].reports).toEqual([
      { reason: 'fake', count: 1 },
      { reason: 'offensive', count: 2 },
    ]);
    expect(reported.body.counts.reported).toBe(2);

    // Keeping it published is a decision too.
    expect((await moderate([{ kind: 'review', id: r }], 'published')).body).toEqual({ updated: 1 });
    const after = await inbox('?tab=reported');
    expect(after.body.items.map((i: { id: string }) => i.id)).toEqual([q]);
    expect(after.body.counts.reported).toBe(1);
  });

  it('pages with a cursor across the whole list, exactly once each', async () => {
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push(await review());
    const first = await inbox('?limit=2');
    const second = await inbox(`?limit=2&cursor=${first.body.nextCursor}`);
    const third = await inbox(`?limit=2&cursor=${second.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: string }) => i.id)).toEqual(written.reverse());
    expect(third.body.nextCursor).toBeNull();
  });

  it('tells a first-time author from a returning one', async () => {
    const email = 'regular@example.com';
    const earlier = await review({ author: { name: 'Reg', email } });
    await moderate([{ kind: 'review', id: earlier }], 'published');
    await review({ author: { name: 'Reg', email } });
    await review({ author: { name: 'New', email: 'new@example.com' } });
    const items = (await inbox()).body.items;
    expect(items.map((i: { author: { email: string }; firstTimeAuthor: boolean }) => [i.author.email, i.firstTimeAuthor])).toEqual([
      ['new@example.com', true],
      [email, false],
    ]);
    const published = (await inbox('?status=published')).body.items[0];
    expect(published.firstTimeAuthor).toBe(true);
  });

  it('refuses filters that do not apply to the tab, a bad tab and a foreign cursor', async () => {
    const bad = async (query: string, message: RegExp) => {
      const res = await inbox(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe(query.includes('cursor') ? 'INVALID_CURSOR' : 'VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(message);
    };
    await bad('?tab=questions&rating=1', /rating applies to the reviews tab only/);
    await bad('?tab=answers&hasReply=true', /hasReply applies to the reviews tab only/);
    await bad('?tab=everything', /tab must be one of reviews, questions, answers, reported/);
    await bad('?rating=6', /rating must be an integer from 1 to 5/);
    await bad('?cursor=nonsense', /cursor/);
    expect((await inbox('?product=nope')).status).toBe(404);
  });

  it("never shows another store's content", async () => {
    await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() });
    const res = await inbox();
    expect(res.body.items).toEqual([]);
    expect(res.body.counts.reviews).toBe(0);
  });
});

describe('blocking from the inbox', () => {
  it("offers the writer's address as a block-list entry that then files their next write as spam", async () => {
    const first = (await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput(), client: '192.0.2.44' })).body.id;
    h.clock.advance(1000);
    const [item] = (await inbox()).body.items;
    expect(item.id).toBe(first);
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { blockList: [item.author.blockEntry] } });
    const next = await h.call('POST', '/v1/stores/store-a/products/mug/reviews', { json: makeReviewInput(), client: '192.0.2.44' });
    expect(next.body.status).toBe('pending');
    expect((await inbox('?status=spam')).body.items.map((i: { id: string }) => i.id)).toEqual([next.body.id]);
    h.clock.advance(1000);
    const elsewhere = await h.call('POST', '/v1/stores/store-a/products/mug/reviews', { json: makeReviewInput(), client: '192.0.2.45' });
    expect((await inbox()).body.items.map((i: { id: string }) => i.id)).toEqual([elsewhere.body.id, first]);
  });
});

describe('POST /v1/admin/stores/:store/inbox/moderate', () => {
  it('moderates reviews, questions and answers in one request, moves the public summary and records each change', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'publish' } });
    const q = await question();
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { moderation: 'hold' } });
    const a = await answer(q);
    const r = await review({ rating: 4 });

    const res = await moderate(
      [
        { kind: 'review', id: r },
        { kind: 'answer', id: a },
        { kind: 'review', id: r },
      ],
      'published',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 2 });
    expect((await h.call('GET', '/v1/stores/store-a/products/tee/reviews')).body.summary).toMatchObject({ count: 1, average: 4 });
    const shown = await h.call('GET', `/v1/stores/store-a/questions/${q}`);
    expect(shown.body.answers.map((x: { id: string }) => x.id)).toEqual([a]);
    // The asker hears of the published answer, as when moderating one by one.
    const outbox = await h.call('GET', '/v1/admin/stores/store-a/outbox', { key });
    expect(outbox.body.emails.map((e: { to: string }) => e.to)).toContain('asker@example.com');

    const audit = await h.client.execute("SELECT action, target_kind, target_id, details FROM audit_log WHERE store_id = 'store-a' ORDER BY seq");
    const entries = audit.rows.filter((row) => String(row.action).endsWith('.status')).map((row) => [row.action, row.target_id, JSON.parse(String(row.details))]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['review.status', r, { from: 'pending', to: 'published' }],
        ['answer.status', a, { from: 'pending', to: 'published' }],
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it('leaves other stores alone and counts only what it changed', async () => {
    const theirs = (await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() })).body.id;
    const res = await moderate([{ kind: 'review', id: theirs }], 'spam');
    expect(res.body).toEqual({ updated: 0 });
    const inB = await h.call('GET', '/v1/admin/stores/store-b/reviews', { key: h.b.keys.secretKey });
    expect(inB.body.reviews[0].status).toBe('pending');
  });

  it('refuses a bad status, a kind that does not match the id, and more than 200 items, changing nothing', async () => {
    const r = await review();
    const bad = async (items: Array<{ kind: string; id: string }>, status: string, message: RegExp) => {
      const res = await moderate(items, status);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    };
    await bad([{ kind: 'review', id: r }], 'hidden', /status must be one of pending, published, rejected, spam/);
    await bad([{ kind: 'question', id: r }], 'published', /a question id/);
    await bad(Array.from({ length: 201 }, () => ({ kind: 'review', id: r })), 'published', /at most 200/);
    await bad([], 'published', /at least one/);
    expect((await inbox()).body.items.map((i: { id: string }) => i.id)).toEqual([r]);
  });
});
