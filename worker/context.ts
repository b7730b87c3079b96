/** What the app needs from its runtime, and the Variables its middleware sets. */
import type { Context } from 'hono';
import type { Db } from '../db/client';
import type { Actor } from '../db/queries/audit';
import type { MemberRole, Store } from '../db/schema';
import type { SignedIn } from './domain/admin-sessions';
import type { DomainContext, WriteContext } from './domain/context';
import type { RateLimiter } from './lib/rate-limiter';
import type { MediaStorage } from './media/storage';

export interface AppDeps {
  /** The database for this request. Node hands out its one embedded client; Workers build an HTTP client per request. */
  db: (c: Context) => Db;
  /** Milliseconds since the epoch. Tests pass a fake clock. */
  clock: () => number;
  /** Limits public writes per client address and store. */
  rateLimiter: RateLimiter;
  /** The client's address as this runtime can trust it, or undefined when it cannot tell. */
  clientAddress: (c: Context) => string | undefined;
  /**
   * The one public origin of this deployment (PUBLIC_URL, or on the embedded
   * default the address it listens on). Every URL that leaves a request —
   * emails, canonical URLs, sitemaps, structured data, the embed snippet — is
   * built from it, never from the request's Host, which any client can forge.
   * A function where it is known only once the server listens.
   */
  publicUrl: string | (() => string);
  /** Whether /demo (the demo store's storefront) is served: on for the embedded default, off on a deployed Worker unless DEMO=on. */
  demo: boolean;
  /** Where Turnstile tokens are checked (TURNSTILE_VERIFY_URL); Cloudflare's siteverify when left out. */
  turnstileVerifyUrl?: string;
  /** The Turnstile script the storefront forms load (TURNSTILE_SCRIPT_URL); Cloudflare's when left out. */
  turnstileScriptUrl?: string;
  /** How a public request finds its store: getStore, or rows remembered until their store changes (rememberedStores); `request` is the one being answered. */
  store?: (db: Db, id: string, request: Request) => Promise<Store | undefined>;
  /** Where review photos and videos are kept (R2 on Workers, the data directory on Node); without it uploads answer UNAVAILABLE. */
  media?: MediaStorage;
}

export interface AppVariables {
  db: Db;
  now: number;
  /** Public base URL of this deployment (AppDeps.publicUrl), without a trailing slash. */
  baseUrl: string;
  /** The client's address as the runtime can trust it (AppDeps.clientAddress). */
  clientAddress: string | undefined;
  /** AppDeps.turnstileVerifyUrl, with its default. */
  turnstileVerifyUrl: string;
  /** AppDeps.turnstileScriptUrl, with its default. */
  turnstileScriptUrl: string;
  /** AppDeps.media: undefined when this deployment stores no media. */
  media: MediaStorage | undefined;
  /** The store the request is about, once a public route has resolved it. */
  store: Store;
  /** The store whose secret key (or whose member's session) authenticated a merchant request (http/merchant-auth.ts). */
  merchantStore: Store;
  /** Who is acting on a merchant route: a signed-in user or the store's secret key (recorded in the audit log). */
  actor: Actor;
  /** What the actor may do: a secret key acts as `owner`. */
  role: MemberRole;
  /** The dashboard session of the request's cookie, once worker/http/admin-session.ts has read it. */
  session: SignedIn & { token: string };
}

export interface AppEnv {
  Variables: AppVariables;
}

/** The domain's view of a request acting on `store` (domain/context.ts). */
export const domainContext = (c: Context<AppEnv>, store: Store): DomainContext => ({ db: c.get('db'), store, now: c.get('now'), baseUrl: c.get('baseUrl') });

/** domainContext plus the writer's client address, for the public writes the block list checks. */
export const writeContext = (c: Context<AppEnv>, store: Store): WriteContext => ({ ...domainContext(c, store), clientAddress: c.get('clientAddress') });
