/** Community Q&A: questions, answers, their votes and reports. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reportReasons, reviewStatuses, timestamp } from './common';
import { stores } from './stores';
import { products } from './catalogue';

export const answerKinds = ['official', 'owner', 'community'] as const;
export type AnswerKind = (typeof answerKinds)[number];

export const questions = sqliteTable(
  'questions',
  {
    /** Internal row number: the full-text index (questions_fts) is keyed by it. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    authorName: text('author_name').notNull(),
    authorEmail: text('author_email').notNull(),
    /** Keyed hash of the writer's client address (domain/moderation-policy.ts blockAddressEntry), so the merchant can block it; never the address. */
    authorAddress: text('author_address'),
    status: text('status', { enum: reviewStatuses }).notNull(),
    /** Published answers; kept by triggers. */
    answerCount: integer('answer_count').notNull().default(0),
    /** Helpful votes on its answers; kept by triggers, for sort=helpful. */
    helpfulCount: integer('helpful_count').notNull().default(0),
    reportCount: integer('report_count').notNull().default(0),
    acceptedAnswerId: text('accepted_answer_id'),
    /** Whether past buyers have been asked (once, when first published). */
    buyersAskedAt: integer('buyers_asked_at'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    /** Where the row was first written: 'verity', or the tool it was imported from ('judgeme', 'yotpo', 'okendo', 'stamped', 'import'). */
    source: text('source').notNull().default('verity'),
    /** Stable key of the row in the file it was imported from (vendor and their id, or a hash), so a second import of the same file adds nothing. */
    sourceKey: text('source_key'),
  },
  (t) => [
    index('questions_recent_idx').on(t.productId, t.status, t.createdAt, t.id),
    index('questions_helpful_idx').on(t.productId, t.status, t.helpfulCount, t.createdAt, t.id),
    index('questions_store_status_idx').on(t.storeId, t.status, t.createdAt, t.id),
    index('questions_author_idx').on(t.storeId, t.authorEmail),
    // Insights: the unanswered few and the oldest of them, without touching answered questions.
    index('questions_unanswered_idx').on(t.storeId, t.createdAt).where(sql`${t.status} = 'published' AND ${t.answerCount} = 0`),
    uniqueIndex('questions_source_key_idx').on(t.storeId, t.sourceKey).where(sql`${t.sourceKey} IS NOT NULL`),
  ],
);

export const answers = sqliteTable(
  'answers',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    authorName: text('author_name').notNull(),
    /** Null for the merchant's official answer. */
    authorEmail: text('author_email'),
    /** Keyed hash of the writer's client address (domain/moderation-policy.ts blockAddressEntry), so the merchant can block it; never the address. */
    authorAddress: text('author_address'),
    kind: text('kind', { enum: answerKinds }).notNull(),
    /** For owners: the order that proves they bought the product. */
    orderId: text('order_id'),
    status: text('status', { enum: reviewStatuses }).notNull(),
    helpfulCount: integer('helpful_count').notNull().default(0),
    reportCount: integer('report_count').notNull().default(0),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
    /** Where the row was first written: 'verity', or the tool it was imported from ('judgeme', 'yotpo', 'okendo', 'stamped', 'import'). */
    source: text('source').notNull().default('verity'),
    /** Stable key of the row in the file it was imported from (vendor and their id, or a hash), so a second import of the same file adds nothing. */
    sourceKey: text('source_key'),
  },
  (t) => [
    index('answers_question_idx').on(t.questionId, t.status, t.helpfulCount),
    index('answers_store_status_idx').on(t.storeId, t.status, t.createdAt, t.id),
    index('answers_author_idx').on(t.storeId, t.authorEmail),
    // One official answer per question.
    uniqueIndex('answers_official_idx').on(t.questionId).where(sql`${t.kind} = 'official'`),
    // A buyer answers a question once per order: the link's "works once" is this index, not a check before the insert.
    uniqueIndex('answers_owner_once_idx').on(t.questionId, t.orderId).where(sql`${t.orderId} IS NOT NULL`),
    uniqueIndex('answers_source_key_idx').on(t.storeId, t.sourceKey).where(sql`${t.sourceKey} IS NOT NULL`),
  ],
);

export const answerVotes = sqliteTable(
  'answer_votes',
  {
    answerId: text('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    voter: text('voter').notNull(),
    /** As on review_votes: the keyed hash of the client address, for the per-address cap. */
    address: text('address'),
    createdAt: timestamp('created_at'),
    /** As on review_votes: imported with its answer's count already including it, so the insert trigger skips it. */
    imported: integer('imported', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.voter] }), index('answer_votes_address_idx').on(t.answerId, t.address)],
);

/** Abuse reports on questions and answers. */
export const qaReports = sqliteTable(
  'qa_reports',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    /** A question id (qn_…) or an answer id (an_…). */
    targetId: text('target_id').notNull(),
    reporter: text('reporter').notNull(),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at'),
  },
  (t) => [uniqueIndex('qa_reports_once_idx').on(t.targetId, t.reporter)],
);

export type Question = typeof questions.$inferSelect;
export type Answer = typeof answers.$inferSelect;
