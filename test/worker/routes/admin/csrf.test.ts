/** The session cookie on store routes: CSRF token and origin on every change, roles, and the key unaffected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReviewInput } from '../../../fixtures/reviews';
import { makeMember, signIn, type TestSession } from '../../../helpers/admin';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
let owner: TestSession;
let moderator: TestSession;
let review: string;
beforeAll(async () => {
  h = await createHarness();
  owner = await signIn(h, (await makeMember(h, { store: 'store-a', role: 'owner' })).email);
  moderator = await signIn(h, (await makeMember(h, { store: 'store-a', role: 'moderator' })).email);
  review = (await h.call('POST', '/v1/stores/store-a/products/tee/reviews', { json: makeReviewInput() })).body.id;
});
afterAll(() => h.close());

const status = async () => (await h.call('GET', '/v1/admin/stores/store-a/reviews', { key: h.a.keys.secretKey })).body.reviews.find((r: { id: string }) => r.id === review).status;

describe('a session on store routes', () => {
  it('reads without a CSRF token', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/reviews', { headers: { cookie: owner.cookie } });
    expect(res.status).toBe(200);
    expect(res.body.reviews.map((r: { id: string }) => r.id)).toContain(review);
  });

  it('refuses a change without the CSRF token, or with a wrong one, and changes nothing', async () => {
    const before = await status();
    const attempts: Array<Record<string, string>> = [{ cookie: owner.cookie }, { cookie: owner.cookie, 'x-csrf-token': 'wrong' }, { cookie: owner.cookie, 'x-csrf-token': moderator.csrfToken }];
    for (const headers of attempts) {
      const res = await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${review}`, { json: { status: 'rejected' }, headers });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
    }
    expect(await status()).toBe(before);
  });

  it('refuses a change from another origin even with the token', async () => {
    const res = await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${review}`, owner.as({ json: { status: 'rejected' }, origin: 'https://shop-a.example' }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it('accepts a change with the token from the public origin', async () => {
    const res = await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${review}`, owner.as({ json: { status: 'rejected' }, origin: 'http://localhost' }));
    expect(res.status, res.text).toBe(200);
    expect(await status()).toBe('rejected');
  });

  it('does not ask a secret key for a CSRF token', async () => {
    const res = await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${review}`, { key: h.a.keys.secretKey, json: { status: 'published' } });
    expect(res.status).toBe(200);
  });

  it('refuses the store of which the user is not a member exactly as a foreign key is refused', async () => {
    const asUser = await h.call('GET', '/v1/admin/stores/store-b/reviews', owner.as());
    const asKey = await h.call('GET', '/v1/admin/stores/store-b/reviews', { key: h.a.keys.secretKey });
    const missing = await h.call('GET', '/v1/admin/stores/no-such-store/reviews', owner.as());
    expect([asUser.status, asKey.status, missing.status]).toEqual([403, 403, 403]);
    expect([asUser.body.error.code, missing.body.error.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('roles', () => {
  it('lets a moderator moderate, reply and read', async () => {
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/reviews/${review}`, moderator.as({ json: { status: 'published' } }))).status).toBe(200);
    expect((await h.call('PUT', `/v1/admin/stores/store-a/reviews/${review}/reply`, moderator.as({ json: { body: 'Thank you!' } }))).status).toBe(200);
    expect((await h.call('GET', '/v1/admin/stores/store-a', moderator.as())).status).toBe(200);
    expect((await h.call('GET', '/v1/admin/stores/store-a/audit', moderator.as())).status).toBe(200);
  });

  it('keeps settings, keys, people and erasure for owners', async () => {
    const cases: Array<[string, string, unknown?]> = [
      ['PATCH', '/v1/admin/stores/store-a', { moderation: 'hold' }],
      ['POST', '/v1/admin/stores/store-a/keys/rotate'],
      ['GET', '/v1/admin/stores/store-a/members'],
      ['POST', '/v1/admin/stores/store-a/invites', { email: 'new@staff.example', role: 'owner' }],
      ['DELETE', `/v1/admin/stores/store-a/reviews/${review}`],
      ['DELETE', '/v1/admin/stores/store-a/authors/someone@example.com'],
      ['PUT', '/v1/admin/stores/store-a/products/tee', { name: 'Renamed' }],
      ['POST', '/v1/admin/stores/store-a/orders/import', []],
      ['POST', '/v1/admin/stores/store-a/outbox/retry'],
    ];
    for (const [method, path, json] of cases) {
      const res = await h.call(method, path, moderator.as({ json }));
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('owners only') });
    }
    const settings = await h.call('GET', '/v1/admin/stores/store-a', { key: h.a.keys.secretKey });
    expect(settings.body.moderation).toBe('publish');
    expect((await h.call('GET', '/v1/admin/stores/store-a/reviews', { key: h.a.keys.secretKey })).status).toBe(200);
  });

  it('decides on the route, not the spelling of the URL', async () => {
    const res = await h.call('GET', '/v1/admin/stores/store-a/%6dembers', moderator.as());
    expect([403, 404]).toContain(res.status);
    expect(res.body.members).toBeUndefined();
  });
});

describe('GET /admin', () => {
  it('serves the dashboard shell under a strict CSP at every /admin path', async () => {
    for (const path of ['/admin', '/admin/inbox', '/admin/reset/abc.def']) {
      const res = await h.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('<verity-admin-app></verity-admin-app>');
      expect(res.text).toContain('<script type="module" src="/widgets/admin.js"></script>');
      expect(res.text).not.toMatch(/<style|style=|<script>/);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; frame-src 'self'",
      );
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('leaves the other pages their own CSP', async () => {
    const res = await h.call('GET', '/demo');
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
  });
});
