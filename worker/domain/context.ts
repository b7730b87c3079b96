/**
 * What every domain call that acts for a request is given: the database, the
 * store it acts on, the request's clock reading and the public base URL (for
 * the links in the emails it enqueues). One shape, so a rule never reaches for
 * Hono's request context and runs the same from a route, the CLI or a test.
 */
import type { Db } from '../../db/client';
import type { Store } from '../../db/schema';

export interface DomainContext {
  db: Db;
  store: Store;
  /** Milliseconds since the epoch. */
  now: number;
  /** Public base URL of the deployment, without a trailing slash. */
  baseUrl: string;
}

/** A shopper's public write (review, question, answer): also the writer's client address, as the runtime can trust it, for the store's block list. */
export interface WriteContext extends DomainContext {
  clientAddress?: string;
}
