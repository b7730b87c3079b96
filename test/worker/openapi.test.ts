/** The published OpenAPI document: every JSON route in it, each one identified and secured, clean under Redocly's recommended rules. */
// At the root of test/worker/ rather than beside one source: app.ts assembles the document from every route's schemas.
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../worker/errors';
import { createHarness, type Harness } from '../helpers/harness';

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

let h: Harness;
let doc: Doc;
beforeAll(async () => {
  h = await createHarness();
  const res = await h.call('GET', '/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => h.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })));

/** Routes that answer HTML, XML for crawlers, scripts or redirects: pages, not the JSON API. */
const notJson = new Set([
  'GET /r/{token}',
  'GET /a/{token}',
  'GET /accept/{token}',
  'GET /u/{token}',
  'GET /e/{token}',
  'GET /e/{token}/delete',
  'POST /e/{token}/renew',
  'POST /u/{token}',
  'GET /q/{store}/sitemap.xml',
  'GET /q/{store}/{id}',
  'GET /stores/{store}/moderation',
  'POST /q/{store}/{id}',
  'GET /robots.txt',
  // Review photos and videos (the files; their API is documented).
  'GET /media/{store}/{file}',
  'GET /sitemaps/{file}',
  'GET /demo',
  'GET /demo/toolbar.js',
  'GET /demo/collection',
  'GET /demo/products/{product}',
  'GET /admin',
  'GET /admin/*',
  'GET /openapi.json',
  'GET /docs',
  'GET /',
]);

/** The dashboard routes of whoever is signed in; login, reset and invitations are open (they carry their own proof). */
const sessionRoutes = new Set(['/v1/admin/logout', '/v1/admin/session', '/v1/admin/password']);

describe('GET /openapi.json', () => {
  it('passes Redocly recommended with zero errors', async () => {
    // Built from an object: no config file is read and, with no external $ref, nothing is fetched.
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const format = (p: NormalizedProblem) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`;
    expect(problems.filter((p) => p.severity === 'error').map(format)).toEqual([]);
    // What stays a warning, and why: no license is chosen for the project yet, and /health has no 4xx answer to give.
    expect([...new Set(problems.map((p) => p.ruleId))].sort()).toEqual(['info-license', 'operation-4xx-response']);
  });

  it('documents every JSON route of the app', () => {
    const documented = new Set(operations().map((o) => o.key));
    const routes = new Set(
      h.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    const missing = [...routes].filter((r) => !documented.has(r) && !notJson.has(r));
    expect(missing).toEqual([]);
    expect([...documented].filter((d) => !routes.has(d))).toEqual([]);
  });

  it('gives every operation a unique operationId and declares its security', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, path, op } of operations()) {
      expect(op.security, key).toBeDefined();
      // Store routes take the secret key (or a member's session, as the scheme says); the signed-in user's own routes
      // take the session; everything else is public (webhooks and links carry their own signatures).
      const expected = path.startsWith('/v1/admin/stores/') ? [{ secretKey: [] }] : sessionRoutes.has(path) ? [{ session: [] }] : [];
      expect(op.security, key).toEqual(expected);
    }
  });

  it('lists the real error codes in Error.code', () => {
    const error = doc.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(error.properties.error.properties.code.enum).toEqual(Object.keys(errorStatus));
  });

  it('documents the webhooks: store, signature and topic headers, body and error answers', () => {
    const headers = (path: string) => {
      const op = doc.paths[path]!.post!;
      expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'store', in: 'path', required: true }));
      expect(op.requestBody?.content['application/json']).toBeDefined();
      expect(op.responses['401']?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/Error');
      return op.parameters!.filter((p) => p.in === 'header').map((p) => p.name);
    };
    expect(headers('/v1/stores/{store}/webhooks/orders')).toEqual(['X-Verity-Signature']);
    expect(headers('/v1/stores/{store}/webhooks/shopify')).toEqual(['X-Shopify-Hmac-Sha256', 'X-Shopify-Topic', 'X-Shopify-Webhook-Id']);
    expect(headers('/v1/stores/{store}/webhooks/woocommerce')).toEqual(['X-WC-Webhook-Signature', 'X-WC-Webhook-Topic']);
  });

  it("documents POST /r/{token}'s JSON answer", () => {
    const op = doc.paths['/r/{token}']!.post!;
    expect(op.responses['201']?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/LinkReviewCreated');
    expect(Object.keys(doc.components.schemas.LinkReviewCreated!.properties!)).toEqual(['id', 'status', 'verified', 'verification']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '403', '409', '410']));
  });

  it('types the admin Q&A answers', () => {
    const schemaOf = (path: string, method: string, status: string) => doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema!.$ref;
    expect(schemaOf('/v1/admin/stores/{store}/questions', 'get', '200')).toBe('#/components/schemas/AdminQuestionList');
    expect(schemaOf('/v1/admin/stores/{store}/answers', 'get', '200')).toBe('#/components/schemas/AdminAnswerList');
    expect(schemaOf('/v1/admin/stores/{store}/questions/{id}/answer', 'put', '200')).toBe('#/components/schemas/AdminAnswer');
    expect(Object.keys(doc.components.schemas.AdminAnswer!.properties!)).toEqual(expect.arrayContaining(['questionId', 'kind', 'orderId', 'status', 'reportCount']));
  });
});
