/**
 * A counter per store and per product that moves on every change a public
 * answer can show. Triggers (migration 0010) bump it in the same transaction
 * as the change, whatever wrote it — the API, the CLI in another process, an
 * import — so a cached answer stamped with an older version is never served.
 *
 * Scopes: `store` (the store row: name, settings), `any` (anything in the
 * store), `p:<external id>` (one product's reviews, questions and statistics).
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const contentVersions = sqliteTable(
  'content_versions',
  {
    storeId: text('store_id').notNull(),
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.scope] })],
);
