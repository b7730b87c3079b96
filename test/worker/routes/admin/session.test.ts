/** Signing in to the dashboard: cookie, session, logout, throttling, password change and reset. */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, makeMember, sessionCookie, signIn } from '../../../helpers/admin';
import { createHarness, type Harness } from '../../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const sessionRows = async () => (await h.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM admin_sessions`))[0]!.n;

describe('POST /v1/admin/login', () => {
  it('signs a member in with an HttpOnly, SameSite=Lax cookie and answers who, where and the CSRF token', async () => {
    const kim = await makeMember(h, { store: 'store-a', role: 'moderator', email: 'Kim@Store-A.example', name: 'Kim' });
    const res = await h.call('POST', '/v1/admin/login', { json: { email: '  kim@store-a.example ', password: PASSWORD } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ user: { id: kim.id, email: 'kim@store-a.example', name: 'Kim' }, stores: [{ id: 'store-a', name: 'Store store-a', role: 'moderator' }], csrfToken: expect.any(String) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^verity_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('Max-Age=1209600');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    // The harness's public URL is http://localhost, where a Secure cookie would be dropped.
    expect(cookie).not.toContain('Secure');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('stores only the hash of the session token', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const session = await signIn(h, user.email);
    const token = session.cookie.split('=')[1]!;
    const rows = await h.db.all<{ token_hash: string }>(sql`SELECT token_hash FROM admin_sessions`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers an unknown email and a wrong password alike', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const wrong = await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: 'not the password' } });
    const unknown = await h.call('POST', '/v1/admin/login', { json: { email: 'nobody@staff.example', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('LOGIN_FAILED');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a malformed body with VALIDATION_FAILED and creates no session', async () => {
    const res = await h.call('POST', '/v1/admin/login', { json: { email: 'not-an-email', password: PASSWORD } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('email') });
    expect(await sessionRows()).toBe(0);
  });

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const res = await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    expect(await sessionRows()).toBe(0);
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, origin: 'http://localhost' })).status).toBe(200);
    // The public URL is loopback: the same server under its other loopback name is the same site; another port is not.
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, origin: 'http://127.0.0.1' })).status).toBe(200);
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, origin: 'http://localhost:5173' })).status).toBe(403);
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, origin: 'null' })).status).toBe(403);
  });

  it('throttles an account after 5 failures in 15 minutes, even with the right password, then lets it in again', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    for (let i = 0; i < 5; i++) {
      // From different addresses: the account's own count is what stops this.
      const res = await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: `guess ${i}` }, client: `198.51.100.${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, client: '198.51.100.99' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60);
    h.clock.advance(15 * 60 * 1000);
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, client: '198.51.100.99' })).status).toBe(200);
  });

  it('throttles unknown emails the same way, so the throttle tells nobody which accounts exist', async () => {
    for (let i = 0; i < 5; i++) await h.call('POST', '/v1/admin/login', { json: { email: 'ghost@staff.example', password: 'x' }, client: `198.51.100.${i}` });
    const res = await h.call('POST', '/v1/admin/login', { json: { email: 'ghost@staff.example', password: 'x' }, client: '198.51.100.50' });
    expect(res.status).toBe(429);
  });

  it('throttles an address after 20 failures across accounts, and other addresses still sign in', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    for (let i = 0; i < 20; i++) {
      expect((await h.call('POST', '/v1/admin/login', { json: { email: `someone${i}@staff.example`, password: 'x' }, client: '203.0.113.66' })).status).toBe(401);
    }
    const blocked = await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, client: '203.0.113.66' });
    expect(blocked.status).toBe(429);
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD }, client: '203.0.113.67' })).status).toBe(200);
  });

  it('keeps its throttle in the database, so another app on the same database sees it', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    for (let i = 0; i < 5; i++) await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: 'x' } });
    const rows = await h.db.all<{ key: string; count: number }>(sql`SELECT key, count FROM login_failures ORDER BY key`);
    expect(rows.map((r) => [r.key.split(':')[0], r.count])).toEqual([
      ['account', 5],
      ['address', 5],
    ]);
    expect(rows.map((r) => r.key).join()).not.toContain(user.email);
    expect(rows.map((r) => r.key).join()).not.toContain('203.0.113.7');
  });
});

describe('GET /v1/admin/session', () => {
  it('answers the session for its cookie, and 401 without one', async () => {
    const user = await makeMember(h, { store: 'store-b' });
    const s = await signIn(h, user.email);
    const res = await h.call('GET', '/v1/admin/session', s.as());
    expect(res.status).toBe(200);
    expect(res.body).toEqual(s.body);
    const none = await h.call('GET', '/v1/admin/session');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    expect((await h.call('GET', '/v1/admin/session', { headers: { cookie: 'verity_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401);
  });

  it('slides: a session used within 14 days lives on, one left alone for 14 days ends', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const s = await signIn(h, user.email);
    h.clock.advance(13 * 24 * 60 * 60 * 1000);
    const used = await h.call('GET', '/v1/admin/session', s.as());
    expect(used.status).toBe(200);
    // The cookie is sent again with a fresh Max-Age.
    expect(sessionCookie(used)).toBe(s.cookie);
    h.clock.advance(13 * 24 * 60 * 60 * 1000);
    expect((await h.call('GET', '/v1/admin/session', s.as())).status).toBe(200);
    h.clock.advance(14 * 24 * 60 * 60 * 1000 + 1);
    expect((await h.call('GET', '/v1/admin/session', s.as())).status).toBe(401);
  });
});

describe('POST /v1/admin/logout', () => {
  it('deletes the session row and clears the cookie', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const s = await signIn(h, user.email);
    const res = await h.call('POST', '/v1/admin/logout', s.as());
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^verity_session=;.*Max-Age=0/);
    expect(await sessionRows()).toBe(0);
    expect((await h.call('GET', '/v1/admin/session', s.as())).status).toBe(401);
    expect((await h.call('GET', '/v1/admin/stores/store-a/reviews', s.as())).status).toBe(401);
  });

  it('needs the CSRF token like every other change', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const s = await signIn(h, user.email);
    const res = await h.call('POST', '/v1/admin/logout', { headers: { cookie: s.cookie } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    expect(await sessionRows()).toBe(1);
  });
});

describe('POST /v1/admin/password', () => {
  it('changes the password and ends every other session of the user', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const here = await signIn(h, user.email);
    const elsewhere = await signIn(h, user.email);
    const other = await makeMember(h, { store: 'store-a' });
    const otherSession = await signIn(h, other.email);
    const res = await h.call('POST', '/v1/admin/password', here.as({ json: { currentPassword: PASSWORD, newPassword: 'a much better password' } }));
    expect(res.status, res.text).toBe(204);
    expect((await h.call('GET', '/v1/admin/session', here.as())).status).toBe(200);
    expect((await h.call('GET', '/v1/admin/session', elsewhere.as())).status).toBe(401);
    expect((await h.call('GET', '/v1/admin/session', otherSession.as())).status).toBe(200);
    expect((await h.call('POST', '/v1/admin/login', { json: { email: user.email, password: PASSWORD } })).status).toBe(401);
    await signIn(h, user.email, 'a much better password');
  });

  it('throttles guesses of the current password like sign-ins', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const s = await signIn(h, user.email);
    for (let i = 0; i < 5; i++) {
      expect((await h.call('POST', '/v1/admin/password', s.as({ json: { currentPassword: `guess number ${i}`, newPassword: 'a much better password' } }))).status).toBe(400);
    }
    const blocked = await h.call('POST', '/v1/admin/password', s.as({ json: { currentPassword: PASSWORD, newPassword: 'a much better password' } }));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
  });

  it('refuses a wrong current password or a short new one, and changes nothing', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const s = await signIn(h, user.email);
    const wrong = await h.call('POST', '/v1/admin/password', s.as({ json: { currentPassword: 'nope nope nope', newPassword: 'a much better password' } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('currentPassword');
    const short = await h.call('POST', '/v1/admin/password', s.as({ json: { currentPassword: PASSWORD, newPassword: 'short' } }));
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('at least 10 characters');
    await signIn(h, user.email);
  });
});

describe('password reset', () => {
  const resetToken = async (to: string) => {
    const rows = await h.db.all<{ text: string }>(sql`SELECT text FROM outbox WHERE to_address = ${to} ORDER BY created_at DESC`);
    return rows.map((r) => /http:\/\/localhost\/admin\/reset\/(\S+)/.exec(r.text)![1]!);
  };

  it('answers 202 for any address and emails a link only to an account', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const known = await h.call('POST', '/v1/admin/password-reset', { json: { email: user.email } });
    const unknown = await h.call('POST', '/v1/admin/password-reset', { json: { email: 'nobody@staff.example' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.text).toBe(unknown.text);
    expect(await resetToken(user.email)).toHaveLength(1);
    expect((await h.db.all(sql`SELECT id FROM outbox WHERE to_address = 'nobody@staff.example'`)).length).toBe(0);
  });

  it('sets a new password once with the emailed link and ends every session', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    const s = await signIn(h, user.email);
    await h.call('POST', '/v1/admin/password-reset', { json: { email: user.email } });
    const [token] = await resetToken(user.email);
    h.clock.advance(1000);
    const res = await h.call('POST', '/v1/admin/password-reset/confirm', { json: { token, password: 'brand new password' } });
    expect(res.status, res.text).toBe(204);
    expect((await h.call('GET', '/v1/admin/session', s.as())).status).toBe(401);
    await signIn(h, user.email, 'brand new password');
    const again = await h.call('POST', '/v1/admin/password-reset/confirm', { json: { token, password: 'another new password' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINK_USED');
    await signIn(h, user.email, 'brand new password');
  });

  it('refuses a link older than an hour, or a forged one', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    await h.call('POST', '/v1/admin/password-reset', { json: { email: user.email } });
    const [token] = await resetToken(user.email);
    const [payload, mac] = token!.split('.');
    const forged = await h.call('POST', '/v1/admin/password-reset/confirm', { json: { token: `${payload}.${mac!.slice(0, -2)}AA`, password: 'brand new password' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('INVALID_LINK');
    h.clock.advance(60 * 60 * 1000 + 1000);
    const late = await h.call('POST', '/v1/admin/password-reset/confirm', { json: { token, password: 'brand new password' } });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('LINK_EXPIRED');
    await signIn(h, user.email);
  });

  it('sends at most one reset email per account every 5 minutes', async () => {
    const user = await makeMember(h, { store: 'store-a' });
    for (let i = 0; i < 3; i++) await h.call('POST', '/v1/admin/password-reset', { json: { email: user.email } });
    expect(await resetToken(user.email)).toHaveLength(1);
    h.clock.advance(5 * 60 * 1000);
    await h.call('POST', '/v1/admin/password-reset', { json: { email: user.email } });
    expect(await resetToken(user.email)).toHaveLength(2);
  });
});
