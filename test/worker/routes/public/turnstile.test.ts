/** Turnstile on public writes, against a loopback stand-in for Cloudflare's siteverify endpoint. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeEnvSchema, parseEnv, TURNSTILE_VERIFY_URL, WorkerEnvSchema } from '../../../../worker/config';
import { makeReviewInput } from '../../../fixtures/reviews';
import { createHarness, type Harness } from '../../../helpers/harness';

const SECRET = '0x4AAAAAAA-test-secret';
const GOOD = 'token-that-passes';

/** What siteverify received, one entry per call. */
let calls: Array<Record<string, string>> = [];
let server: Server;
let verifyUrl: string;
beforeAll(async () => {
  // Answers like Cloudflare's: form-encoded secret, response and remoteip in; JSON with success and error-codes out.
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw));
      calls.push({ method: req.method ?? '', type: req.headers['content-type'] ?? '', ...form });
      const ok = form.secret === SECRET && form.response === GOOD;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(ok ? { success: true, 'error-codes': [] } : { success: false, 'error-codes': [form.secret === SECRET ? 'invalid-input-response' : 'invalid-input-secret'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let h: Harness;
let key: string;
beforeEach(async () => {
  calls = [];
  h = await createHarness({ turnstileVerifyUrl: verifyUrl });
  key = h.a.keys.secretKey;
});
afterEach(() => h.close());

const enable = () => h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { turnstile: { enabled: true, siteKey: '0x4AAAAAAA-site' }, turnstileSecret: SECRET } });
const writeReview = (extra: Record<string, unknown> = {}) => h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: { ...makeReviewInput(), ...extra }, client: '198.51.100.23' });
const reviewCount = async () => Number((await h.client.execute("SELECT count(*) AS n FROM reviews WHERE store_id = 'store-a'")).rows[0]!.n);

describe('Turnstile on public writes', () => {
  it('is off by default: writes need no token and siteverify is never called', async () => {
    expect((await writeReview()).status).toBe(201);
    expect((await h.call('GET', '/v1/admin/stores/store-a', { key })).body.turnstile).toEqual({ siteKey: null, enabled: false, secretSet: false });
    expect(calls).toEqual([]);
  });

  it('once enabled, refuses a review without a token or with a bad one (403 TURNSTILE_FAILED, nothing stored) and accepts a good one', async () => {
    expect((await enable()).status).toBe(200);
    const missing = await writeReview();
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({ code: 'TURNSTILE_FAILED', message: expect.stringMatching(/turnstileToken/) });
    expect(calls).toEqual([]);

    const bad = await writeReview({ turnstileToken: 'forged' });
    expect(bad.status).toBe(403);
    expect(bad.body.error).toMatchObject({ code: 'TURNSTILE_FAILED', details: { errorCodes: ['invalid-input-response'] } });
    expect(await reviewCount()).toBe(0);

    const good = await writeReview({ turnstileToken: GOOD });
    expect(good.status).toBe(201);
    expect(await reviewCount()).toBe(1);
    expect(calls.at(-1)).toEqual({ method: 'POST', type: 'application/x-www-form-urlencoded;charset=UTF-8', secret: SECRET, response: GOOD, remoteip: '198.51.100.23' });
  });

  it('guards questions and answers the same way, and only in the store that enabled it', async () => {
    const answerable = (await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Warm?', author: { name: 'A', email: 'a@example.com' } } })).body.id;
    await enable();
    const ask = (extra: Record<string, unknown> = {}) => h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Big?', author: { name: 'A', email: 'a@example.com' }, ...extra } });
    const answer = (extra: Record<string, unknown> = {}) => h.call('POST', `/v1/stores/store-a/questions/${answerable}/answers`, { json: { body: 'Yes', author: { name: 'B', email: 'b@example.com' }, ...extra } });
    expect((await ask()).body.error.code).toBe('TURNSTILE_FAILED');
    expect((await ask({ turnstileToken: GOOD })).status).toBe(201);
    expect((await answer({ turnstileToken: 'nope' })).body.error.code).toBe('TURNSTILE_FAILED');
    expect((await answer({ turnstileToken: GOOD })).status).toBe(201);
    expect((await h.call('POST', '/v1/stores/store-b/products/tee/reviews', { json: makeReviewInput() })).status).toBe(201);
  });

  it('says so clearly when siteverify cannot be reached, and stores nothing', async () => {
    await h.close();
    h = await createHarness({ turnstileVerifyUrl: 'http://127.0.0.1:9/siteverify' });
    key = h.a.keys.secretKey;
    await enable();
    const res = await writeReview({ turnstileToken: GOOD });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/Turnstile/) });
    expect(await reviewCount()).toBe(0);
  });

  it('stops enforcing when turned off, and the secret can be removed', async () => {
    await enable();
    await h.call('PATCH', '/v1/admin/stores/store-a', { key, json: { turnstile: { enabled: false }, turnstileSecret: null } });
    expect((await writeReview()).status).toBe(201);
    expect((await h.call('GET', '/v1/admin/stores/store-a', { key })).body.turnstile).toEqual({ siteKey: '0x4AAAAAAA-site', enabled: false, secretSet: false });
  });
});

describe('TURNSTILE_VERIFY_URL', () => {
  it("defaults to Cloudflare's siteverify on both runtimes and must be an absolute URL", () => {
    expect(TURNSTILE_VERIFY_URL).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify');
    expect(parseEnv(NodeEnvSchema, {}).TURNSTILE_VERIFY_URL).toBe(TURNSTILE_VERIFY_URL);
    expect(parseEnv(WorkerEnvSchema, { LIBSQL_URL: 'libsql://x', PUBLIC_URL: 'https://r.example', TURNSTILE_VERIFY_URL: 'http://127.0.0.1:1/v' }).TURNSTILE_VERIFY_URL).toBe('http://127.0.0.1:1/v');
    expect(() => parseEnv(NodeEnvSchema, { TURNSTILE_VERIFY_URL: 'siteverify' })).toThrow(/TURNSTILE_VERIFY_URL must be an absolute URL/);
  });
});

describe('the question page form', () => {
  it('is a public write too: refused without the token the widget posts, accepted with it', async () => {
    const q = (await h.call('POST', '/v1/stores/store-a/products/tee/questions', { json: { body: 'Warm?', author: { name: 'A', email: 'a@example.com' } } })).body.id;
    await enable();
    const post = (extra: Record<string, string>) =>
      h.call('POST', `/q/store-a/${q}`, { body: new URLSearchParams({ body: 'Very', name: 'B', email: 'b@example.com', ...extra }).toString(), contentType: 'application/x-www-form-urlencoded' });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/Turnstile/);
    expect((await post({ 'cf-turnstile-response': GOOD })).status).toBe(201);
  });
});
