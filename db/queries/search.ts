import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { QueryInputError } from '../errors';
import { reviews } from '../schema';

const MAX_TERMS = 8;

/**
 * Turns what a shopper typed into an FTS5 query that cannot be an FTS5
 * syntax error: each word becomes a quoted phrase (the last one a prefix, so
 * results follow typing), and all must match.
 */
export function toFtsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) {
    throw new QueryInputError('search', 'q must contain at least one letter or digit', [{ path: 'q', message: 'no searchable words' }]);
  }
  const terms = words.slice(0, MAX_TERMS).map((w) => `"${w}"`);
  terms[terms.length - 1] += '*';
  return terms.join(' ');
}

/** Restricts a reviews query to rows whose title or body match `text`. */
export function reviewMatches(text: string): SQL {
  return sql`${reviews.seq} IN (SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ${toFtsQuery(text)})`;
}

export interface SearchHit {
  kind: 'review' | 'question';
  id: string;
  /** bm25: lower is a better match. */
  rank: number;
}

/**
 * Reviews and questions of one product matching `text`, best first. A
 * question also matches through the words of its published answers.
 */
export async function searchProduct(db: Db, productId: number, text: string, limit: number): Promise<SearchHit[]> {
  const fts = toFtsQuery(text);
  const rows = await db.all<SearchHit>(sql`
    SELECT 'review' AS kind, r.id AS id, bm25(reviews_fts) AS rank
      FROM reviews_fts JOIN reviews r ON r.seq = reviews_fts.rowid
      WHERE reviews_fts MATCH ${fts} AND r.product_id = ${productId} AND r.status = 'published'
    UNION ALL
    SELECT 'question', q.id, bm25(questions_fts)
      FROM questions_fts JOIN questions q ON q.seq = questions_fts.rowid
      WHERE questions_fts MATCH ${fts} AND q.product_id = ${productId} AND q.status = 'published'
    UNION ALL
    SELECT 'question', q.id, bm25(answers_fts)
      FROM answers_fts JOIN answers a ON a.seq = answers_fts.rowid JOIN questions q ON q.id = a.question_id
      WHERE answers_fts MATCH ${fts} AND q.product_id = ${productId} AND q.status = 'published' AND a.status = 'published'
    ORDER BY rank LIMIT ${limit * 3}`);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
}
