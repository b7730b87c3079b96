import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../db/email';
import { exportAuthor, exportAuthorQa } from '../../db/queries/authors';
import { isUnsubscribed, unsubscribe } from '../../db/queries/orders';
import { getProduct } from '../../db/queries/products';
import { insertAnswer, insertQuestion } from '../../db/queries/questions';
import { insertReview } from '../../db/queries/reviews';
import { createHarness, type Harness } from '../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ann@Example.COM\t')).toBe('ann@example.com');
  });
});

describe('email addresses in db/queries', () => {
  it('are stored normalised and found by any spelling of the same address', async () => {
    const product = (await getProduct(h.db, 'store-a', 'tee'))!;
    const spelled = ' Ann@Example.COM ';
    const review = await insertReview(h.db, 'rv_email', {
      storeId: 'store-a', productId: product.id, rating: 5, title: null, body: 'Fine.', bodyHtml: '<p>Fine.</p>', authorName: 'Ann',
      authorEmail: spelled, verified: false, orderId: null, status: 'published', locale: null, now: h.clock.now,
    });
    const question = await insertQuestion(h.db, {
      id: 'qn_email', storeId: 'store-a', productId: product.id, body: 'Why?', bodyHtml: '<p>Why?</p>', authorName: 'Ann',
      authorEmail: spelled, status: 'published', createdAt: h.clock.now,
    });
    const answer = await insertAnswer(h.db, {
      id: 'an_email', storeId: 'store-a', questionId: question.id, body: 'Because.', bodyHtml: '<p>Because.</p>', authorName: 'Ann',
      authorEmail: spelled, kind: 'community', orderId: null, status: 'published', createdAt: h.clock.now,
    });
    expect([review.authorEmail, question.authorEmail, answer!.authorEmail]).toEqual(['ann@example.com', 'ann@example.com', 'ann@example.com']);
    expect((await exportAuthor(h.db, 'store-a', 'ANN@example.com ')).map((r) => r.id)).toEqual(['rv_email']);
    const qa = await exportAuthorQa(h.db, 'store-a', ' ann@EXAMPLE.com');
    expect([qa.questions.map((q) => q.id), qa.answers.map((a) => a.id)]).toEqual([['qn_email'], ['an_email']]);

    await unsubscribe(h.db, 'store-a', ' Ann@Example.com', h.clock.now);
    expect(await isUnsubscribed(h.db, 'store-a', 'ann@example.com ')).toBe(true);
  });
});
