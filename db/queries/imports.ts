/**
 * Imports: the job rows, and batches of imported reviews, questions and
 * answers written in one transaction each. Inserts go through the ordinary
 * tables, so the triggers keep product statistics, answer counts, search and
 * content versions exact, as for any other write.
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client';
import type { NewReview } from './reviews';
import { answers, importJobs, products, questions, reviewReplies, reviews, type ImportJob, type ReviewStatus, type AnswerKind } from '../schema';

/** Rows per INSERT statement: well under SQLite's limit on bound parameters. */
const ROWS_PER_STATEMENT = 100;

const chunks = <T>(list: T[], size = ROWS_PER_STATEMENT): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

export async function createImportJob(db: Db, job: Pick<ImportJob, 'id' | 'storeId' | 'kind' | 'vendor' | 'dryRun' | 'createdAt'>): Promise<ImportJob> {
  const [row] = await db.insert(importJobs).values({ ...job, status: 'running' }).returning();
  return row!;
}

export async function updateImportJob(db: Db, id: string, patch: Partial<Omit<ImportJob, 'id' | 'storeId' | 'createdAt'>>): Promise<void> {
  await db.update(importJobs).set(patch).where(eq(importJobs.id, id));
}

export async function getImportJob(db: Db, storeId: string, id: string): Promise<ImportJob | undefined> {
  return db.select().from(importJobs).where(and(eq(importJobs.storeId, storeId), eq(importJobs.id, id))).get();
}

/** The store's latest jobs, newest first. */
export async function listImportJobs(db: Db, storeId: string, limit: number): Promise<ImportJob[]> {
  return db.select().from(importJobs).where(eq(importJobs.storeId, storeId)).orderBy(desc(importJobs.createdAt), desc(importJobs.id)).limit(limit);
}

/** The tools (vendor ids, or `mapping`) whose reviews this store has imported: what its moderation policy must disclose. */
export async function importedReviewVendors(db: Db, storeId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ vendor: importJobs.vendor })
    .from(importJobs)
    .where(and(eq(importJobs.storeId, storeId), eq(importJobs.kind, 'reviews'), eq(importJobs.dryRun, false), sql`${importJobs.imported} > 0`))
    .orderBy(importJobs.vendor);
  return rows.map((r) => r.vendor);
}

/** Which of these source keys a table already holds for the store, with the row id. */
export async function existingSourceKeys(db: Db, table: 'reviews' | 'questions' | 'answers', storeId: string, keys: string[]): Promise<Map<string, string>> {
  const t = { reviews, questions, answers }[table];
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await db.select({ id: t.id, key: t.sourceKey }).from(t).where(and(eq(t.storeId, storeId), inArray(t.sourceKey, part)));
    for (const r of rows) found.set(r.key!, r.id);
  }
  return found;
}

export interface ImportedProduct {
  externalId: string;
  name: string;
  url: string | null;
}

/**
 * Internal ids of the products, creating those the store does not have yet
 * (existing ones keep their name: the catalogue knows better than an old export).
 */
export async function ensureProducts(db: Db, storeId: string, items: ImportedProduct[], now: number, create: boolean): Promise<Map<string, number>> {
  const byId = new Map(items.map((p) => [p.externalId, p]));
  const ids = [...byId.keys()];
  const lookup = async () => {
    const out = new Map<string, number>();
    for (const part of chunks(ids, 500)) {
      for (const r of await db.select({ id: products.id, externalId: products.externalId }).from(products).where(and(eq(products.storeId, storeId), inArray(products.externalId, part)))) {
        out.set(r.externalId, r.id);
      }
    }
    return out;
  };
  const found = await lookup();
  const missing = ids.filter((id) => !found.has(id)).map((id) => byId.get(id)!);
  if (missing.length === 0 || !create) return found;
  const inserts = chunks(missing).map((part) =>
    db
      .insert(products)
      .values(part.map((p) => ({ storeId, externalId: p.externalId, name: p.name, url: p.url, createdAt: now, updatedAt: now })))
      .onConflictDoNothing(),
  );
  await db.batch(inserts as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return lookup();
}

/** A review as a file brought it: NewReview's fields, with the counts, dates and origin it had before Verity. */
export interface ImportedReview extends Omit<NewReview, 'now' | 'authorAddress'> {
  id: string;
  helpfulCount: number;
  unhelpfulCount: number;
  photoUrls: string | null;
  source: string;
  sourceKey: string;
  createdAt: number;
  reply: { body: string; bodyHtml: string; createdAt: number } | null;
}

/**
 * Inserts the reviews and their replies in one transaction. A source key the
 * store already has is left alone (the unique index), so the same file twice
 * changes nothing.
 */
export async function insertImportedReviews(db: Db, rows: ImportedReview[]): Promise<void> {
  if (rows.length === 0) return;
  const statements: BatchItem<'sqlite'>[] = [];
  for (const part of chunks(rows)) {
    statements.push(
      db
        .insert(reviews)
        .values(part.map(({ reply: _reply, ...r }) => ({ ...r, updatedAt: r.createdAt })))
        .onConflictDoNothing(),
    );
  }
  const replies = rows.filter((r) => r.reply);
  for (const part of chunks(replies)) {
    statements.push(
      db
        .insert(reviewReplies)
        .values(part.map((r) => ({ reviewId: r.id, body: r.reply!.body, bodyHtml: r.reply!.bodyHtml, createdAt: r.reply!.createdAt, updatedAt: r.reply!.createdAt })))
        .onConflictDoNothing(),
    );
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

export interface ImportedQuestion {
  id: string;
  storeId: string;
  productId: number;
  body: string;
  bodyHtml: string;
  authorName: string;
  authorEmail: string;
  status: ReviewStatus;
  source: string;
  sourceKey: string;
  createdAt: number;
}

export interface ImportedAnswer {
  id: string;
  storeId: string;
  questionId: string;
  body: string;
  bodyHtml: string;
  authorName: string;
  authorEmail: string | null;
  kind: AnswerKind;
  status: ReviewStatus;
  helpfulCount: number;
  accepted: boolean;
  source: string;
  sourceKey: string;
  createdAt: number;
}

/**
 * Inserts questions, then their answers, in one transaction. An answer's
 * helpful votes count towards its question's helpful sort, as votes cast here do.
 */
export async function insertImportedQa(db: Db, newQuestions: ImportedQuestion[], newAnswers: ImportedAnswer[]): Promise<void> {
  const statements: BatchItem<'sqlite'>[] = [];
  for (const part of chunks(newQuestions)) {
    statements.push(db.insert(questions).values(part.map((q) => ({ ...q, updatedAt: q.createdAt }))).onConflictDoNothing());
  }
  for (const part of chunks(newAnswers)) {
    statements.push(
      db
        .insert(answers)
        .values(part.map(({ accepted: _accepted, ...a }) => ({ ...a, orderId: null, updatedAt: a.createdAt })))
        .onConflictDoNothing(),
    );
  }
  for (const a of newAnswers) {
    const set: Record<string, SQL> = {};
    if (a.helpfulCount > 0) set.helpfulCount = sql`${questions.helpfulCount} + ${a.helpfulCount}`;
    if (a.accepted) set.acceptedAnswerId = sql`${a.id}`;
    if (Object.keys(set).length > 0) statements.push(db.update(questions).set(set).where(eq(questions.id, a.questionId)));
  }
  if (statements.length > 0) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
