/**
 * A review's rating and text are its author's: the store moderates, replies
 * and deletes, but never rewrites them (an edited rating would be a fake
 * review under the FTC rule on consumer reviews). The admin review and inbox
 * routes refuse those fields by name, before any validator, with one clear
 * answer instead of a generic unknown-field one. Authors change their words
 * only through their edit link (domain/author-edits.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors';
import { BODY_LIMITS, isJsonBody, readText } from './body';

/** Fields a request about a review might use to change what its author wrote. */
const AUTHORS_FIELDS = ['rating', 'title', 'body', 'bodyHtml', 'author', 'authorName', 'authorEmail'] as const;

/** The first author's field in a body: at its top level, or in one of its `items`. `body` is the reply's own text on a reply route. */
function authorsField(value: unknown, allowBody: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const own = AUTHORS_FIELDS.find((f) => f in record && !(allowBody && f === 'body'));
  if (own) return own;
  if (!Array.isArray(record.items)) return undefined;
  for (const [i, item] of record.items.entries()) {
    const nested = authorsField(item, false);
    if (nested) return `items.${i}.${nested}`;
  }
  return undefined;
}

/**
 * @example adminReviews.use('/:store/reviews/*', authorsWords())
 */
export const authorsWords = (): MiddlewareHandler =>
  async function authorsWords(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'DELETE' || !isJsonBody(c)) return next();
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readText(c, { maxBytes: BODY_LIMITS.admin }));
    } catch {
      // Not JSON: the validator gives its usual answer.
      return next();
    }
    const field = authorsField(parsed, c.req.path.endsWith('/reply'));
    if (field) {
      const name = field.split('.').at(-1);
      throw new ApiError(
        'UNPROCESSABLE',
        `${name} is the author’s: a store can publish, reject or delete a review and reply to it, but never change its rating or text (only its author can, through the link emailed to them)`,
        { field },
      );
    }
    return next();
  };
