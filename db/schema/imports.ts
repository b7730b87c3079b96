/** Imports of reviews, Q&A and votes: each file is a job whose row is its state and its report. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stores } from './stores';

export const importKinds = ['reviews', 'questions', 'votes'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importStatuses = ['running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** A row the import could not take: its number in the file, the column at fault and why. */
export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: importKinds }).notNull(),
    /** The format the file was read as (detected or named): 'judgeme', 'yotpo', …, 'verity', 'mapping'. */
    vendor: text('vendor').notNull(),
    status: text('status', { enum: importStatuses }).notNull(),
    /** A dry run reads and checks every row and counts what would happen, writing nothing but this row. */
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull(),
    /** Rows read so far (the total is known only at the end of a streamed file). */
    processed: integer('processed').notNull().default(0),
    total: integer('total'),
    imported: integer('imported').notNull().default(0),
    /** Rows already imported by an earlier run (same source key): importing a file twice changes nothing. */
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** The first row errors (JSON ImportRowError[]), capped so a broken file cannot fill the database. */
    errors: text('errors', { mode: 'json' }).$type<ImportRowError[]>().notNull().default([]),
    /** Why the whole job stopped, when it did (an unreadable file, an unknown format). */
    failure: text('failure'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('import_jobs_store_idx').on(t.storeId, t.createdAt)],
);

export type ImportJob = typeof importJobs.$inferSelect;
