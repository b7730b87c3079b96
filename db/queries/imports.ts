/**
 * Imports: the job rows, and batches of imported reviews, questions,
 * answers and votes written in one transaction each. Inserts go through the ordinary
 * tables, so the triggers keep product statistics, answer counts, search and
 * content versions exact, as for any other write.
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client';
import type { NewReview } from './reviews';
import { answers, answerVotes, importJobs, products, questions, reviewReplies, reviews, reviewVotes, type ImportJob, type ReviewStatus, type AnswerKind } from '../schema';

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

/**
 * Which of these ids are the store's own reviews or answers, written here
 * (no source key): a store's votes file imported back into that same store
 * names them so, and finds them.
 */
export async function ownRowIds(db: Db, table: 'reviews' | 'answers', storeId: string, ids: string[]): Promise<Set<string>> {
  const t = { reviews, answers }[table];
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], 500)) {
    const rows = await db.select({ id: t.id }).from(t).where(and(eq(t.storeId, storeId), inArray(t.id, part), isNull(t.sourceKey)));
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** A vote as a votes file brought it, its review or answer found in this store. */
export interface ImportedVote {
  kind: 'review' | 'answer';
  /** The review's or answer's id in this store. */
  targetId: string;
  voter: string;
  /** 1 or -1 on a review; 1 on an answer. */
  value: number;
  createdAt: number;
}

/** `target voter` of those votes the store already has (its primary key: one vote per voter and review or answer). */
export async function existingVotes(db: Db, votes: Array<Pick<ImportedVote, 'kind' | 'targetId' | 'voter'>>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const kind of ['review', 'answer'] as const) {
    const [t, target] = kind === 'review' ? [reviewVotes, reviewVotes.reviewId] : [answerVotes, answerVotes.answerId];
    for (const part of chunks(votes.filter((v) => v.kind === kind))) {
      const pairs = sql.join(part.map((v) => sql`(${v.targetId}, ${v.voter})`), sql`, `);
      const rows = await db.select({ target, voter: t.voter }).from(t).where(sql`(${target}, ${t.voter}) IN (VALUES ${pairs})`);
      for (const r of rows) found.add(`${r.target} ${r.voter}`);
    }
  }
  return found;
}

/**
 * Inserts the votes in one transaction, marked `imported`: the review or
 * answer they belong to came with helpful/unhelpful counts that include
 * them, so the insert triggers skip these rows (migration 0018) rather than
 * count them twice. Marking the rows, not correcting the counts afterwards,
 * keeps the counters exact inside every statement whatever else writes
 * meanwhile, and says in the data which votes came from the old store.
 * A vote the store already has is left alone (the primary key).
 */
export async function insertImportedVotes(db: Db, votes: ImportedVote[]): Promise<void> {
  const statements: BatchItem<'sqlite'>[] = [];
  for (const part of chunks(votes.filter((v) => v.kind === 'review'))) {
    statements.push(
      db
        .insert(reviewVotes)
        .values(part.map((v) => ({ reviewId: v.targetId, voter: v.voter, value: v.value, createdAt: v.createdAt, imported: true })))
        .onConflictDoNothing(),
    );
  }
  for (const part of chunks(votes.filter((v) => v.kind === 'answer'))) {
    statements.push(
      db
        .insert(answerVotes)
        .values(part.map((v) => ({ answerId: v.targetId, voter: v.voter, createdAt: v.createdAt, imported: true })))
        .onConflictDoNothing(),
    );
  }
  if (statements.length > 0) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
