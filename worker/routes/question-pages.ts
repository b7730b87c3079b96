/** Crawlable question pages (/q/:store/:id, with an answer form that works without JavaScript) and their sitemap. */
import { Hono, type Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { getQuestion, publishedAnswersOf, sitemapQuestions } from '../../db/queries/questions';
import { getStore } from '../../db/queries/stores';
import { getProductById } from '../../db/queries/products';
import type { Store } from '../../db/schema';
import { writeContext, type AppDeps, type AppEnv } from '../context';
import { ApiError } from '../errors';
import { BODY_LIMITS, formValues, readFields } from '../http/body';
import { rateLimit } from '../http/rate-limit';
import { messagePage } from '../views/review-link';
import { questionPage } from '../views/question-page';
import { sitemapXml } from '../views/sitemaps';
import { productHref, storefrontHref } from '../views/store-links';
import { AuthorSchema } from '../schemas/common';
import { markdownText } from '../schemas/reviews';
import { answerQuestion } from '../domain/questions';
import { requireTurnstile } from '../domain/turnstile';
import { parseInput } from '../http/validation';
import { urls } from '../domain/urls';

const MAX_SITEMAP_URLS = 50_000;
const FormAnswer = z.object({ body: markdownText('answer'), name: AuthorSchema.shape.name, email: AuthorSchema.shape.email });

async function load(c: Context<AppEnv>) {
  const store = await getStore(c.get('db'), c.req.param('store') ?? '');
  const id = c.req.param('id') ?? '';
  const question = store && /^qn_[0-9a-z]{24}$/.test(id) ? await getQuestion(c.get('db'), store.id, id) : undefined;
  if (!store || !question || question.status !== 'published') return null;
  const product = (await getProductById(c.get('db'), question.productId))!;
  const answers = (await publishedAnswersOf(c.get('db'), [question])).get(question.id)!;
  return { store, question, product, answers, productUrl: productHref(product.url, c.get('baseUrl')), storeUrl: storefrontHref(store) };
}

const notFoundPage = (c: Context<AppEnv>) => c.html(messagePage('Question not found', 'This question does not exist or is not public.', 'error'), 404);

export function questionPages(deps: Pick<AppDeps, 'rateLimiter' | 'clientAddress'>) {
  const pages = new Hono<AppEnv>();

  pages.get('/q/:store/sitemap.xml', async (c) => {
    const store: Store | undefined = await getStore(c.get('db'), c.req.param('store'));
    if (!store) return c.text('no such store', 404);
    const rows = await sitemapQuestions(c.get('db'), store.id, MAX_SITEMAP_URLS);
    c.header('Content-Type', 'application/xml; charset=utf-8');
    return c.body(sitemapXml(rows.map((r) => ({ loc: urls.questionPage(c.get('baseUrl'), store.id, r.id), lastmod: r.lastmod }))));
  });

  pages.get('/q/:store/:id', async (c) => {
    const found = await load(c);
    if (!found) return notFoundPage(c);
    const url = urls.questionPage(c.get('baseUrl'), found.store.id, found.question.id);
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(questionPage({ storeName: found.store.name, ...found, canonicalUrl: url, action: new URL(url).pathname }));
  });

  pages.post('/q/:store/:id', rateLimit(deps), async (c) => {
    const found = await load(c);
    if (!found) return notFoundPage(c);
    const url = urls.questionPage(c.get('baseUrl'), found.store.id, found.question.id);
    let fields: Record<string, unknown> = {};
    try {
      fields = await readFields(c, { maxBytes: BODY_LIMITS.form, what: 'the answer', json: false });
      const input = parseInput(FormAnswer, fields, { audience: 'form' });
      // A form is a public write like the API's: the Turnstile widget puts its token in this field.
      await requireTurnstile(found.store, formValues(fields)['cf-turnstile-response'], { verifyUrl: c.get('turnstileVerifyUrl'), remoteIp: c.get('clientAddress') });
      const answer = await answerQuestion(writeContext(c, found.store), found.question, {
        body: input.body,
        authorName: input.name,
        authorEmail: input.email,
        kind: 'community',
      });
      const message = answer.status === 'published' ? 'Your answer is published.' : `Your answer will appear once ${found.store.name} has looked at it.`;
      return c.html(messagePage('Thank you for answering', message), 201);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return c.html(
        questionPage({ storeName: found.store.name, ...found, canonicalUrl: url, action: new URL(url).pathname, error: err.message, values: formValues(fields) }),
        err.status,
      );
    }
  });

  return pages;
}
