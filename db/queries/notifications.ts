/** Who of a store's members is told of new content, how, and what the daily digest covers. */
import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { prepared } from './prepared';
import { adminUsers, products, questions, reviews, storeMembers, type NotificationMode } from '../schema';

export interface NotificationPrefs {
  notify: NotificationMode;
  lowRatingsAtOnce: boolean;
}

export interface MemberToNotify extends NotificationPrefs {
  userId: string;
  email: string;
  name: string;
}

/** Members of the store who want any email at all. */
export async function membersToNotify(db: Db, storeId: string): Promise<MemberToNotify[]> {
  // Built once: every public review and question asks.
  const query = prepared(db, 'members-to-notify', (d) =>
    d
      .select({
        userId: storeMembers.userId,
        email: adminUsers.email,
        name: adminUsers.name,
        notify: storeMembers.notify,
        lowRatingsAtOnce: storeMembers.notifyLowRatingsAtOnce,
      })
      .from(storeMembers)
      .innerJoin(adminUsers, eq(adminUsers.id, storeMembers.userId))
      .where(and(eq(storeMembers.storeId, sql.placeholder('storeId')), or(sql`${storeMembers.notify} <> 'off'`, eq(storeMembers.notifyLowRatingsAtOnce, true))))
      .orderBy(asc(storeMembers.userId))
      .prepare(),
  );
  return query.all({ storeId });
}

export async function getNotificationPrefs(db: Db, storeId: string, userId: string): Promise<NotificationPrefs | undefined> {
  return db
    .select({ notify: storeMembers.notify, lowRatingsAtOnce: storeMembers.notifyLowRatingsAtOnce })
    .from(storeMembers)
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId)))
    .get();
}

/**
 * Saves a member's choice. Turning the digest on starts it from now, so the
 * first digest does not replay everything since the member joined.
 */
export async function setNotificationPrefs(db: Db, storeId: string, userId: string, prefs: NotificationPrefs, now: number): Promise<NotificationPrefs | undefined> {
  const [row] = await db
    .update(storeMembers)
    .set({
      notify: prefs.notify,
      notifyLowRatingsAtOnce: prefs.lowRatingsAtOnce,
      digestCoveredUntil: prefs.notify === 'digest' ? sql`CASE WHEN ${storeMembers.notify} = 'digest' THEN ${storeMembers.digestCoveredUntil} ELSE ${now} END` : null,
    })
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId)))
    .returning({ notify: storeMembers.notify, lowRatingsAtOnce: storeMembers.notifyLowRatingsAtOnce });
  return row;
}

export interface DueDigest {
  storeId: string;
  userId: string;
  email: string;
  name: string;
  /** The digest covers content created after this instant (ms). */
  from: number;
}

/** Digest members whose last digest covered up to `coveredBefore` or earlier. */
export async function dueDigests(db: Db, coveredBefore: number, limit: number): Promise<DueDigest[]> {
  const from = sql<number>`coalesce(${storeMembers.digestCoveredUntil}, ${storeMembers.createdAt})`;
  return db
    .select({ storeId: storeMembers.storeId, userId: storeMembers.userId, email: adminUsers.email, name: adminUsers.name, from })
    .from(storeMembers)
    .innerJoin(adminUsers, eq(adminUsers.id, storeMembers.userId))
    .where(and(eq(storeMembers.notify, 'digest'), lte(from, coveredBefore)))
    .orderBy(asc(from))
    .limit(limit);
}

/**
 * Moves a member's digest on from `from` to `to`; a run that lost the race
 * finds it moved already and changes nothing. Not awaited, so it can join the
 * batch that enqueues the digest.
 */
export function advanceDigestQuery(db: Db, digest: Pick<DueDigest, 'storeId' | 'userId' | 'from'>, to: number) {
  return db
    .update(storeMembers)
    .set({ digestCoveredUntil: to })
    .where(
      and(
        eq(storeMembers.storeId, digest.storeId),
        eq(storeMembers.userId, digest.userId),
        or(eq(storeMembers.digestCoveredUntil, digest.from), and(isNull(storeMembers.digestCoveredUntil), eq(storeMembers.createdAt, digest.from))),
      ),
    );
}

export interface NewContentRow {
  kind: 'review' | 'question';
  id: string;
  productName: string;
  authorName: string;
  rating: number | null;
  body: string;
  status: string;
  createdAt: number;
}

/**
 * Reviews and questions written in [from, to), oldest first, never spam, and
 * how many there were in all. Half-open, so what arrives in the very
 * millisecond a digest is made goes into the next one, not into neither.
 */
export async function contentBetween(db: Db, storeId: string, from: number, to: number, limit: number): Promise<{ rows: NewContentRow[]; total: number }> {
  const visible = ['pending', 'published'] as const;
  const [rs, qs, counts] = await db.batch([
    db
      .select({ id: reviews.id, productName: products.name, authorName: reviews.authorName, rating: reviews.rating, body: reviews.body, status: reviews.status, createdAt: reviews.createdAt })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .where(and(eq(reviews.storeId, storeId), inArray(reviews.status, visible), gte(reviews.createdAt, from), lt(reviews.createdAt, to)))
      .orderBy(asc(reviews.createdAt))
      .limit(limit),
    db
      .select({ id: questions.id, productName: products.name, authorName: questions.authorName, body: questions.body, status: questions.status, createdAt: questions.createdAt })
      .from(questions)
      .innerJoin(products, eq(products.id, questions.productId))
      .where(and(eq(questions.storeId, storeId), inArray(questions.status, visible), gte(questions.createdAt, from), lt(questions.createdAt, to)))
      .orderBy(asc(questions.createdAt))
      .limit(limit),
    db.all<{ n: number }>(sql`
      SELECT (SELECT count(*) FROM reviews WHERE store_id = ${storeId} AND status IN ('pending', 'published') AND created_at >= ${from} AND created_at < ${to})
        + (SELECT count(*) FROM questions WHERE store_id = ${storeId} AND status IN ('pending', 'published') AND created_at >= ${from} AND created_at < ${to}) AS n`),
  ]);
  const rows: NewContentRow[] = [
    ...rs.map((r) => ({ kind: 'review' as const, ...r })),
    ...qs.map((q) => ({ kind: 'question' as const, rating: null, ...q })),
  ]
    .sort((x, y) => x.createdAt - y.createdAt)
    .slice(0, limit);
  return { rows, total: Number((counts as Array<{ n: number }>)[0]?.n ?? 0) };
}
