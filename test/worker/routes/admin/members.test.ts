/** A store's people: members, roles, invitations by email, and key rotation from the dashboard. */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../../db/queries/audit';
import { PASSWORD, makeMember, sessionCookie, signIn, type TestSession } from '../../../helpers/admin';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { AdminUser } from '../../../../db/schema';

let h: Harness;
let ownerUser: AdminUser;
let owner: TestSession;
beforeEach(async () => {
  h = await createHarness();
  ownerUser = await makeMember(h, { store: 'store-a', role: 'owner', email: 'olga@store-a.example' });
  owner = await signIn(h, ownerUser.email);
});
afterEach(() => h.close());

const inviteToken = async (to: string) => {
  const rows = await h.db.all<{ text: string; subject: string; store_id: string }>(sql`SELECT text, subject, store_id FROM outbox WHERE to_address = ${to}`);
  expect(rows).toHaveLength(1);
  return { ...rows[0]!, token: /http:\/\/localhost\/admin\/invite\/(\S+)/.exec(rows[0]!.text)![1]! };
};
const invite = (email: string, role = 'moderator') => h.call('POST', '/v1/admin/stores/store-a/invites', owner.as({ json: { email, role } }));
const actions = async () => (await listAudit(h.db, { storeId: 'store-a', limit: 50 })).items.map((e) => e.action).reverse();

describe('invitations', () => {
  it('emails a signed link through the outbox, lists the invite, and records member.invite', async () => {
    const res = await invite('  Mo@Staff.example ');
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^inv_/), email: 'mo@staff.example', role: 'moderator', expiresAt: new Date(h.clock.now + 7 * 86400_000).toISOString() });
    const email = await inviteToken('mo@staff.example');
    expect(email.store_id).toBe('store-a');
    expect(email.subject).toContain('Store store-a');
    const members = await h.call('GET', '/v1/admin/stores/store-a/members', owner.as());
    expect(members.body).toEqual({
      members: [{ userId: ownerUser.id, email: 'olga@store-a.example', name: ownerUser.name, role: 'owner', createdAt: new Date(h.clock.now).toISOString() }],
      invites: [res.body],
    });
    const entry = (await listAudit(h.db, { storeId: 'store-a', limit: 1 })).items[0]!;
    expect(entry).toMatchObject({ action: 'member.invite', actorKind: 'user', actorId: ownerUser.id, actorLabel: 'olga@store-a.example', details: { email: 'mo@staff.example', role: 'moderator' } });
  });

  it('lets a new person see the invitation, create an account with it, and be signed in', async () => {
    await invite('mo@staff.example');
    const { token } = await inviteToken('mo@staff.example');
    const info = await h.call('GET', `/v1/admin/invites/${token}`);
    expect(info.body).toEqual({ storeName: 'Store store-a', email: 'mo@staff.example', role: 'moderator', existingUser: false });

    const short = await h.call('POST', '/v1/admin/invites/accept', { json: { token, password: 'short' } });
    expect(short.status).toBe(400);
    const accepted = await h.call('POST', '/v1/admin/invites/accept', { json: { token, name: 'Mo', password: 'moderating all day' } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ user: { email: 'mo@staff.example', name: 'Mo' }, stores: [{ id: 'store-a', role: 'moderator' }], csrfToken: expect.any(String) });
    const cookie = sessionCookie(accepted)!;
    expect((await h.call('GET', '/v1/admin/stores/store-a/reviews', { headers: { cookie } })).status).toBe(200);
    await signIn(h, 'mo@staff.example', 'moderating all day');

    const again = await h.call('POST', '/v1/admin/invites/accept', { json: { token, password: 'moderating all day' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINK_USED');
    expect((await h.call('GET', '/v1/admin/stores/store-a/members', owner.as())).body.invites).toEqual([]);
    expect(await actions()).toEqual(['member.invite', 'member.join']);
  });

  it('asks an existing account for its password, unless it is the one signed in', async () => {
    const other = await makeMember(h, { store: 'store-b', email: 'pat@store-b.example' });
    await invite(other.email, 'owner');
    const { token } = await inviteToken(other.email);
    expect((await h.call('GET', `/v1/admin/invites/${token}`)).body.existingUser).toBe(true);
    const without = await h.call('POST', '/v1/admin/invites/accept', { json: { token } });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe('LOGIN_FAILED');
    const pat = await signIn(h, other.email);
    // The cookie alone is not proof: a forged form would send it too.
    expect((await h.call('POST', '/v1/admin/invites/accept', { json: { token }, headers: { cookie: pat.cookie } })).status).toBe(401);
    const joined = await h.call('POST', '/v1/admin/invites/accept', pat.as({ json: { token } }));
    expect(joined.status, joined.text).toBe(200);
    expect(joined.body.stores.map((s: { id: string; role: string }) => `${s.id}:${s.role}`)).toEqual(['store-a:owner', 'store-b:owner']);
  });

  it('refuses a withdrawn, an expired or a tampered invitation', async () => {
    const first = (await invite('one@staff.example')).body;
    const { token: withdrawn } = await inviteToken('one@staff.example');
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/invites/${first.id}`, owner.as())).status).toBe(204);
    expect((await h.call('GET', `/v1/admin/invites/${withdrawn}`)).body.error.code).toBe('LINK_USED');
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/invites/${first.id}`, owner.as())).status).toBe(404);

    await invite('two@staff.example');
    const { token } = await inviteToken('two@staff.example');
    const [payload, mac] = token.split('.');
    const tampered = await h.call('POST', '/v1/admin/invites/accept', { json: { token: `${payload}x.${mac}`, password: 'long enough password' } });
    expect(tampered.status).toBe(403);
    expect(tampered.body.error.code).toBe('INVALID_LINK');
    h.clock.advance(7 * 86400_000 + 1000);
    const late = await h.call('POST', '/v1/admin/invites/accept', { json: { token, password: 'long enough password' } });
    expect(late.status).toBe(410);
    expect((await h.db.all(sql`SELECT id FROM admin_users WHERE email = 'two@staff.example'`)).length).toBe(0);
  });

  it('refuses to invite a member again, so an invitation can never demote anyone', async () => {
    const mo = await makeMember(h, { store: 'store-a', role: 'moderator' });
    for (const email of [ownerUser.email, mo.email.toUpperCase()]) {
      const res = await invite(email, 'moderator');
      expect(res.status, email).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
    }
    expect((await h.call('GET', '/v1/admin/stores/store-a/members', owner.as())).body.invites).toEqual([]);
  });

  it('validates the invitation', async () => {
    const res = await h.call('POST', '/v1/admin/stores/store-a/invites', owner.as({ json: { email: 'x@staff.example', role: 'admin' } }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('role must be one of owner, moderator');
  });
});

describe('members', () => {
  it('changes roles and removes members, and the removed lose access at once', async () => {
    const mo = await makeMember(h, { store: 'store-a', role: 'moderator' });
    const moSession = await signIn(h, mo.email);
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/members/${mo.id}`, owner.as({ json: { role: 'owner' } }))).status).toBe(204);
    expect((await h.call('GET', '/v1/admin/stores/store-a/members', moSession.as())).status).toBe(200);
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/members/${mo.id}`, owner.as({ json: { role: 'moderator' } }))).status).toBe(204);
    expect((await h.call('GET', '/v1/admin/stores/store-a/members', moSession.as())).status).toBe(403);
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/members/${mo.id}`, owner.as())).status).toBe(204);
    const gone = await h.call('GET', '/v1/admin/stores/store-a/reviews', moSession.as());
    expect(gone.status).toBe(403);
    expect(gone.body.error.code).toBe('FORBIDDEN');
    const entries = (await listAudit(h.db, { storeId: 'store-a', limit: 10 })).items.reverse();
    expect(entries.map((e) => [e.action, e.details])).toEqual([
      ['member.role', { from: 'moderator', to: 'owner' }],
      ['member.role', { from: 'owner', to: 'moderator' }],
      ['member.remove', { role: 'moderator' }],
    ]);
  });

  it('never removes or demotes the last owner', async () => {
    for (const [method, json] of [['PATCH', { role: 'moderator' }], ['DELETE', undefined]] as const) {
      const res = await h.call(method, `/v1/admin/stores/store-a/members/${ownerUser.id}`, owner.as({ json }));
      expect(res.status, method).toBe(409);
      expect(res.body.error.code).toBe('LAST_OWNER');
    }
    expect((await h.call('GET', '/v1/admin/stores/store-a/members', owner.as())).body.members[0].role).toBe('owner');
    // With a second owner, the first may step down.
    const second = await makeMember(h, { store: 'store-a', role: 'owner' });
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/members/${ownerUser.id}`, owner.as({ json: { role: 'moderator' } }))).status).toBe(204);
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/members/${second.id}`, { key: h.a.keys.secretKey })).status).toBe(409);
  });

  it("answers NOT_FOUND for a member of another store, and leaves them be", async () => {
    const bOwner = await makeMember(h, { store: 'store-b', role: 'owner' });
    expect((await h.call('DELETE', `/v1/admin/stores/store-a/members/${bOwner.id}`, owner.as())).status).toBe(404);
    expect((await h.call('PATCH', `/v1/admin/stores/store-a/members/${bOwner.id}`, owner.as({ json: { role: 'moderator' } }))).status).toBe(404);
    await signIn(h, bOwner.email, PASSWORD);
  });
});

describe('POST /keys/rotate', () => {
  it('shows new keys once, retires the old secret key, and logs that it happened without the keys', async () => {
    const old = h.a.keys.secretKey;
    const res = await h.call('POST', '/v1/admin/stores/store-a/keys/rotate', owner.as());
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ publicKey: expect.stringMatching(/^pk_/), secretKey: expect.stringMatching(/^sk_/), webhookSecret: expect.stringMatching(/^whsec_/) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await h.call('GET', '/v1/admin/stores/store-a/reviews', { key: old })).status).toBe(401);
    expect((await h.call('GET', '/v1/admin/stores/store-a/reviews', { key: res.body.secretKey })).status).toBe(200);
    const [entry] = (await listAudit(h.db, { storeId: 'store-a', action: 'keys.rotate', limit: 1 })).items;
    expect(entry).toMatchObject({ actorId: ownerUser.id, targetKind: 'store', targetId: 'store-a' });
    expect(JSON.stringify(entry)).not.toContain(res.body.secretKey);
    expect(JSON.stringify(entry)).not.toContain(res.body.webhookSecret);
  });
});
