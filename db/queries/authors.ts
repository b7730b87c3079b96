/**
 * GDPR: everything held about one author email in one store, to hand over or
 * to erase. Addresses are compared lower-cased: questions and answers keep the
 * address as it was typed.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { answers, orders, products, questions, reviewReplies, reviews, unsubscribes } from '../schema';
import { normalizeEmail } from '../email';

const sameAddress = (column: SQLiteColumn, address: string): SQL => sql`lower(${column}) = ${address}`;

/** Everything held about one author email in one store (GDPR access request). */
export async function exportAuthor(db: Db, storeId: string, email: string) {
  const rows = await db
    .select({ review: reviews, reply: reviewReplies, productExternalId: products.externalId })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
    .where(and(eq(reviews.storeId, storeId), sameAddress(reviews.authorEmail, normalizeEmail(email))))
    .orderBy(asc(reviews.createdAt));
  return rows.map((r) => ({ ...r.review, reply: r.reply, productExternalId: r.productExternalId }));
}

/** The author's questions and answers in the store (GDPR). */
export async function exportAuthorQa(db: Db, storeId: string, email: string) {
  const address = normalizeEmail(email);
  const [qs, as] = await db.batch([
    db.select().from(questions).where(and(eq(questions.storeId, storeId), sameAddress(questions.authorEmail, address))).orderBy(asc(questions.createdAt)),
    db.select().from(answers).where(and(eq(answers.storeId, storeId), sameAddress(answers.authorEmail, address))).orderBy(asc(answers.createdAt)),
  ]);
  return { questions: qs, answers: as };
}

/**
 * What erasure removes from each table that can hold something identifying an
 * author. With `holdsNoPersonalData` it names every table of the database: a
 * test lists the tables and fails on one named in neither, so a new table
 * cannot be forgotten.
 */
export const erasedPerAuthor = {
  orders: "the store's orders placed with the address (name and address with them)",
  order_items: "with the order (foreign key cascade)",
  review_requests: 'with the order (foreign key cascade)',
  outbox: 'queued and sent emails to the address, and emails to others that quote what the author wrote',
  unsubscribes: "the address's opt-out: with no order, question or answer left, nothing is sent to it",
  reviews: "the author's reviews",
  review_replies: "with the review (foreign key cascade)",
  review_votes: 'votes on the erased reviews (foreign key cascade)',
  review_reports: 'reports on the erased reviews (foreign key cascade)',
  review_media: 'photos and videos of the erased reviews (foreign key cascade); the route deletes their files (worker/media/erase.ts)',
  reviews_fts: 'with the review (trigger); contentless, it holds only word tokens',
  reviews_fts_data: 'shadow table of reviews_fts',
  reviews_fts_idx: 'shadow table of reviews_fts',
  reviews_fts_docsize: 'shadow table of reviews_fts',
  questions: "the author's questions, with every answer to them",
  questions_fts: 'with the question (trigger); contentless, it holds only word tokens',
  questions_fts_data: 'shadow table of questions_fts',
  questions_fts_idx: 'shadow table of questions_fts',
  questions_fts_docsize: 'shadow table of questions_fts',
  answers: "the author's answers, and others' answers to the author's questions (cascade)",
  answers_fts: 'with the answer (trigger); contentless, it holds only word tokens',
  answers_fts_data: 'shadow table of answers_fts',
  answers_fts_idx: 'shadow table of answers_fts',
  answers_fts_docsize: 'shadow table of answers_fts',
  answer_votes: 'votes on the erased answers (foreign key cascade)',
  qa_reports: 'reports on the erased questions and answers',
} as const;

/** Tables with nothing that identifies an author, and why. */
export const holdsNoPersonalData = {
  stores: "the merchant's settings and secrets",
  api_keys: "hashes of the merchant's keys",
  products: "the store's catalogue",
  import_jobs: 'counts and row errors of imports: row numbers, column names and reasons, which quote a rejected rating, date or URL but never a name or email',
  product_stats: 'counts per product, kept by triggers',
  webhook_deliveries: "platforms' delivery ids, to drop a repeated delivery",
  settings: "deployment facts such as the server's public URL",
  reviews_fts_config: 'FTS settings',
  questions_fts_config: 'FTS settings',
  answers_fts_config: 'FTS settings',
  admin_users: "the merchant's own staff (dashboard sign-in), never shoppers",
  store_members: 'which staff user belongs to which store',
  admin_sessions: "staff users' sign-in sessions (token hashes)",
  store_invites: 'invitations sent to staff',
  login_failures: 'failed staff sign-ins, keyed by a hash of the account or address',
  audit_log: "what staff and keys changed; it names content by id and never quotes a shopper's address",
  content_versions: 'a change counter per store and product, for the public read cache',
  store_weekly_stats: 'counts per store and week (insights), kept by triggers',
  store_monthly_moderation: 'counts per store and month (public moderation figures), kept by triggers',
  email_templates: "the merchant's wording of buyer emails (placeholders, never a buyer's data)",
  sqlite_sequence: 'SQLite row counters',
  __drizzle_migrations: 'applied migrations',
} as const;

export interface Erasure {
  deletedReviews: number;
  deletedQuestions: number;
  deletedAnswers: number;
  deletedOrders: number;
  deletedEmails: number;
}

/**
 * Erases everything about one address in one store, in one transaction (see
 * `erasedPerAuthor`); statistics and counters follow through triggers. Votes
 * and reports the person made stay: they are keyed by a hash of a browser
 * token, which no address leads to. Other stores are untouched.
 */
export async function eraseAuthor(db: Db, storeId: string, email: string): Promise<Erasure> {
  const address = normalizeEmail(email);
  const theirQuestions = sql`SELECT id FROM questions WHERE store_id = ${storeId} AND lower(author_email) = ${address}`;
  const theirAnswers = sql`SELECT id FROM answers WHERE store_id = ${storeId} AND lower(author_email) = ${address}`;
  const [emails, , deletedAnswers, deletedQuestions, deletedReviews, deletedOrders] = await db.batch([
    // Emails quoting the author's words to others are found by their dedupe keys
    // (services/questions.ts): `ask:<question>:<buyer>` and `answered:<answer>`.
    db.run(sql`
      DELETE FROM outbox WHERE store_id = ${storeId} AND (
        lower(to_address) = ${address}
        OR dedupe_key IN (SELECT 'answered:' || id FROM (${theirAnswers}))
        OR EXISTS (SELECT 1 FROM (${theirQuestions}) q WHERE substr(outbox.dedupe_key, 1, length(q.id) + 5) = 'ask:' || q.id || ':'))`),
    db.run(sql`
      DELETE FROM qa_reports WHERE store_id = ${storeId} AND (
        target_id IN (${theirQuestions}) OR target_id IN (${theirAnswers})
        OR target_id IN (SELECT id FROM answers WHERE question_id IN (${theirQuestions})))`),
    db.delete(answers).where(and(eq(answers.storeId, storeId), sameAddress(answers.authorEmail, address))).returning({ id: answers.id }),
    db.delete(questions).where(and(eq(questions.storeId, storeId), sameAddress(questions.authorEmail, address))).returning({ id: questions.id }),
    db.delete(reviews).where(and(eq(reviews.storeId, storeId), sameAddress(reviews.authorEmail, address))).returning({ id: reviews.id }),
    db.delete(orders).where(and(eq(orders.storeId, storeId), sameAddress(orders.customerEmail, address))).returning({ id: orders.id }),
    db.delete(unsubscribes).where(and(eq(unsubscribes.storeId, storeId), sameAddress(unsubscribes.email, address))),
  ]);
  return {
    deletedReviews: deletedReviews.length,
    deletedQuestions: deletedQuestions.length,
    deletedAnswers: deletedAnswers.length,
    deletedOrders: deletedOrders.length,
    deletedEmails: emails.rowsAffected,
  };
}
