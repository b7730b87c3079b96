import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { QueryInputError } from '../errors';
import { reviews } from '../schema';

const MAX_TERMS = 8;

/**
 * Whose rows a search looks at. Every indexed row carries its product's and
 * its store's token (migration 0011), and every search ANDs its words with one
 * of them, so FTS5 walks only that product's or store's matches: one large
 * tenant never slows another's search.
 */
export type SearchScope = { productId: number } | { storeId: string };

function scopeToken(scope: SearchScope): string {
  if ('productId' in scope) return `p${scope.productId}`;
  // The store's id as hex, as the triggers' hex(store_id) writes it: one token whatever characters the id has.
  let hex = '';
  for (const byte of new TextEncoder().encode(scope.storeId)) hex += byte.toString(16).padStart(2, '0');
  return `s${hex}`;
}

/**
 * Turns what a shopper typed into an FTS5 query that cannot be an FTS5
 * syntax error: each word becomes a quoted phrase, all must match, within
 * `columns` of the rows of `scope`.
 *
 * Whole words only. A prefix (`"gre"*`) has no doclist of its own: FTS5 merges
 * the lists of every word it starts in every store before it can stop, which
 * cost 25-30 ms a query at a million reviews whatever the scope.
 */
export function ftsMatch(scope: SearchScope, text: string, columns: 'title body' | 'body'): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) {
    throw new QueryInputError('search', 'q must contain at least one letter or digit', [{ path: 'q', message: 'no searchable words' }]);
  }
  const terms = words.slice(0, MAX_TERMS).map((w) => `"${w}"`);
  return `scope : "${scopeToken(scope)}" AND {${columns}} : (${terms.join(' ')})`;
}

/** Restricts a reviews query to rows of `scope` whose title or body match `text`. */
export function reviewMatches(scope: SearchScope, text: string): SQL {
  return reviewMatchesExpression(ftsMatch(scope, text, 'title body'));
}

/** reviewMatches with the MATCH expression given (or a placeholder for it, in a query built once). */
export const reviewMatchesExpression = (match: string | Placeholder): SQL => sql`${reviews.seq} IN (SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ${match})`;

/**
 * The row numbers of a product's newest published reviews matching `text`,
 * newest first, at most `limit`, before `beforeSeq` when paging. FTS5 yields
 * matches in row-number order, so this stops after `limit` of them: its cost
 * follows the page, not the number of matches. CROSS JOIN makes the index
 * the outer loop, whatever the planner thinks of the product's own index.
 */
export function newestMatchingReviews(
  productId: number,
  text: string,
  options: { limit: number; beforeSeq?: number; rating?: number; verified?: boolean },
): SQL {
  return sql`SELECT reviews_fts.rowid FROM reviews_fts CROSS JOIN reviews AS hit ON hit.seq = reviews_fts.rowid
    WHERE reviews_fts MATCH ${ftsMatch({ productId }, text, 'title body')}
      AND hit.product_id = ${productId} AND hit.status = 'published'
      ${options.rating === undefined ? sql`` : sql`AND hit.rating = ${options.rating}`}
      ${options.verified === undefined ? sql`` : sql`AND hit.verified = ${options.verified ? 1 : 0}`}
      ${options.beforeSeq === undefined ? sql`` : sql`AND reviews_fts.rowid < ${options.beforeSeq}`}
    ORDER BY reviews_fts.rowid DESC LIMIT ${options.limit}`;
}

export interface SearchHit {
  kind: 'review' | 'question';
  id: string;
}

/**
 * Reviews and questions of one product matching `text`, newest first. A
 * question also matches through the words of its published answers.
 *
 * Newest, not best: bm25 needs each word's count over the whole index, and
 * the product's own token is one of the words — at a million reviews that
 * count alone cost 300 ms. Every word must match, so the newest matches are
 * good ones; each kind's page comes straight from the index, in row order.
 * CROSS JOIN keeps SQLite from walking the product's index instead (it
 * would, for its product_id test, and read a million rows).
 */
export async function searchProduct(db: Db, productId: number, text: string, limit: number): Promise<SearchHit[]> {
  const scope = { productId };
  const rows = await db.all<SearchHit>(sql`
    SELECT * FROM (
      SELECT 'review' AS kind, r.id AS id, r.created_at AS created_at
        FROM (SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ${ftsMatch(scope, text, 'title body')} ORDER BY rowid DESC LIMIT ${limit}) f
        CROSS JOIN reviews r ON r.seq = f.rowid
        WHERE r.product_id = ${productId} AND r.status = 'published'
      UNION ALL
      SELECT 'question', q.id, q.created_at
        FROM (SELECT rowid FROM questions_fts WHERE questions_fts MATCH ${ftsMatch(scope, text, 'body')} ORDER BY rowid DESC LIMIT ${limit}) f
        CROSS JOIN questions q ON q.seq = f.rowid
        WHERE q.product_id = ${productId} AND q.status = 'published'
      UNION ALL
      SELECT 'question', q.id, q.created_at
        FROM (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ${ftsMatch(scope, text, 'body')} ORDER BY rowid DESC LIMIT ${limit}) f
        CROSS JOIN answers a ON a.seq = f.rowid CROSS JOIN questions q ON q.id = a.question_id
        WHERE q.product_id = ${productId} AND q.status = 'published' AND a.status = 'published'
    ) ORDER BY created_at DESC, id DESC LIMIT ${limit * 3}`);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
}
