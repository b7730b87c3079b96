/** Stores, their secret keys and their settings; and deployment-wide settings. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common';
import { reviews } from './reviews';

export const moderationPolicies = ['publish', 'hold', 'hold-first-time'] as const;
/**
 * `publish`: new content appears at once; `hold`: it waits for a merchant;
 * `hold-first-time`: it waits only when its author has nothing published in
 * the store yet. Never depends on the rating (worker/domain/moderation-policy.ts).
 */
export type ModerationPolicy = (typeof moderationPolicies)[number];

export interface StoreSettings {
  moderation: ModerationPolicy;
  /** Words or phrases that hold content for moderation, matched as whole words, case-insensitively. */
  holdWords: string[];
  /** Emails (lower case) and `addr:<hash>` entries whose content is stored as spam. */
  blockList: string[];
  /** Cloudflare Turnstile on public writes; the secret is in StoreIntegrations. */
  turnstile: { siteKey: string | null; enabled: boolean };
  /** Whether shoppers without an order may review (labelled unverified). */
  acceptUnverified: boolean;
  /** Days after fulfilment before the review request is emailed. */
  requestDelayDays: number;
  /** Days after the request before one reminder, if nothing was written; null for none. */
  reminderDelayDays: number | null;
  /** How long a review link stays valid, in days. */
  linkTtlDays: number;
  /** The From address of review request emails. */
  emailFrom: string;
  /** Past buyers emailed when a question is published (0 asks nobody). */
  buyersToAsk: number;
  /** The language of emails and pages when the order names none Verity speaks (en, de, fr, es, ja); stores made before it read as `en`. */
  locale?: string;
  /** An https URL of the store's logo, shown in emails and on hosted pages. */
  logoUrl?: string | null;
  /** `#rrggbb` or `#rgb`: buttons and the top bar of emails and hosted pages. */
  accentColor?: string | null;
  /** Review photo and video limits over worker/media/limits.ts's defaults. */
  media?: Partial<{ maxPhotos: number; maxImageBytes: number; maxImagePixels: number; maxVideoBytes: number; maxVideoSeconds: number }>;
}

export const defaultStoreSettings: StoreSettings = {
  moderation: 'publish',
  holdWords: [],
  blockList: [],
  turnstile: { siteKey: null, enabled: false },
  acceptUnverified: true,
  requestDelayDays: 7,
  reminderDelayDays: 7,
  linkTtlDays: 90,
  emailFrom: 'reviews@verity.invalid',
  buyersToAsk: 5,
};

/** Secrets of a store's shop-platform integrations, never returned by the API. */
export interface StoreIntegrations {
  /** Shopify signs webhooks with the app's client secret, which the merchant copies here. */
  shopifySecret?: string;
  /** WooCommerce signs with the secret entered in its webhook form. */
  woocommerceSecret?: string;
  /** The Turnstile secret key, for siteverify. */
  turnstileSecret?: string;
}

export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  publicKey: text('public_key').notNull().unique(),
  webhookSecret: text('webhook_secret').notNull(),
  /** Signs review and unsubscribe links (HMAC-SHA256); never leaves the server. */
  linkSecret: text('link_secret').notNull().default(''),
  integrations: text('integrations', { mode: 'json' }).$type<StoreIntegrations>().notNull().default(sql`'{}'`),
  settings: text('settings', { mode: 'json' }).$type<StoreSettings>().notNull(),
  createdAt: timestamp('created_at'),
});

/** Secret API keys, stored as SHA-256 hashes: they are 256-bit random, so a slow hash adds nothing. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull().unique(),
    /** The first characters of the key, so a merchant can tell keys apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_keys_store_idx').on(t.storeId)],
);


/**
 * Facts about this deployment that every process sharing the database must
 * agree on, such as the public origin the server listens on, which the CLI's
 * scheduler needs for the links it writes.
 */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at'),
});


export type Store = typeof stores.$inferSelect;
