/** A merchant's own wording of Verity's emails, per kind and language; the built-in text applies where none is stored. */
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './common';
import { stores } from './stores';

/** The languages emails and hosted pages are written in (worker/i18n/). */
export const buyerLocales = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Locale = (typeof buyerLocales)[number];

/** request: the first review request; reminder: its one reminder; askBuyer: a past buyer is asked a question; answered: the asker hears back. */
export const emailKinds = ['request', 'reminder', 'askBuyer', 'answered'] as const;
export type EmailKind = (typeof emailKinds)[number];

export const emailTemplates = sqliteTable(
  'email_templates',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: emailKinds }).notNull(),
    locale: text('locale', { enum: buyerLocales }).notNull(),
    /** Plain text with {{placeholders}}; rendered escaped into the HTML layout, never as HTML. */
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.kind, t.locale] })],
);

export type EmailTemplate = typeof emailTemplates.$inferSelect;
