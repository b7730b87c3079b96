/** /q/:store/:id and its sitemap: a page a shopper lands on from a search engine. */
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProducts } from '../../../db/demo-catalogue';
import { seedDemo } from '../../../worker/domain/demo-store';
import { questions } from '../../../db/schema';
import { createApp } from '../../../worker/app';
import { unlimited } from '../../../worker/lib/rate-limiter';
import { DAY } from '../../fixtures/orders';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const key = () => h.a.keys.secretKey;

async function ask(body = 'Does it shrink in the wash?') {
  const res = await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body, author: { name: 'Asker', email: 'asker@example.com' } } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function answer(questionId: string, body = 'Not at all.') {
  const res = await h.call('POST', `/v1/stores/store-a/questions/${questionId}/answers`, { json: { body, author: { name: 'Helper', email: 'helper@example.com' } } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** What a reader sees: the body's text, without the JSON-LD data block and without tags. */
const visibleText = (html: string) =>
  html
    .slice(html.indexOf('<body>'))
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const linksIn = (html: string) => [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1], label: m[2] }));

describe('GET /q/:store/:id', () => {
  it("links back to the demo store's product on this server's public origin, port included", async () => {
    await seedDemo(h.db, { origins: [], now: h.clock.now });
    const app = createApp({ db: () => h.db, clock: () => h.clock.now, rateLimiter: unlimited, clientAddress: () => undefined, publicUrl: 'http://127.0.0.1:8790', demo: true });
    const [seeded] = await h.db.select({ id: questions.id }).from(questions).where(eq(questions.storeId, 'demo'));
    const res = await app.request(`http://127.0.0.1:8790/q/demo/${seeded!.id}`);
    expect(res.status).toBe(200);
    const product = demoProducts[0]!;
    expect(linksIn(await res.text())).toEqual([
      { href: `http://127.0.0.1:8790/demo/products/${product.externalId}`, label: product.name },
      { href: `http://127.0.0.1:8790/demo/products/${product.externalId}`, label: `Back to ${product.name}` },
    ]);
  });

  it("keeps a merchant's absolute product URL, and shows no link for one that is not http(s)", async () => {
    const q = await ask();
    await h.call('PUT', '/v1/admin/stores/store-a/products/tee', { key: key(), json: { name: 'Organic tee', url: 'https://shop-a.example/tee' } });
    expect(linksIn((await h.call('GET', `/q/store-a/${q}`)).text).map((l) => l.href)).toEqual(['https://shop-a.example/tee', 'https://shop-a.example/tee']);
    await h.db.run(sql`UPDATE products SET url = 'javascript:alert(1)' WHERE external_id = 'tee'`);
    expect(linksIn((await h.call('GET', `/q/store-a/${q}`)).text)).toEqual([]);
  });

  it('shows the question text once, a long one in full', async () => {
    const long = `Does it shrink in the wash, and if so by how much after ten hot washes and a tumble dryer? I am between sizes.`;
    for (const body of ['Does it shrink in the wash?', long]) {
      const q = await ask(body);
      const text = visibleText((await h.call('GET', `/q/store-a/${q}`)).text);
      expect(text.split(body).length - 1, body).toBe(1);
    }
    const q = await ask('Does it shrink in the wash?\n\nI am between sizes, so it matters.');
    const page = (await h.call('GET', `/q/store-a/${q}`)).text;
    for (const sentence of ['Does it shrink in the wash?', 'I am between sizes, so it matters.']) expect(visibleText(page).split(sentence).length - 1, sentence).toBe(1);
    expect(page.match(/<h1>[\s\S]*?<\/h1>/)![0]).not.toContain('<p>');
  });

  it('shows no vote count it offers no way to cast, and keeps upvoteCount in the structured data', async () => {
    const q = await ask();
    const a = await answer(q);
    await h.db.run(sql`UPDATE answers SET helpful_count = 3 WHERE id = ${a}`);
    const page = (await h.call('GET', `/q/store-a/${q}`)).text;
    expect(visibleText(page)).not.toMatch(/helpful/i);
    const ld = JSON.parse(page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
    expect(ld.mainEntity.suggestedAnswer[0].upvoteCount).toBe(3);
  });
});

describe('GET /q/:store/sitemap.xml', () => {
  const lastmod = async (q: string) => {
    const xml = (await h.call('GET', '/q/store-a/sitemap.xml')).text;
    return xml.match(new RegExp(`<loc>[^<]*/${q}</loc><lastmod>([^<]+)</lastmod>`))?.[1];
  };

  it('moves lastmod when an answer is published, not when one waits for moderation', async () => {
    const q = await ask();
    const asked = new Date(h.clock.now).toISOString();
    expect(await lastmod(q)).toBe(asked);

    h.clock.advance(DAY);
    await answer(q);
    expect(await lastmod(q)).toBe(new Date(h.clock.now).toISOString());

    h.clock.advance(DAY);
    expect((await h.call('PATCH', '/v1/admin/stores/store-a', { key: key(), json: { moderation: 'hold' } })).status).toBe(200);
    const held = await answer(q, 'Held for review.');
    const firstAnswer = new Date(h.clock.now - DAY).toISOString();
    expect(await lastmod(q)).toBe(firstAnswer);

    h.clock.advance(DAY);
    const published = await h.call('PATCH', `/v1/admin/stores/store-a/answers/${held}`, { key: key(), json: { status: 'published' } });
    expect(published.status, published.text).toBeLessThan(300);
    expect(await lastmod(q)).toBe(new Date(h.clock.now).toISOString());
  });

  it('lists the most recently changed questions first', async () => {
    const older = await ask('First question?');
    h.clock.advance(DAY);
    await ask('Second question?');
    h.clock.advance(DAY);
    await answer(older);
    const xml = (await h.call('GET', '/q/store-a/sitemap.xml')).text;
    expect(xml.indexOf(older)).toBeLessThan(xml.indexOf('<url>', xml.indexOf('<url>') + 1));
  });
});

/** The JSON-LD blocks of a page. */
const jsonLdOf = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));

/**
 * Google's QAPage requirements, written from its documentation
 * (developers.google.com/search/docs/appearance/structured-data/qapage):
 * required and recommended properties of QAPage, Question and Answer.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON-LD is read loosely; the checks are the point
function qaPageProblems(ld: Record<string, any>): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => void (ok || problems.push(what));
  need(ld['@type'] === 'QAPage', 'QAPage @type');
  const q = ld.mainEntity ?? {};
  need(q['@type'] === 'Question', 'mainEntity is a Question');
  need(typeof q.name === 'string' && q.name.length > 0, 'Question.name');
  need(Number.isInteger(q.answerCount), 'Question.answerCount');
  need(q.acceptedAnswer || q.suggestedAnswer?.length, 'Question.acceptedAnswer or suggestedAnswer');
  need(typeof q.text === 'string', 'Question.text (recommended)');
  need(Number.isInteger(q.upvoteCount), 'Question.upvoteCount (recommended)');
  need(q.author?.name, 'Question.author.name (recommended)');
  need(!Number.isNaN(Date.parse(q.datePublished)), 'Question.datePublished (recommended)');
  for (const a of [q.acceptedAnswer, ...(q.suggestedAnswer ?? [])].filter(Boolean)) {
    need(a['@type'] === 'Answer', 'Answer @type');
    need(typeof a.text === 'string' && a.text.length > 0, 'Answer.text');
    need(a.author?.name, 'Answer.author.name (recommended)');
    need(Number.isInteger(a.upvoteCount), 'Answer.upvoteCount (recommended)');
    need(/^https?:\/\/[^#]+#/.test(a.url), 'Answer.url with a fragment (recommended)');
    need(!Number.isNaN(Date.parse(a.datePublished)), 'Answer.datePublished (recommended)');
  }
  return problems;
}

describe('QAPage structured data', () => {
  it('is left out while a question has no published answer: a plain page with a description', async () => {
    const q = await ask('Is it **warm**?');
    const page = await h.call('GET', `/q/store-a/${q}`);
    expect(jsonLdOf(page.text)).toEqual([]);
    expect(page.text).toContain('<meta name="description" content="Is it warm? No answers yet about store-a tee at Store store-a.">');
  });

  it('passes Google’s documented checks, with visible text, votes, dates and the store as author of its answers', async () => {
    await h.call('PATCH', '/v1/admin/stores/store-a', { key: key(), json: { allowedOrigins: ['https://shop-a.example'] } });
    const q = await ask('Does the **blue** one fade?');
    const a = await answer(q, 'Mine did *not*.');
    await h.call('POST', `/v1/stores/store-a/answers/${a}/votes`, { json: { voter: 'voter_qapage_0000000000' } });
    h.clock.advance(DAY);
    await h.call('PUT', `/v1/admin/stores/store-a/questions/${q}/answer`, { key: key(), json: { body: 'No, it is **colourfast**.' } });
    const page = await h.call('GET', `/q/store-a/${q}`);
    const [ld] = jsonLdOf(page.text);
    expect(qaPageProblems(ld)).toEqual([]);
    expect(ld.mainEntity).toMatchObject({ name: 'Does the blue one fade?', text: 'Does the blue one fade?', answerCount: 2, upvoteCount: 0 });
    expect(Date.parse(ld.mainEntity.dateModified)).toBe(h.clock.now);
    const answers = ld.mainEntity.suggestedAnswer as Array<{ text: string; upvoteCount: number; author: unknown }>;
    expect(answers.map((x) => x.text).sort()).toEqual(['Mine did not.', 'No, it is colourfast.']);
    expect(answers.find((x) => x.text === 'Mine did not.')!.upvoteCount).toBe(1);
    expect(answers.find((x) => x.text === 'No, it is colourfast.')!.author).toEqual({ '@type': 'Organization', name: 'Store store-a', url: 'https://shop-a.example' });
    expect(page.text).toMatch(/<meta name="description" content="Does the blue one fade\? 2 answers about store-a tee at Store store-a\.">/);
  });
});
