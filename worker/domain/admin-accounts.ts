/**
 * Dashboard accounts: creating users (CLI, demo, invitations), changing and
 * resetting passwords, inviting people to a store and managing its members.
 * Every change to who may act on a store is written to its audit log in the
 * same batch as the change.
 */
import { normalizeEmail } from '../../db/email';
import type { Db } from '../../db/client';
import {
  changePassword,
  findAdminUserByEmail,
  getAdminUser,
  getMemberRole,
  insertAdminUser,
  listUserStores,
  removeMember,
  setMemberRole,
  setUserName,
  upsertMember,
} from '../../db/queries/admin-users';
import { auditInsert, recordAudit, type Actor } from '../../db/queries/audit';
import { consumeInvite, getInvite, insertInvite, type StoreInvite } from '../../db/queries/invites';
import { enqueue } from '../../db/queries/outbox';
import { getStore } from '../../db/queries/stores';
import { defaultStoreSettings, type AdminUser, type MemberRole, type Store } from '../../db/schema';
import { DAY_MS, HOUR_MS } from '../../db/time';
import { inviteEmail, resetEmail } from '../email/admin-templates';
import { ApiError, notFound } from '../errors';
import { randomId } from '../lib/crypto';
import { peekLink, peekResetUser, signLink, verifyLink, type InviteClaims } from './links';
import { passwordMatches } from './admin-login';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { urls } from './urls';

export const INVITE_TTL_DAYS = 7;
export const RESET_TTL_MS = HOUR_MS;
/** At most one reset email per account in this time, whoever asks: the form cannot be used to flood an inbox. */
const RESET_EMAIL_EVERY_MS = 5 * 60 * 1000;

export const userActor = (user: Pick<AdminUser, 'id' | 'email'>): Actor => ({ kind: 'user', id: user.id, label: user.email });

/** A new dashboard user (the CLI, the demo store and invitations make them); the email must be free. */
export async function createAdminUser(db: Db, input: { email: string; password: string; name?: string }, now: number): Promise<AdminUser> {
  const user = { id: randomId('usr'), email: normalizeEmail(input.email), name: input.name ?? '', passwordHash: await hashPassword(input.password) };
  await insertAdminUser(db, user, now);
  return (await getAdminUser(db, user.id))!;
}

/**
 * Adds an existing user to a store (the CLI's way of making the first owner)
 * and answers the role they end up with: an owner stays owner (demoting is
 * changeMemberRole's, which keeps one owner).
 */
export async function addMember(db: Db, storeId: string, user: AdminUser, role: MemberRole, actor: Actor, now: number): Promise<MemberRole> {
  const current = await getMemberRole(db, storeId, user.id);
  const next = current === 'owner' ? 'owner' : role;
  if (current === next) return next;
  const entry = current
    ? { action: 'member.role', details: { from: current, to: next } }
    : { action: 'member.join', details: { email: user.email, role: next } };
  await db.batch([upsertMember(db, { storeId, userId: user.id, role: next }, now), auditInsert(db, { storeId, actor, target: { kind: 'user', id: user.id }, at: now, ...entry })]);
  return next;
}

/** The signed-in user's new password; every other session of theirs ends. */
export async function changeOwnPassword(db: Db, user: AdminUser, input: { currentPassword: string; newPassword: string; keepSession: string; address: string | undefined; now: number }) {
  if (!(await passwordMatches(db, { user, password: input.currentPassword, address: input.address, now: input.now }))) {
    throw new ApiError('VALIDATION_FAILED', 'currentPassword is not your current password', { issues: [{ path: 'currentPassword', message: 'does not match' }] });
  }
  await changePassword(db, user.id, await hashPassword(input.newPassword), input.now, input.keepSession);
}

/**
 * Emails a reset link when the address has an account, and does nothing
 * visible otherwise: the answer is the same, so the form tells nobody who has
 * an account. The email goes through the outbox of the user's first store.
 */
export async function requestPasswordReset(db: Db, input: { email: string; now: number; baseUrl: string }): Promise<void> {
  const user = await findAdminUserByEmail(db, input.email);
  if (!user) return;
  const token = await signLink({ kind: 'reset', user: user.id, changed: user.passwordChangedAt, exp: Math.floor((input.now + RESET_TTL_MS) / 1000) }, user.passwordHash);
  const [first] = await listUserStores(db, user.id);
  const store = first && (await getStore(db, first.id));
  await enqueue(db, {
    id: randomId('em'),
    storeId: store?.id ?? '',
    dedupeKey: `reset:${user.id}:${Math.floor(input.now / RESET_EMAIL_EVERY_MS)}`,
    toAddress: user.email,
    fromAddress: store?.settings.emailFrom ?? defaultStoreSettings.emailFrom,
    ...resetEmail({ url: urls.adminReset(input.baseUrl, token), minutes: RESET_TTL_MS / 60_000 }),
    headers: {},
    createdAt: input.now,
  });
}

/** Sets the password a reset link was sent for; every session of the user ends. */
export async function confirmPasswordReset(db: Db, input: { token: string; password: string; now: number }): Promise<void> {
  const peeked = peekResetUser(input.token);
  const user = await getAdminUser(db, peeked.user);
  if (!user) throw new ApiError('INVALID_LINK', 'this link is damaged or was not made here; use the link from your email');
  if (peeked.changed !== user.passwordChangedAt) {
    throw new ApiError('LINK_USED', 'this link was already used, or the password changed since it was sent; ask for a new one');
  }
  const claims = await verifyLink(input.token, user.passwordHash, input.now);
  if (claims.kind !== 'reset' || claims.user !== user.id) throw new ApiError('INVALID_LINK', 'this link is damaged or was not made here; use the link from your email');
  await changePassword(db, user.id, await hashPassword(input.password), input.now);
}

/** Invites an address to a store; the signed link goes out through the store's outbox. */
export async function inviteMember(db: Db, input: { store: Store; email: string; role: MemberRole; actor: Actor; now: number; baseUrl: string }): Promise<StoreInvite> {
  const existing = await findAdminUserByEmail(db, input.email);
  if (existing && (await getMemberRole(db, input.store.id, existing.id))) {
    throw new ApiError('CONFLICT', `${existing.email} is already a member of this store; change their role instead`);
  }
  const invite: StoreInvite = {
    id: randomId('inv'),
    storeId: input.store.id,
    email: normalizeEmail(input.email),
    role: input.role,
    invitedBy: input.actor.id,
    createdAt: input.now,
    expiresAt: input.now + INVITE_TTL_DAYS * DAY_MS,
  };
  const token = await signLink({ kind: 'invite', store: input.store.id, invite: invite.id, exp: Math.floor(invite.expiresAt / 1000) }, input.store.linkSecret);
  await db.batch([
    insertInvite(db, invite),
    enqueue(db, {
      id: randomId('em'),
      storeId: input.store.id,
      dedupeKey: `invite:${invite.id}`,
      toAddress: invite.email,
      fromAddress: input.store.settings.emailFrom,
      ...inviteEmail({ storeName: input.store.name, role: invite.role, invitedBy: input.actor.label, url: urls.adminInvite(input.baseUrl, token), days: INVITE_TTL_DAYS }),
      headers: {},
      createdAt: input.now,
    }),
    auditInsert(db, { storeId: input.store.id, actor: input.actor, action: 'member.invite', target: { kind: 'invite', id: invite.id }, details: { email: invite.email, role: invite.role }, at: input.now }),
  ]);
  return invite;
}

/** The store and invitation an invite token stands for, if it can still be accepted. */
export async function openInvite(db: Db, token: string, now: number): Promise<{ store: Store; invite: StoreInvite; existingUser: AdminUser | undefined }> {
  const peeked = peekLink(token);
  const store = await getStore(db, peeked.store);
  if (!store || peeked.kind !== 'invite') throw new ApiError('INVALID_LINK', 'this link is damaged or was not made here; use the link from your email');
  const claims = (await verifyLink(token, store.linkSecret, now)) as InviteClaims;
  const invite = await getInvite(db, store.id, claims.invite);
  if (!invite) throw new ApiError('LINK_USED', 'this invitation was already accepted or withdrawn; ask the store owner for a new one');
  if (invite.expiresAt <= now) throw new ApiError('LINK_EXPIRED', 'this link has expired; ask for a new one');
  return { store, invite, existingUser: await findAdminUserByEmail(db, invite.email) };
}

/**
 * Joins the invited address to the store, creating its account when it has
 * none. An existing account proves itself with its password, unless it is the
 * one already signed in: an invitation must not be a way into an account.
 */
export async function acceptInvite(
  db: Db,
  input: { token: string; name?: string; password?: string; signedInAs?: AdminUser; address: string | undefined; now: number },
): Promise<AdminUser> {
  const { store, invite, existingUser } = await openInvite(db, input.token, input.now);
  let user = existingUser;
  let create: ReturnType<typeof insertAdminUser> | undefined;
  if (!user) {
    if (!input.password || input.password.length < MIN_PASSWORD_LENGTH) {
      const message = `password must be at least ${MIN_PASSWORD_LENGTH} characters to create your account`;
      throw new ApiError('VALIDATION_FAILED', message, { issues: [{ path: 'password', message }] });
    }
    const fresh = { id: randomId('usr'), email: invite.email, name: input.name ?? '', passwordHash: await hashPassword(input.password) };
    create = insertAdminUser(db, fresh, input.now);
    user = { ...fresh, passwordChangedAt: input.now, createdAt: input.now };
  } else if (input.signedInAs?.id !== user.id) {
    if (!input.password || !(await passwordMatches(db, { user, password: input.password, address: input.address, now: input.now }))) {
      throw new ApiError('LOGIN_FAILED', `sign in as ${user.email} (send your password) to accept this invitation`);
    }
  }
  const join = [
    upsertMember(db, { storeId: store.id, userId: user.id, role: invite.role }, input.now),
    consumeInvite(db, store.id, invite.id),
    auditInsert(db, { storeId: store.id, actor: userActor(user), action: 'member.join', target: { kind: 'user', id: user.id }, details: { email: user.email, role: invite.role, invite: invite.id }, at: input.now }),
  ] as const;
  await (create ? db.batch([create, ...join]) : db.batch(join));
  if (existingUser && input.name && !existingUser.name) await setUserName(db, user.id, input.name);
  return (await getAdminUser(db, user.id))!;
}

const lastOwner = () => new ApiError('LAST_OWNER', 'a store keeps at least one owner: make someone else owner first');

export async function changeMemberRole(db: Db, input: { storeId: string; userId: string; role: MemberRole; actor: Actor; now: number }): Promise<void> {
  const change = await setMemberRole(db, input.storeId, input.userId, input.role);
  if (change.outcome === 'not_member') throw notFound(`member "${input.userId}"`);
  if (change.outcome === 'last_owner') throw lastOwner();
  if (change.from === input.role) return;
  await recordAudit(db, { storeId: input.storeId, actor: input.actor, action: 'member.role', target: { kind: 'user', id: input.userId }, details: { from: change.from, to: input.role }, at: input.now });
}

export async function removeStoreMember(db: Db, input: { storeId: string; userId: string; actor: Actor; now: number }): Promise<void> {
  const change = await removeMember(db, input.storeId, input.userId);
  if (change.outcome === 'not_member') throw notFound(`member "${input.userId}"`);
  if (change.outcome === 'last_owner') throw lastOwner();
  await recordAudit(db, { storeId: input.storeId, actor: input.actor, action: 'member.remove', target: { kind: 'user', id: input.userId }, details: { role: change.from }, at: input.now });
}
