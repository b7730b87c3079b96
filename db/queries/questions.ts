/** Product questions and their answers. */
import { storeRowsWithIds } from './by-ids';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { answers, products, questions, type Answer, type Question, type ReviewStatus } from '../schema';
import { keysetPage, keysetQuery, type KeyPart, type Keyset, type Page } from './keyset';
import { ftsMatch, type SearchScope } from './search';
import type { VoteIdentity } from './votes';
import { normalizeEmail } from '../email';

export const questionSorts = ['recent', 'helpful', 'unanswered'] as const;
export type QuestionSort = (typeof questionSorts)[number];

const byRecent: KeyPart[] = [
  { column: questions.createdAt, direction: 'desc' },
  { column: questions.id, direction: 'desc' },
];
const recentKey = (q: Question) => [q.createdAt, q.id];
const keysets: Record<QuestionSort, Keyset<Question>> = {
  recent: { name: 'recent', parts: byRecent, key: recentKey },
  unanswered: { name: 'unanswered', parts: byRecent, key: recentKey },
  helpful: {
    name: 'helpful',
    parts: [{ column: questions.helpfulCount, direction: 'desc' }, ...byRecent],
    key: (q) => [q.helpfulCount, q.createdAt, q.id],
  },
};
/** The merchant's lists: every status, newest first. */
const storeQuestionsKeyset: Keyset<{ question: Question }> = { name: 'recent', parts: byRecent, key: (r) => recentKey(r.question) };
const storeAnswersKeyset: Keyset<Answer> = {
  name: 'recent',
  parts: [
    { column: answers.createdAt, direction: 'desc' },
    { column: answers.id, direction: 'desc' },
  ],
  key: (a) => [a.createdAt, a.id],
};

export type QuestionWithAnswers = Question & { answers: Answer[] };
export type QuestionWithProduct = Question & { productExternalId: string };

export function questionMatches(scope: SearchScope, text: string): SQL {
  const fts = ftsMatch(scope, text, 'body');
  // A question matches by its own words or by the words of its published answers.
  return sql`(${questions.seq} IN (SELECT rowid FROM questions_fts WHERE questions_fts MATCH ${fts})
    OR ${questions.id} IN (SELECT a.question_id FROM answers a WHERE a.status = 'published'
      AND a.seq IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ${fts})))`;
}

export async function insertQuestion(
  db: Db,
  input: Omit<Question, 'seq' | 'answerCount' | 'helpfulCount' | 'reportCount' | 'acceptedAnswerId' | 'buyersAskedAt' | 'updatedAt' | 'authorAddress' | 'source' | 'sourceKey'> & { authorAddress?: string | null },
): Promise<Question> {
  const [row] = await db
    .insert(questions)
    .values({ ...input, authorEmail: normalizeEmail(input.authorEmail), updatedAt: input.createdAt })
    .returning();
  return row!;
}

/**
 * Inserts an answer, or nothing (undefined) where a unique index forbids it:
 * an order that already answered this question (answers_owner_once_idx), a
 * second official answer (answers_official_idx). Ids are random, so those
 * are the only conflicts there can be.
 */
export async function insertAnswer(
  db: Db,
  input: Omit<Answer, 'seq' | 'helpfulCount' | 'reportCount' | 'updatedAt' | 'authorAddress' | 'source' | 'sourceKey'> & { authorAddress?: string | null },
): Promise<Answer | undefined> {
  const [row] = await db
    .insert(answers)
    .values({ ...input, authorEmail: input.authorEmail === null ? null : normalizeEmail(input.authorEmail), updatedAt: input.createdAt })
    // No target: drizzle cannot yet name a partial index's WHERE in one.
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Published answers of the given questions in display order: accepted, official, most helpful, oldest. */
export async function publishedAnswersOf(db: Db, questionList: Question[]): Promise<Map<string, Answer[]>> {
  const out = new Map<string, Answer[]>(questionList.map((q) => [q.id, []]));
  if (questionList.length === 0) return out;
  const rows = await db
    .select()
    .from(answers)
    .where(and(inArray(answers.questionId, [...out.keys()]), eq(answers.status, 'published')))
    .orderBy(desc(sql`${answers.kind} = 'official'`), desc(answers.helpfulCount), asc(answers.createdAt));
  for (const a of rows) out.get(a.questionId)!.push(a);
  for (const q of questionList) {
    const list = out.get(q.id)!;
    const accepted = list.findIndex((a) => a.id === q.acceptedAnswerId);
    if (accepted > 0) list.unshift(...list.splice(accepted, 1));
  }
  return out;
}

export async function listPublishedQuestions(
  db: Db,
  query: { productId: number; sort: QuestionSort; q?: string; cursor?: string; limit: number },
): Promise<Page<QuestionWithAnswers>> {
  const keyset = keysets[query.sort];
  const page = keysetQuery(keyset, query.cursor, query.limit);
  const rows = await db
    .select()
    .from(questions)
    .where(
      and(
        eq(questions.productId, query.productId),
        eq(questions.status, 'published'),
        query.sort === 'unanswered' ? eq(questions.answerCount, 0) : undefined,
        query.q === undefined ? undefined : questionMatches({ productId: query.productId }, query.q),
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const { items, nextCursor } = keysetPage(keyset, rows, query.limit);
  const byQuestion = await publishedAnswersOf(db, items);
  return { items: items.map((q) => ({ ...q, answers: byQuestion.get(q.id)! })), nextCursor };
}

/**
 * A store's published questions for its sitemap, most recently changed first. A question's page changes
 * when the question does (edited, moderated, an answer accepted) or an answer is published on it, so its
 * lastmod is the later of the question's update and its newest published answer's.
 */
export async function sitemapQuestions(db: Db, storeId: string, limit: number): Promise<Array<{ id: string; lastmod: number }>> {
  return db.all<{ id: string; lastmod: number }>(sql`
    SELECT q.id AS id, max(q.updated_at, coalesce(
      (SELECT max(a.updated_at) FROM answers a WHERE a.question_id = q.id AND a.status = 'published'), 0)) AS lastmod
    FROM questions q
    WHERE q.store_id = ${storeId} AND q.status = 'published'
    ORDER BY lastmod DESC, q.id
    LIMIT ${limit}`);
}

export async function getQuestion(db: Db, storeId: string, id: string): Promise<QuestionWithProduct | undefined> {
  return (await getQuestions(db, storeId, [id])).get(id);
}

/** Questions of one store by id, in one query; ids of other stores are simply absent. */
export async function getQuestions(db: Db, storeId: string, ids: string[]): Promise<Map<string, QuestionWithProduct>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ question: questions, productExternalId: products.externalId })
    .from(questions)
    .innerJoin(products, eq(products.id, questions.productId))
    .where(and(storeRowsWithIds(questions.storeId, storeId, questions.id, ids)));
  return new Map(rows.map((row) => [row.question.id, { ...row.question, productExternalId: row.productExternalId }]));
}

export async function getAnswer(db: Db, storeId: string, id: string): Promise<Answer | undefined> {
  return db.select().from(answers).where(and(eq(answers.storeId, storeId), eq(answers.id, id))).get();
}

/** Whether the buyer of this order has answered the question already (one owner answer per order: the answer link's single use). */
export async function hasOwnerAnswer(db: Db, questionId: string, orderExternalId: string): Promise<boolean> {
  const row = await db
    .select({ id: answers.id })
    .from(answers)
    .where(and(eq(answers.questionId, questionId), eq(answers.orderId, orderExternalId)))
    .get();
  return row !== undefined;
}

export async function listStoreQuestions(db: Db, query: { storeId: string; status?: ReviewStatus; cursor?: string; limit: number }) {
  const page = keysetQuery(storeQuestionsKeyset, query.cursor, query.limit);
  const rows = await db
    .select({ question: questions, productExternalId: products.externalId })
    .from(questions)
    .innerJoin(products, eq(products.id, questions.productId))
    .where(and(eq(questions.storeId, query.storeId), query.status ? eq(questions.status, query.status) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  const { items, nextCursor } = keysetPage(storeQuestionsKeyset, rows, query.limit);
  return { items: items.map((r) => ({ ...r.question, productExternalId: r.productExternalId })), nextCursor };
}

export async function listStoreAnswers(db: Db, query: { storeId: string; status?: ReviewStatus; cursor?: string; limit: number }) {
  const page = keysetQuery(storeAnswersKeyset, query.cursor, query.limit);
  const rows = await db
    .select()
    .from(answers)
    .where(and(eq(answers.storeId, query.storeId), query.status ? eq(answers.status, query.status) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(page.limit);
  return keysetPage(storeAnswersKeyset, rows, query.limit);
}

export async function updateStatus(db: Db, table: 'questions' | 'answers', storeId: string, ids: string[], status: ReviewStatus, now: number): Promise<Array<{ id: string; wasPublished: boolean }>> {
  // Read the old statuses in the same batch as the write, so "newly published" is exact.
  const target = table === 'questions' ? questions : answers;
  const [before, updated] = await db.batch([
    db.select({ id: target.id, status: target.status }).from(target).where(and(eq(target.storeId, storeId), inArray(target.id, ids))),
    db
      .update(target)
      .set({ status, updatedAt: now })
      .where(and(eq(target.storeId, storeId), inArray(target.id, ids)))
      .returning({ id: target.id }),
  ]);
  const was = new Map(before.map((r) => [r.id, r.status]));
  return updated.map((r) => ({ id: r.id, wasPublished: was.get(r.id) === 'published' }));
}

export async function deleteQuestion(db: Db, storeId: string, id: string): Promise<boolean> {
  const rows = await db.delete(questions).where(and(eq(questions.storeId, storeId), eq(questions.id, id))).returning({ id: questions.id });
  return rows.length > 0;
}

export async function getOfficialAnswer(db: Db, questionId: string): Promise<Answer | undefined> {
  return db.select().from(answers).where(and(eq(answers.questionId, questionId), eq(answers.kind, 'official'))).get();
}

export async function updateAnswerBody(db: Db, id: string, body: string, bodyHtml: string, now: number): Promise<Answer> {
  const [row] = await db.update(answers).set({ body, bodyHtml, updatedAt: now }).where(eq(answers.id, id)).returning();
  return row!;
}

export async function deleteAnswer(db: Db, storeId: string, id: string): Promise<boolean> {
  const rows = await db.delete(answers).where(and(eq(answers.storeId, storeId), eq(answers.id, id))).returning({ id: answers.id });
  return rows.length > 0;
}

/**
 * Marks a published answer of the question as accepted (or clears it with null).
 * `no_answer`: the answer is not a published answer of this question.
 */
export async function acceptAnswer(
  db: Db,
  storeId: string,
  questionId: string,
  answerId: string | null,
  now: number,
): Promise<'accepted' | 'no_question' | 'no_answer'> {
  if (answerId !== null) {
    const answer = await db
      .select({ id: answers.id })
      .from(answers)
      .where(and(eq(answers.id, answerId), eq(answers.questionId, questionId), eq(answers.storeId, storeId), eq(answers.status, 'published')))
      .get();
    if (!answer) return 'no_answer';
  }
  const rows = await db
    .update(questions)
    .set({ acceptedAnswerId: answerId, updatedAt: now })
    .where(and(eq(questions.storeId, storeId), eq(questions.id, questionId)))
    .returning({ id: questions.id });
  return rows.length > 0 ? 'accepted' : 'no_question';
}

/**
 * One helpful vote per voter on a published answer of a published question in
 * this store, with the same per-address cap as review votes (see castVote).
 */
export async function voteAnswer(db: Db, input: VoteIdentity & { storeId: string; answerId: string; now: number }) {
  const [write, counts] = await db.batch([
    db.run(sql`
      INSERT INTO answer_votes (answer_id, voter, address, created_at)
      SELECT a.id, ${input.voter}, ${input.address}, ${input.now} FROM answers a JOIN questions q ON q.id = a.question_id
      WHERE a.id = ${input.answerId} AND a.store_id = ${input.storeId} AND a.status = 'published' AND q.status = 'published'
        AND (SELECT count(*) FROM answer_votes WHERE answer_id = ${input.answerId} AND address = ${input.address}) < ${input.maxPerAddress}
      ON CONFLICT (answer_id, voter) DO NOTHING`),
    db.all<{ helpfulCount: number; visible: number; counted: number }>(sql`
      SELECT a.helpful_count AS helpfulCount, (a.status = 'published' AND q.status = 'published') AS visible,
        EXISTS (SELECT 1 FROM answer_votes WHERE answer_id = a.id AND voter = ${input.voter}) AS counted
      FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.id = ${input.answerId} AND a.store_id = ${input.storeId}`),
  ]);
  const row = (counts as Array<{ helpfulCount: number; visible: number; counted: number }>)[0];
  if (!row || !row.visible) return { outcome: 'not_found' as const, helpfulCount: 0 };
  const outcome = write.rowsAffected > 0 ? ('recorded' as const) : row.counted ? ('unchanged' as const) : ('capped' as const);
  return { outcome, helpfulCount: row.helpfulCount };
}

export async function reportQa(
  db: Db,
  input: { id: string; storeId: string; targetId: string; reporter: string; reason: string; note: string | null; now: number },
): Promise<'filed' | 'duplicate' | 'not_found'> {
  const table = input.targetId.startsWith('qn_') ? sql`questions` : sql`answers`;
  const [write, found] = await db.batch([
    db.run(sql`
      INSERT INTO qa_reports (id, store_id, target_id, reporter, reason, note, created_at)
      SELECT ${input.id}, store_id, id, ${input.reporter}, ${input.reason}, ${input.note}, ${input.now} FROM ${table}
      WHERE id = ${input.targetId} AND store_id = ${input.storeId} AND status = 'published'
      ON CONFLICT (target_id, reporter) DO NOTHING`),
    db.all<{ status: string }>(sql`SELECT status FROM ${table} WHERE id = ${input.targetId} AND store_id = ${input.storeId}`),
  ]);
  if ((found as Array<{ status: string }>)[0]?.status !== 'published') return 'not_found';
  return write.rowsAffected === 0 ? 'duplicate' : 'filed';
}

/** Marks the question as having asked its buyers; true only for the one caller that got there first. */
export async function claimBuyersAsk(db: Db, questionId: string, now: number): Promise<boolean> {
  const rows = await db
    .update(questions)
    .set({ buyersAskedAt: now })
    .where(and(eq(questions.id, questionId), sql`${questions.buyersAskedAt} IS NULL`))
    .returning({ id: questions.id });
  return rows.length > 0;
}

/** Recent fulfilled buyers of a product who can be asked: one per address, never unsubscribed. */
export async function recentBuyers(db: Db, storeId: string, productId: number, exclude: string, limit: number) {
  return db.all<{ email: string; name: string | null; orderExternalId: string; locale: string | null }>(sql`
    SELECT o.customer_email AS email, o.customer_name AS name, o.external_id AS orderExternalId, o.locale
    FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE i.product_id = ${productId} AND o.store_id = ${storeId} AND o.status = 'fulfilled' AND NOT o.test
      AND o.customer_email <> '' AND o.customer_email <> ${normalizeEmail(exclude)}
      AND NOT EXISTS (SELECT 1 FROM unsubscribes u WHERE u.store_id = o.store_id AND u.email = o.customer_email)
      AND o.id = (SELECT max(o2.id) FROM orders o2 JOIN order_items i2 ON i2.order_id = o2.id
                  WHERE o2.store_id = o.store_id AND o2.customer_email = o.customer_email AND i2.product_id = ${productId} AND o2.status = 'fulfilled' AND NOT o2.test)
    ORDER BY o.fulfilled_at DESC LIMIT ${limit}`);
}

