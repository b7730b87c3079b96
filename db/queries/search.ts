import { sql, type SQL } from 'drizzle-orm';
import { ApiError } from '../../worker/errors';
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
    throw new ApiError('VALIDATION_FAILED', 'q must contain at least one letter or digit', {
      issues: [{ path: 'q', message: 'no searchable words' }],
    });
  }
  const terms = words.slice(0, MAX_TERMS).map((w) => `"${w}"`);
  terms[terms.length - 1] += '*';
  return terms.join(' ');
}

/** Restricts a reviews query to rows whose title or body match `text`. */
export function reviewMatches(text: string): SQL {
  return sql`${reviews.seq} IN (SELECT rowid FROM reviews_fts WHERE reviews_fts MATCH ${toFtsQuery(text)})`;
}
