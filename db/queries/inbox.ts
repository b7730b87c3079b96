/**
 * The merchant's inbox: everything that waits for a decision, across
 * reviews, questions and answers, newest first. A page is found by keyset
 * (ids only), then hydrated in a few queries by kind, so filters and
 * pagination are written once for all tabs.
 *
 * "Reported, not yet decided" needs no column of its own: a report is
 * undecided while it is newer than the item's last change (`updated_at`),
 * which every moderation moves — keeping an item published is a decision too.
 */
import { storeRowsWithIds } from './by-ids';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { normalizeEmail } from '../email';
import { answers, auditLog, products, qaReports, questions, reviewReplies, reviewReports, reviews, type ReviewStatus } from '../schema';
import type { Actor } from './audit';
import { afterKey, decodeCursor, encodeCursor, type KeyPart } from './keyset';
import { questionMatches } from './questions';
import { ftsMatch, reviewMatches, type SearchScope } from './search';

export const inboxKinds = ['review', 'question', 'answer'] as const;
export type InboxKind = (typeof inboxKinds)[number];
export const inboxTabs = ['reviews', 'questions', 'answers', 'reported'] as const;
export type InboxTab = (typeof inboxTabs)[number];

export interface InboxRef {
  kind: InboxKind;
  id: string;
}

export interface InboxFilter {
  storeId: string;
  status?: ReviewStatus;
  /** Reviews only. */
  rating?: number;
  productId?: number;
  /** Reviews: by an order; answers: by an owner (a verified buyer). */
  verified?: boolean;
  /** Reviews only: whether the store has replied. */
  hasReply?: boolean;
  q?: string;
  /** Only items with a report not yet decided. */
  reported?: boolean;
}

const tables = { review: reviews, question: questions, answer: answers } as const;

const undecidedReport: Record<InboxKind, SQL> = {
  review: sql`EXISTS (SELECT 1 FROM ${reviewReports} WHERE ${reviewReports.reviewId} = ${reviews.id} AND ${reviewReports.createdAt} >= ${reviews.updatedAt})`,
  question: sql`EXISTS (SELECT 1 FROM ${qaReports} WHERE ${qaReports.targetId} = ${questions.id} AND ${qaReports.createdAt} >= ${questions.updatedAt})`,
  answer: sql`EXISTS (SELECT 1 FROM ${qaReports} WHERE ${qaReports.targetId} = ${answers.id} AND ${qaReports.createdAt} >= ${answers.updatedAt})`,
};

function conditions(kind: InboxKind, f: InboxFilter): SQL | undefined {
  const t = tables[kind];
  const scope: SearchScope = f.productId === undefined ? { storeId: f.storeId } : { productId: f.productId };
  const where: Array<SQL | undefined> = [eq(t.storeId, f.storeId), f.status === undefined ? undefined : eq(t.status, f.status)];
  if (f.reported) where.push(undecidedReport[kind]);
  if (kind === 'review') {
    if (f.rating !== undefined) where.push(eq(reviews.rating, f.rating));
    if (f.productId !== undefined) where.push(eq(reviews.productId, f.productId));
    if (f.verified !== undefined) where.push(eq(reviews.verified, f.verified));
    if (f.hasReply !== undefined) {
      const replied = sql`EXISTS (SELECT 1 FROM ${reviewReplies} WHERE ${reviewReplies.reviewId} = ${reviews.id})`;
      where.push(f.hasReply ? replied : sql`NOT ${replied}`);
    }
    if (f.q !== undefined) where.push(reviewMatches(scope, f.q));
  } else if (kind === 'question') {
    if (f.productId !== undefined) where.push(eq(questions.productId, f.productId));
    if (f.q !== undefined) where.push(questionMatches(scope, f.q));
  } else {
    if (f.productId !== undefined) where.push(sql`${answers.questionId} IN (SELECT ${questions.id} FROM ${questions} WHERE ${questions.productId} = ${f.productId})`);
    if (f.verified !== undefined) where.push(f.verified ? eq(answers.kind, 'owner') : sql`${answers.kind} <> 'owner'`);
    if (f.q !== undefined) where.push(sql`${answers.seq} IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ${ftsMatch(scope, f.q, 'body')})`);
  }
  return and(...where);
}

interface KeyRow {
  kind: InboxKind;
  id: string;
  createdAt: number;
}

async function pageOf(db: Db, kind: InboxKind, f: InboxFilter, after: [number, string] | undefined, take: number): Promise<KeyRow[]> {
  const t = tables[kind];
  const parts: KeyPart[] = [
    { column: t.createdAt, direction: 'desc' },
    { column: t.id, direction: 'desc' },
  ];
  const rows = await db
    .select({ id: t.id, createdAt: t.createdAt })
    .from(t)
    .where(and(conditions(kind, f), after ? afterKey(parts, after) : undefined))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(take);
  return rows.map((r) => ({ kind, ...r }));
}

/**
 * One page of the inbox, newest first. Several kinds are merged: the first
 * `limit` of their union are among the first `limit` of each.
 */
export async function listInboxRefs(
  db: Db,
  query: InboxFilter & { kinds: readonly InboxKind[]; cursor?: string; limit: number; cursorName: string },
): Promise<{ refs: InboxRef[]; nextCursor: string | null }> {
  const after = query.cursor ? (decodeCursor(query.cursor, query.cursorName, ['number', 'string']) as [number, string]) : undefined;
  const pages = await Promise.all(query.kinds.map((kind) => pageOf(db, kind, query, after, query.limit + 1)));
  const merged = pages.flat().sort((x, y) => y.createdAt - x.createdAt || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0));
  const page = merged.slice(0, query.limit);
  const last = page.at(-1);
  return {
    refs: page.map(({ kind, id }) => ({ kind, id })),
    nextCursor: merged.length > query.limit && last ? encodeCursor(query.cursorName, [last.createdAt, last.id]) : null,
  };
}

/** Exact counts of what needs a decision: pending per kind, and reported items not yet decided. */
export async function inboxCounts(db: Db, storeId: string): Promise<Record<InboxTab, number>> {
  const count = (kind: InboxKind, f: Omit<InboxFilter, 'storeId'>) =>
    db.select({ n: sql<number>`count(*)` }).from(tables[kind]).where(conditions(kind, { storeId, ...f }));
  const [r, q, a, rr, qr, ar] = await db.batch([
    count('review', { status: 'pending' }),
    count('question', { status: 'pending' }),
    count('answer', { status: 'pending' }),
    count('review', { reported: true }),
    count('question', { reported: true }),
    count('answer', { reported: true }),
  ]);
  const n = (rows: Array<{ n: number }>) => Number(rows[0]?.n ?? 0);
  return { reviews: n(r), questions: n(q), answers: n(a), reported: n(rr) + n(qr) + n(ar) };
}

export interface InboxRow {
  kind: InboxKind;
  id: string;
  status: ReviewStatus;
  createdAt: number;
  product: { externalId: string; name: string; url: string | null };
  /** `address`: the keyed hash of the writer's client address, when it was known. */
  author: { name: string; email: string | null; verified: boolean; address: string | null };
  rating?: number;
  title?: string | null;
  body: string;
  bodyHtml: string;
  /** Reviews: the store's reply. */
  reply?: { body: string; bodyHtml: string; updatedAt: number } | null;
  /** Questions: the store's official answer. */
  officialAnswer?: { id: string; body: string; bodyHtml: string; updatedAt: number } | null;
  /** Answers: the question answered. */
  question?: { id: string; body: string };
  reports: Array<{ reason: string; count: number }>;
  /** Whether the author has nothing published in the store but (perhaps) this item. */
  firstTimeAuthor: boolean;
}

const productCols = { externalId: products.externalId, name: products.name, url: products.url };

/** The full rows of `refs`, in their order; refs of other stores or deleted items are left out. */
export async function hydrateInbox(db: Db, storeId: string, refs: InboxRef[]): Promise<InboxRow[]> {
  const ids = (kind: InboxKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const [reviewIds, questionIds, answerIds] = [ids('review'), ids('question'), ids('answer')];
  const rows = new Map<string, Omit<InboxRow, 'reports' | 'firstTimeAuthor'>>();

  if (reviewIds.length) {
    const found = await db
      .select({ review: reviews, reply: reviewReplies, product: productCols })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
      .where(and(storeRowsWithIds(reviews.storeId, storeId, reviews.id, reviewIds)));
    for (const { review: r, reply, product } of found) {
      rows.set(r.id, {
        kind: 'review',
        id: r.id,
        status: r.status,
        createdAt: r.createdAt,
        product,
        author: { name: r.authorName, email: r.authorEmail, verified: r.verified, address: r.authorAddress },
        rating: r.rating,
        title: r.title,
        body: r.body,
        bodyHtml: r.bodyHtml,
        reply: reply && { body: reply.body, bodyHtml: reply.bodyHtml, updatedAt: reply.updatedAt },
      });
    }
  }
  if (questionIds.length) {
    const [found, officials] = await db.batch([
      db
        .select({ question: questions, product: productCols })
        .from(questions)
        .innerJoin(products, eq(products.id, questions.productId))
        .where(and(storeRowsWithIds(questions.storeId, storeId, questions.id, questionIds))),
      db
        .select()
        .from(answers)
        .where(and(eq(answers.storeId, storeId), inArray(answers.questionId, questionIds), eq(answers.kind, 'official'))),
    ]);
    const official = new Map(officials.map((a) => [a.questionId, a]));
    for (const { question: q, product } of found) {
      const a = official.get(q.id);
      rows.set(q.id, {
        kind: 'question',
        id: q.id,
        status: q.status,
        createdAt: q.createdAt,
        product,
        author: { name: q.authorName, email: q.authorEmail, verified: false, address: q.authorAddress },
        body: q.body,
        bodyHtml: q.bodyHtml,
        officialAnswer: a ? { id: a.id, body: a.body, bodyHtml: a.bodyHtml, updatedAt: a.updatedAt } : null,
      });
    }
  }
  if (answerIds.length) {
    const found = await db
      .select({ answer: answers, question: { id: questions.id, body: questions.body }, product: productCols })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .innerJoin(products, eq(products.id, questions.productId))
      .where(and(storeRowsWithIds(answers.storeId, storeId, answers.id, answerIds)));
    for (const { answer: a, question, product } of found) {
      rows.set(a.id, {
        kind: 'answer',
        id: a.id,
        status: a.status,
        createdAt: a.createdAt,
        product,
        author: { name: a.authorName, email: a.authorEmail, verified: a.kind === 'owner', address: a.authorAddress },
        body: a.body,
        bodyHtml: a.bodyHtml,
        question,
      });
    }
  }

  const reports = await reportReasons(db, reviewIds, [...questionIds, ...answerIds]);
  const emails = [...new Set([...rows.values()].map((r) => r.author.email).filter((e): e is string => e !== null))];
  const published = await publishedCounts(db, storeId, emails);
  return refs.flatMap((ref) => {
    const row = rows.get(ref.id);
    if (!row || row.kind !== ref.kind) return [];
    // The item itself may be what is published; it does not make its author a returning one.
    const others = row.author.email === null ? 1 : (published.get(row.author.email) ?? 0) - (row.status === 'published' ? 1 : 0);
    return [{ ...row, reports: reports.get(row.id) ?? [], firstTimeAuthor: others <= 0 }];
  });
}

async function reportReasons(db: Db, reviewIds: string[], qaIds: string[]): Promise<Map<string, Array<{ reason: string; count: number }>>> {
  const out = new Map<string, Array<{ reason: string; count: number }>>();
  const add = (rows: Array<{ target: string; reason: string; count: number }>) => {
    for (const r of rows) out.set(r.target, [...(out.get(r.target) ?? []), { reason: r.reason, count: Number(r.count) }]);
  };
  if (reviewIds.length) {
    add(
      await db
        .select({ target: reviewReports.reviewId, reason: reviewReports.reason, count: sql<number>`count(*)` })
        .from(reviewReports)
        .where(inArray(reviewReports.reviewId, reviewIds))
        .groupBy(reviewReports.reviewId, reviewReports.reason)
        .orderBy(asc(reviewReports.reason)),
    );
  }
  if (qaIds.length) {
    add(
      await db
        .select({ target: qaReports.targetId, reason: qaReports.reason, count: sql<number>`count(*)` })
        .from(qaReports)
        .where(inArray(qaReports.targetId, qaIds))
        .groupBy(qaReports.targetId, qaReports.reason)
        .orderBy(asc(qaReports.reason)),
    );
  }
  return out;
}

/** Published reviews, questions and answers per author email in one store (the *_author_idx indexes). */
async function publishedCounts(db: Db, storeId: string, emails: string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const counted = (t: typeof reviews | typeof questions | typeof answers) =>
    db
      .select({ email: sql<string>`${t.authorEmail}`, n: sql<number>`count(*)` })
      .from(t)
      .where(and(eq(t.storeId, storeId), inArray(t.authorEmail, emails), eq(t.status, 'published')))
      .groupBy(t.authorEmail);
  const results = await db.batch([counted(reviews), counted(questions), counted(answers)]);
  const out = new Map<string, number>();
  for (const rows of results) for (const r of rows) out.set(r.email, (out.get(r.email) ?? 0) + Number(r.n));
  return out;
}

/** Whether anything by this author is published in the store (the first-time-author policy). */
export async function hasPublishedContent(db: Db, storeId: string, email: string): Promise<boolean> {
  const author = normalizeEmail(email);
  return ((await publishedCounts(db, storeId, [author])).get(author) ?? 0) > 0;
}

/**
 * Sets the status of the store's items of one kind and appends a
 * `<kind>.status` audit entry {from, to} for each, in one batch: the audit
 * rows are written from the rows as they were, before the update. Returns
 * each changed item with its previous status.
 */
export async function setInboxStatus(
  db: Db,
  input: { storeId: string; kind: InboxKind; ids: string[]; status: ReviewStatus; actor: Actor; now: number },
): Promise<Array<{ id: string; from: ReviewStatus }>> {
  if (input.ids.length === 0) return [];
  const t = tables[input.kind];
  const mine = and(eq(t.storeId, input.storeId), inArray(t.id, input.ids));
  const [before, , updated] = await db.batch([
    db.select({ id: t.id, status: t.status }).from(t).where(mine),
    db.insert(auditLog).select(
      db
        .select({
          seq: sql<null>`NULL`.as('seq'),
          storeId: t.storeId,
          at: sql<number>`${input.now}`.as('at'),
          actorKind: sql<string>`${input.actor.kind}`.as('actor_kind'),
          actorId: sql<string>`${input.actor.id}`.as('actor_id'),
          actorLabel: sql<string>`${input.actor.label}`.as('actor_label'),
          action: sql<string>`${`${input.kind}.status`}`.as('action'),
          targetKind: sql<string>`${input.kind}`.as('target_kind'),
          targetId: t.id,
          details: sql<string>`json_object('from', ${t.status}, 'to', ${input.status})`.as('details'),
        })
        .from(t)
        .where(mine),
    ),
    db.update(t).set({ status: input.status, updatedAt: input.now }).where(mine).returning({ id: t.id }),
  ]);
  const was = new Map(before.map((r) => [r.id, r.status]));
  return updated.map((r) => ({ id: r.id, from: was.get(r.id)! }));
}
