/**
 * The one error the query layer raises: input a query cannot run on (a
 * cursor it did not make, a search with nothing to search for). It is not an
 * HTTP error — `db/` knows nothing of HTTP — and the app's error handler turns
 * it into the API's error shape (worker/errors.ts, `fromQueryInputError`).
 */
export class QueryInputError extends Error {
  constructor(
    /** `cursor`: not a cursor this query returned; `search`: no searchable words. */
    readonly reason: 'cursor' | 'search',
    message: string,
    /** Which input it was, for the client: `{ path, message }` pairs. */
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'QueryInputError';
  }
}
