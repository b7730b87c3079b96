/**
 * The server-rendered reviews snippet: HTML a storefront includes on its own
 * server inside <verity-reviews>, for crawlers and shoppers without JavaScript.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { notFound } from '../../errors';
import { reviewsSnippet, snippetLocales, type SnippetLocale } from '../../views/reviews-snippet';
import { errorResponses, ProductParams } from '../../schemas/common';
import { limitQuery } from '../../schemas/reviews';
import { loadReviewsSnippet, SNIPPET_PAGE_SIZE } from '../../domain/reviews-snippet';
import { validationHook } from '../../http/validation';

export const snippet = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const SnippetQuery = z.object({
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, { error: 'locale must be a language tag such as "en" or "de-CH"' })
    // Like the elements: the language part picks the words, and a language without them gets English.
    .transform((tag): SnippetLocale => {
      const language = tag.split('-')[0]!.toLowerCase() as SnippetLocale;
      return snippetLocales.includes(language) ? language : 'en';
    })
    .default('en')
    .openapi({ description: `The words' language: ${snippetLocales.join(', ')}; any other gives English`, example: 'de' }),
  limit: limitQuery(50, SNIPPET_PAGE_SIZE).openapi({ description: "Reviews shown: use the element's `page-size` (default 5)" }),
});

snippet.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/products/{product}/snippet',
    tags: ['Public'],
    operationId: 'getProductReviewsSnippet',
    security: [],
    summary: "A product's reviews as an HTML fragment to include on the server",
    description:
      'The summary, the first page of published reviews as `<verity-reviews>` shows them (newest first), and the Product JSON-LD ' +
      '(none for a product without published reviews), in one `<div data-verity-snippet>`. Put it inside the element: ' +
      '`<verity-reviews store product>…snippet…</verity-reviews>`; without JavaScript it is the reviews, with JavaScript the element ' +
      'takes its place and adds no second JSON-LD. Styled by `verity-snippet-*` classes; no script, no email, only display names.',
    request: { params: ProductParams, query: SnippetQuery },
    responses: {
      200: { description: 'An HTML fragment (no `<html>` or `<body>`)', content: { 'text/html': { schema: z.string() } } },
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const { product: externalId } = c.req.valid('param');
    const { locale, limit } = c.req.valid('query');
    const data = await loadReviewsSnippet(c.get('db'), c.get('store').id, externalId, limit);
    if (!data) throw notFound(`product "${externalId}"`);
    return c.body(reviewsSnippet(data, { locale, baseUrl: c.get('baseUrl') }), 200, { 'Content-Type': 'text/html; charset=utf-8' }) as never;
  },
);
