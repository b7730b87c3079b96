/** Dashboard access: sign-in, sessions, passwords, members, invitations, keys and the audit log. */
import { z } from '@hono/zod-openapi';
import { memberRoles } from '../../db/schema';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/passwords';
import { plainText, StoreIdParam } from './common';
import { limitQuery } from './reviews';

/** Trimmed first: a pasted address often carries a space. */
const email = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .pipe(z.email({ error: `${field} must be a valid email address` }).max(254, { error: `${field} must be at most 254 characters` }));

/** What a person types as a password: only its length is checked here (the sign-in compares it, it is never shown). */
const anyPassword = (field: string) =>
  z.string({ error: `${field} is required` }).min(1, { error: `${field} is required` }).max(MAX_PASSWORD_LENGTH, { error: `${field} must be at most ${MAX_PASSWORD_LENGTH} characters` });

/** A password being chosen. */
export const newPassword = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .min(MIN_PASSWORD_LENGTH, { error: `${field} must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .max(MAX_PASSWORD_LENGTH, { error: `${field} must be at most ${MAX_PASSWORD_LENGTH} characters` });

const role = z.enum(memberRoles, { error: `role must be one of ${memberRoles.join(', ')}` });

export const LoginBodySchema = z.strictObject({ email: email('email'), password: anyPassword('password') }).openapi('LoginInput');

export const SessionSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    stores: z.array(z.object({ id: z.string(), name: z.string(), role })),
    csrfToken: z.string().openapi({ description: 'Send it back as X-CSRF-Token on every request that changes something' }),
  })
  .openapi('AdminSession');

export const PasswordChangeSchema = z
  .strictObject({ currentPassword: anyPassword('currentPassword'), newPassword: newPassword('newPassword') })
  .openapi('PasswordChange');

export const ResetRequestSchema = z.strictObject({ email: email('email') }).openapi('PasswordResetRequest');

export const ResetConfirmSchema = z
  .strictObject({ token: z.string().min(1, { error: 'token is required' }).max(2048), password: newPassword('password') })
  .openapi('PasswordResetConfirm');

export const InviteTokenParams = z.object({
  token: z.string().max(2048).openapi({ param: { name: 'token', in: 'path' } }),
});

export const InviteInfoSchema = z
  .object({ storeName: z.string(), email: z.string(), role, existingUser: z.boolean() })
  .openapi('InviteInfo');

export const InviteAcceptSchema = z
  .strictObject({
    token: z.string().min(1, { error: 'token is required' }).max(2048),
    name: plainText('name', 80).optional(),
    password: z.string().max(MAX_PASSWORD_LENGTH, { error: `password must be at most ${MAX_PASSWORD_LENGTH} characters` }).optional().openapi({
      description: `Required for a new account (at least ${MIN_PASSWORD_LENGTH} characters); an existing account gives its password unless it is the one signed in`,
    }),
  })
  .openapi('InviteAccept');

export const MemberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role, createdAt: z.string() }).openapi('StoreMember');
export const InviteSchema = z.object({ id: z.string(), email: z.string(), role, expiresAt: z.string() }).openapi('StoreInvite');
export const MembersSchema = z.object({ members: z.array(MemberSchema), invites: z.array(InviteSchema) }).openapi('StoreMembers');

export const InviteBodySchema = z.strictObject({ email: email('email'), role }).openapi('InviteInput');
export const RoleBodySchema = z.strictObject({ role }).openapi('RoleInput');

const userIdParam = z.string().regex(/^usr_[0-9a-z]{24}$/, { error: 'userId must look like usr_ followed by 24 letters or digits' }).openapi({ param: { name: 'userId', in: 'path' } });
const inviteIdParam = z.string().regex(/^inv_[0-9a-z]{24}$/, { error: 'invite id must look like inv_ followed by 24 letters or digits' }).openapi({ param: { name: 'id', in: 'path' } });
export const MemberParams = z.object({ store: StoreIdParam, userId: userIdParam });
export const InviteParams = z.object({ store: StoreIdParam, id: inviteIdParam });

export const KeysSchema = z
  .object({ publicKey: z.string(), secretKey: z.string(), webhookSecret: z.string() })
  .openapi('RotatedKeys', { description: 'Shown once: the old secret key and webhook secret stop working at once' });

export const AuditQuery = z.object({
  action: z.string().max(100).regex(/^[a-z.]+$/, { error: 'action must look like review.status' }).optional(),
  actor: z.string().max(100).optional().openapi({ description: "An actor's id: a user id, or a key's prefix" }),
  before: z.coerce.number({ error: 'before must be an entry seq' }).int({ error: 'before must be an entry seq' }).positive({ error: 'before must be an entry seq' }).optional(),
  limit: limitQuery(200, 50),
});

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ kind: z.enum(['user', 'key', 'system', 'author']), id: z.string(), label: z.string() }),
    action: z.string(),
    target: z.object({ kind: z.string(), id: z.string() }).nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

export const AuditListSchema = z.object({ entries: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() }).openapi('AuditList');
