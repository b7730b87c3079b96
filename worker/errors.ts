/**
 * The one error type of the API. Every failure leaves the app as
 * `{ "error": { "code", "message", "details"? } }`; the codes are stable so
 * widgets can translate them.
 */

import type { QueryInputError } from '../db/errors';

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  UNAUTHORIZED: 401,
  /** Wrong email or wrong password: one answer for both, so nobody learns which addresses have accounts. */
  LOGIN_FAILED: 401,
  INVALID_SIGNATURE: 401,
  INVALID_LINK: 403,
  LINK_EXPIRED: 410,
  LINK_USED: 409,
  FORBIDDEN: 403,
  /** A signed-in dashboard request without the session's X-CSRF-Token, or from another origin. */
  CSRF_FAILED: 403,
  ORIGIN_NOT_ALLOWED: 403,
  /** The store asks for a Cloudflare Turnstile token on public writes, and this one is missing or did not pass. */
  TURNSTILE_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_VOTED: 409,
  /** Removing or demoting the store's only owner would leave nobody able to manage it. */
  LAST_OWNER: 409,
  /** The client address has cast as many votes on this item as one address may (shared networks get a few). */
  VOTE_LIMIT_REACHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MARKDOWN_REJECTED: 422,
  /** A photo or video that cannot be used: unreadable, too many pixels, too long, or an upload id that is not this store's unattached one. */
  INVALID_MEDIA: 422,
  UNPROCESSABLE: 422,
  /** An email template names a {{placeholder}} its kind does not offer; `details.placeholder` names it. */
  UNKNOWN_PLACEHOLDER: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class ApiError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After` on RATE_LIMITED. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = errorStatus[code];
  }

  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** The API's answer to input a query could not run on (db/errors.ts). */
export function fromQueryInputError(err: QueryInputError): ApiError {
  return new ApiError(err.reason === 'cursor' ? 'INVALID_CURSOR' : 'VALIDATION_FAILED', err.message, { issues: err.issues });
}

export const notFound = (what: string): ApiError => new ApiError('NOT_FOUND', `${what} was not found`);
