/**
 * The dashboard's session cookie on a request: reading it (and sliding it),
 * setting and clearing it, and the CSRF rule for every change made with it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AdminSession } from '../../db/schema';
import type { AppEnv } from '../context';
import { csrfMatches, resumeSession, SESSION_COOKIE, SESSION_TTL_MS } from '../domain/admin-sessions';
import { ApiError } from '../errors';

/** `Secure` everywhere but a plain-http localhost, where browsers would drop a Secure cookie. */
const cookieOptions = (c: Context<AppEnv>) => {
  const { protocol, hostname } = new URL(c.get('baseUrl') || 'http://localhost');
  const local = protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1');
  return { httpOnly: true, sameSite: 'Lax', path: '/', secure: !local } as const;
};

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** The request's live session (also on `c.get('session')`), or undefined; a slid session gets its cookie again. */
export async function loadSession(c: Context<AppEnv>) {
  if (c.get('session')) return c.get('session');
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return undefined;
  const found = await resumeSession(c.get('db'), token, c.get('now'));
  if (!found) return undefined;
  if (found.slid) setSessionCookie(c, token);
  const session = { ...found, token };
  c.set('session', session);
  return session;
}

const unsafe = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/**
 * A browser sends `Origin` on every cross-site POST; when it is there it must
 * be this deployment's. SameSite=Lax already keeps the cookie off cross-site
 * POSTs; this also covers sibling subdomains, which count as the same site.
 */
export function checkOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header('origin');
  if (origin !== undefined && unsafe(c.req.method) && !isPublicOrigin(origin, c.get('baseUrl'))) {
    throw new ApiError('CSRF_FAILED', `requests from ${origin.slice(0, 200)} may not change anything here`);
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The public origin, or on a loopback one (`npm start` prints 127.0.0.1) the
 * same scheme and port under another loopback name: one machine, one server,
 * so `http://localhost:8787/admin` signs in too. Another port is another site.
 */
function isPublicOrigin(origin: string, baseUrl: string): boolean {
  const expected = new URL(baseUrl);
  if (origin === expected.origin) return true;
  let given: URL;
  try {
    given = new URL(origin);
  } catch {
    return false;
  }
  return LOOPBACK.has(expected.hostname) && LOOPBACK.has(given.hostname) && given.protocol === expected.protocol && given.port === expected.port;
}

/** Every change made with the session cookie must echo the session's CSRF token in X-CSRF-Token. */
export function checkCsrf(c: Context<AppEnv>, signedIn: { session: AdminSession }): void {
  checkOrigin(c);
  if (unsafe(c.req.method) && !csrfMatches(signedIn.session, c.req.header('x-csrf-token'))) {
    throw new ApiError('CSRF_FAILED', 'send the csrfToken from the sign-in answer in the X-CSRF-Token header');
  }
}

export const signedOut = () => new ApiError('UNAUTHORIZED', 'sign in first: this needs a dashboard session');

/** For the routes of the signed-in user themself (session, logout, password): a session is required. */
export const requireSession = (): MiddlewareHandler<AppEnv> =>
  async function requireSession(c, next) {
    const session = await loadSession(c);
    if (!session) throw signedOut();
    checkCsrf(c, session);
    return next();
  };
