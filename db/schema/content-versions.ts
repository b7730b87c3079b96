/**
 * A counter per store and per product that moves on every change a public
 * answer can show. Triggers (migration 0010) bump it in the same transaction
 * as the change, whatever wrote it — the API, the CLI in another process, an
 * import — so a cached answer stamped with an older version is never served.
 *
 * Scopes: `store` (the store row: name, settings), `any` (anything in the
 * store), `p:<external id>` (one product's reviews, questions and statistics),
 * `s:<external id>` (only its statistics, what a summary shows; migration
 * 0021), so a helpful vote or a question leaves the product's summaries cached.
 *
 * `changed` (migration 0020): a number across all stores, taken anew — one
 * more than the table's largest — whenever a row is inserted or its version
 * moves, so a reader that remembers versions re-reads only the rows changed
 * since the largest it saw (db/embedded.ts openVersionReader). SQLite's one
 * writer at a time makes the numbers distinct and ordered as the commits are.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const contentVersions = sqliteTable(
  'content_versions',
  {
    storeId: text('store_id').notNull(),
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    changed: integer('changed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.scope] }), index('content_versions_changed_idx').on(t.changed)],
);
