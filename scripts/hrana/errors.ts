/** The two ways a request fails: the whole HTTP request (HttpError) or one stream request in a pipeline (RequestError). */

import Database from 'libsql';
import type { ProtoError } from './protocol';

/** Fails the whole HTTP request; the client then treats the stream as gone. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function protocolError(message: string): HttpError {
  return new HttpError(400, 'PROTOCOL_ERROR', message);
}

/** Fails one stream request (reported in its result); the rest of the pipeline still runs. */
export class RequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export function serverClosed(): RequestError {
  return new RequestError('SERVER_CLOSED', 'The server is shutting down');
}

export function toProtoError(e: unknown): ProtoError {
  if (e instanceof RequestError) return { message: e.message, code: e.code };
  if (e instanceof Database.SqliteError) {
    // Match sqld: the primary code (SQLITE_CONSTRAINT, not SQLITE_CONSTRAINT_UNIQUE) and this message prefix.
    return { message: `SQLite error: ${e.message}`, code: e.code.split('_').slice(0, 2).join('_') };
  }
  throw e;
}
