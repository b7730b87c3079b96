/**
 * Signing in to the dashboard and what belongs to the signed-in person:
 * their session, their password, password reset, and accepting invitations.
 * Mounted at /v1/admin, beside (not under) the store-scoped routes.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { acceptInvite, changeOwnPassword, confirmPasswordReset, openInvite, requestPasswordReset } from '../../domain/admin-accounts';
import { authenticate } from '../../domain/admin-login';
import { csrfMatches, endSession, sessionJson, startSession } from '../../domain/admin-sessions';
import type { AdminUser } from '../../../db/schema';
import { checkOrigin, clearSessionCookie, loadSession, requireSession, setSessionCookie } from '../../http/admin-session';
import { BODY_LIMITS, jsonBody as readJsonBody } from '../../http/body';
import { validationHook } from '../../http/validation';
import { errorResponses, json, jsonBody } from '../../schemas/common';
import {
  InviteAcceptSchema,
  InviteInfoSchema,
  InviteTokenParams,
  LoginBodySchema,
  PasswordChangeSchema,
  ResetConfirmSchema,
  ResetRequestSchema,
  SessionSchema,
} from '../../schemas/admin-access';

export const adminSession = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const open: [] = [];
const session = [{ session: [] }];

// Listed, not '*': mounted at /v1/admin, a '*' would also run on every store-scoped route.
// Small bodies only (an email and a password); signed-out POSTs from another origin are refused (login CSRF).
for (const path of ['/login', '/logout', '/session', '/password', '/password-reset', '/password-reset/confirm', '/invites/*']) {
  adminSession.use(path, readJsonBody({ maxBytes: BODY_LIMITS.session }), async function sameOrigin(c, next) {
    checkOrigin(c);
    return next();
  });
}
for (const path of ['/logout', '/session', '/password']) adminSession.use(path, requireSession());

async function signIn(c: Context<AppEnv>, user: AdminUser) {
  const { token, signedIn } = await startSession(c.get('db'), user, c.get('now'), c.req.header('user-agent'));
  setSessionCookie(c, token);
  c.header('Cache-Control', 'no-store');
  return sessionJson(c.get('db'), signedIn);
}

adminSession.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    operationId: 'login',
    tags: ['Dashboard'],
    security: open,
    summary: 'Sign in to the dashboard with email and password',
    description:
      'Sets the `verity_session` cookie (HttpOnly, SameSite=Lax, Secure except on a localhost URL) and answers the CSRF token to send as `X-CSRF-Token` on every change. ' +
      'A wrong email and a wrong password get the same LOGIN_FAILED. After 5 failures for an account, or 20 from an address, within 15 minutes: RATE_LIMITED with Retry-After.',
    request: { body: jsonBody(LoginBodySchema) },
    responses: { 200: json(SessionSchema, 'Signed in'), ...errorResponses(400, 401, 403, 413, 415, 429) },
  }),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const user = await authenticate(c.get('db'), { email, password, address: c.get('clientAddress'), now: c.get('now') });
    return c.json(await signIn(c, user), 200);
  },
);

adminSession.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    operationId: 'logout',
    tags: ['Dashboard'],
    security: session,
    summary: 'Sign out: the session ends on the server and the cookie is cleared',
    responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
  }),
  async (c) => {
    await endSession(c.get('db'), c.get('session').token);
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

adminSession.openapi(
  createRoute({
    method: 'get',
    path: '/session',
    operationId: 'getSession',
    tags: ['Dashboard'],
    security: session,
    summary: 'Who is signed in, in which stores with which role, and the CSRF token',
    responses: { 200: json(SessionSchema, 'The session'), ...errorResponses(401) },
  }),
  async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await sessionJson(c.get('db'), c.get('session')), 200);
  },
);

adminSession.openapi(
  createRoute({
    method: 'post',
    path: '/password',
    operationId: 'changePassword',
    tags: ['Dashboard'],
    security: session,
    summary: 'Change your password; every other session of yours ends',
    request: { body: jsonBody(PasswordChangeSchema) },
    responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403, 413, 415) },
  }),
  async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const { user, session: current } = c.get('session');
    await changeOwnPassword(c.get('db'), user, { currentPassword, newPassword, keepSession: current.tokenHash, address: c.get('clientAddress'), now: c.get('now') });
    return c.body(null, 204);
  },
);

adminSession.openapi(
  createRoute({
    method: 'post',
    path: '/password-reset',
    operationId: 'requestPasswordReset',
    tags: ['Dashboard'],
    security: open,
    summary: 'Email a password reset link (valid one hour, once)',
    description: 'Always 202, whether or not the address has an account, so the form tells nobody who has one.',
    request: { body: jsonBody(ResetRequestSchema) },
    responses: { 202: { description: 'If the address has an account, a link is on its way' }, ...errorResponses(400, 403, 413, 415) },
  }),
  async (c) => {
    await requestPasswordReset(c.get('db'), { email: c.req.valid('json').email, now: c.get('now'), baseUrl: c.get('baseUrl') });
    return c.body(null, 202);
  },
);

adminSession.openapi(
  createRoute({
    method: 'post',
    path: '/password-reset/confirm',
    operationId: 'confirmPasswordReset',
    tags: ['Dashboard'],
    security: open,
    summary: 'Set a new password with the emailed token; every session of the account ends',
    request: { body: jsonBody(ResetConfirmSchema) },
    responses: { 204: { description: 'Changed; sign in with the new password' }, ...errorResponses(400, 403, 409, 410, 413, 415) },
  }),
  async (c) => {
    const { token, password } = c.req.valid('json');
    await confirmPasswordReset(c.get('db'), { token, password, now: c.get('now') });
    return c.body(null, 204);
  },
);

adminSession.openapi(
  createRoute({
    method: 'get',
    path: '/invites/{token}',
    operationId: 'getInvite',
    tags: ['Dashboard'],
    security: open,
    summary: 'What an emailed invitation is for, before accepting it',
    request: { params: InviteTokenParams },
    responses: { 200: json(InviteInfoSchema, 'The invitation'), ...errorResponses(400, 403, 409, 410) },
  }),
  async (c) => {
    const { store, invite, existingUser } = await openInvite(c.get('db'), c.req.valid('param').token, c.get('now'));
    c.header('Cache-Control', 'no-store');
    return c.json({ storeName: store.name, email: invite.email, role: invite.role, existingUser: Boolean(existingUser) }, 200);
  },
);

adminSession.openapi(
  createRoute({
    method: 'post',
    path: '/invites/accept',
    operationId: 'acceptInvite',
    tags: ['Dashboard'],
    security: open,
    summary: 'Accept an invitation and sign in',
    description: 'A new account needs `password` (and may give `name`); an existing account gives its password unless it is already signed in.',
    request: { body: jsonBody(InviteAcceptSchema) },
    responses: { 200: json(SessionSchema, 'Joined and signed in'), ...errorResponses(400, 401, 403, 409, 410, 413, 415) },
  }),
  async (c) => {
    const { token, name, password } = c.req.valid('json');
    // The signed-in account counts as proof only with its CSRF token: a forged form must not join it anywhere.
    const current = await loadSession(c);
    const signedInAs = current && csrfMatches(current.session, c.req.header('x-csrf-token')) ? current.user : undefined;
    const user = await acceptInvite(c.get('db'), { token, name, password, signedInAs, address: c.get('clientAddress'), now: c.get('now') });
    return c.json(await signIn(c, user), 200);
  },
);
