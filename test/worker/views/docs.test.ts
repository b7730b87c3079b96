/** /docs: the API reference, readable without the raw document or a script. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
let page: string;
beforeAll(async () => {
  h = await createHarness();
  const res = await h.call('GET', '/docs');
  expect(res.status).toBe(200);
  page = res.text;
});
afterAll(() => h.close());

/** The HTML of one operation's block, found by its operationId. */
function operation(id: string): string {
  const start = page.indexOf(`id="op-${id}"`);
  expect(start, `operation ${id} on the page`).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf('</details>', start));
}

describe('GET /docs', () => {
  it("shows a route's parameters, request body fields and response fields per status", () => {
    const create = operation('createReview');
    for (const field of ['<code>store</code>', '<code>product</code>', '<code>rating</code>', '<code>author.name</code>', '<code>author.email</code>']) {
      expect(create).toContain(field);
    }
    expect(create).toContain('<strong>201</strong>');
    expect(create).toContain('<code>status</code>');
    expect(create).toMatch(/<strong>429<\/strong>[^<]*RATE_LIMITED/);

    const list = operation('listProductReviews');
    expect(list).toContain('<code>cursor</code>');
    expect(list).toContain('<code>nextCursor</code>');
    expect(list).toContain('href="#schema-Review"');
  });

  it('shows the webhook headers and the JSON answer of a review link', () => {
    const shopify = operation('receiveShopifyWebhook');
    for (const header of ['X-Shopify-Hmac-Sha256', 'X-Shopify-Topic', 'X-Shopify-Webhook-Id']) expect(shopify).toContain(`<code>${header}</code>`);
    const link = operation('submitLinkReview');
    expect(link).toContain('<code>verification</code>');
    expect(link).toContain('<strong>410</strong>');
  });

  it('describes each named schema once, the error codes included', () => {
    const error = page.slice(page.indexOf('id="schema-Error"'));
    expect(error).toContain('<code>error.code</code>');
    expect(error).toContain('VOTE_LIMIT_REACHED');
    expect(page.match(/id="schema-Review"/g)).toHaveLength(1);
  });

  it('runs no script', () => {
    expect(page).not.toMatch(/<script/i);
  });
});
