/** Dashboard users and sessions for tests: made through the real domain code, signed in through the real route. */
import { upsertMember } from '../../db/queries/admin-users';
import type { AdminUser, MemberRole } from '../../db/schema';
import { createAdminUser } from '../../worker/domain/admin-accounts';
import type { CallInit, CallResult, Harness } from './harness';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;

/** A user who is a member of `store` (or of no store with `store: null`). */
export async function makeMember(h: Harness, options: { store: string | null; role?: MemberRole; email?: string; password?: string; name?: string }): Promise<AdminUser> {
  counter += 1;
  const user = await createAdminUser(h.db, { email: options.email ?? `person${counter}@staff.example`, password: options.password ?? PASSWORD, name: options.name ?? `Person ${counter}` }, h.clock.now);
  if (options.store) await upsertMember(h.db, { storeId: options.store, userId: user.id, role: options.role ?? 'owner' }, h.clock.now);
  return user;
}

export interface TestSession {
  cookie: string;
  csrfToken: string;
  body: CallResult['body'];
  /** Request options that send the cookie and the CSRF token, as the dashboard does. */
  as: (init?: CallInit) => CallInit;
}

/** The `name=value` of the session cookie a response sets. */
export const sessionCookie = (res: CallResult) => /verity_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[0];

export async function signIn(h: Harness, email: string, password = PASSWORD, init: CallInit = {}): Promise<TestSession> {
  const res = await h.call('POST', '/v1/admin/login', { ...init, json: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  const cookie = sessionCookie(res)!;
  const csrfToken = res.body.csrfToken as string;
  return {
    cookie,
    csrfToken,
    body: res.body,
    as: (more: CallInit = {}) => ({ ...more, headers: { cookie, 'x-csrf-token': csrfToken, ...more.headers } }),
  };
}
