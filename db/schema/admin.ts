/**
 * The merchant dashboard: people who sign in, the stores they belong to, their
 * sessions, and the audit log of what they (or a secret key) changed.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common';
import { stores } from './stores';

export const memberRoles = ['owner', 'moderator'] as const;
/** `owner`: everything, including users, keys and settings. `moderator`: content only. */
export type MemberRole = (typeof memberRoles)[number];

export const notificationModes = ['each', 'digest', 'off'] as const;
/** An email per new review or question, one a day, or none. */
export type NotificationMode = (typeof notificationModes)[number];

/** A person who signs in to the dashboard. One person may belong to several stores. */
export const adminUsers = sqliteTable('admin_users', {
  id: text('id').primaryKey(),
  /** Normalised (trimmed, lower case): the sign-in name. */
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  /** `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`; the format carries its own cost. */
  passwordHash: text('password_hash').notNull(),
  /** Changing the password moves this on, which invalidates reset links issued before. */
  passwordChangedAt: timestamp('password_changed_at'),
  createdAt: timestamp('created_at'),
});

/** Who may act on which store, with which role, and how they want to be told of new content. */
export const storeMembers = sqliteTable(
  'store_members',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    role: text('role', { enum: memberRoles }).notNull(),
    notify: text('notify', { enum: notificationModes }).notNull().default('each'),
    /**
     * In digest mode, still email reviews of 1–2 stars at once, so the merchant can answer quickly.
     * Only the notification changes: publication never depends on the rating.
     */
    notifyLowRatingsAtOnce: integer('notify_low_ratings_at_once', { mode: 'boolean' }).notNull().default(false),
    /** Until when the daily digest has covered this member's store (ms); the next digest starts here. */
    digestCoveredUntil: integer('digest_covered_until'),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.userId] }), index('store_members_user_idx').on(t.userId)],
);

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256
 * is stored, so a copy of the database cannot sign anybody in. Logging out and
 * changing the password delete rows.
 */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => adminUsers.id, { onDelete: 'cascade' }),
    /** Sent back in a header on every state-changing request (CSRF). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at'),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('admin_sessions_user_idx').on(t.userId)],
);

/** Pending invitations to a store; accepted once (the row goes when it is used). */
export const storeInvites = sqliteTable(
  'store_invites',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at'),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('store_invites_store_idx').on(t.storeId, t.email)],
);

/**
 * Failed sign-ins per key (`account:<email>` or `address:<hash>`), in a fixed
 * window. In the database, not in memory, so every Worker isolate sees the same count.
 */
export const loginFailures = sqliteTable('login_failures', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/** `author`: a reviewer through their signed edit link (the actor id is the review's id; never their address). */
export const actorKinds = ['user', 'key', 'system', 'author'] as const;
export type ActorKind = (typeof actorKinds)[number];

/**
 * Who changed what and when: every moderation, reply, settings, user and key
 * change. Append-only: a trigger (migration 0008) refuses updates and deletes.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    storeId: text('store_id').notNull(),
    at: timestamp('at'),
    actorKind: text('actor_kind', { enum: actorKinds }).notNull(),
    /** The user's id for `user`, the key's prefix for `key`, the job's name for `system`. */
    actorId: text('actor_id').notNull(),
    /** What a reader of the log recognises: the user's email, `sk_…` prefix, or `scheduler`. */
    actorLabel: text('actor_label').notNull(),
    /** Dotted verb, e.g. `review.publish`, `reply.update`, `settings.update`, `user.invite`, `keys.rotate`. */
    action: text('action').notNull(),
    targetKind: text('target_kind'),
    targetId: text('target_id'),
    /** What changed, e.g. `{ "from": "pending", "to": "published" }`. Never secrets. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  },
  (t) => [index('audit_log_store_idx').on(t.storeId, t.seq), index('audit_log_store_action_idx').on(t.storeId, t.action, t.seq)],
);

export type AdminUser = typeof adminUsers.$inferSelect;
export type StoreMember = typeof storeMembers.$inferSelect;
export type AdminSession = typeof adminSessions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
