/**
 * The dashboard's one way to the server: the merchant API with the session
 * cookie (never a key), the CSRF token on every write, and one error type
 * whose message is ready to show. Shapes follow /work/briefs/dashboard-api.md.
 */

import type { z } from '@hono/zod-openapi';
import type { AuditEntrySchema, InviteInfoSchema, MembersSchema, SessionSchema } from '../../../worker/schemas/admin-access';
import type { ProductWithFiguresSchema, StoreSchema } from '../../../worker/schemas/admin';
import type { InboxItemSchema } from '../../../worker/schemas/inbox';
import type { NotificationPrefsSchema } from '../../../worker/schemas/notifications';
import type { InsightsSchema } from '../../../worker/schemas/insights';
import type { EmailPreviewResultSchema, EmailTemplateSchema } from '../../../worker/schemas/email-templates';
import type { ImportJobSchema } from '../../../worker/schemas/imports';

// Shapes the server has a schema for are taken from it (type-only: nothing of zod reaches the bundle), so they cannot fall behind.
export type Role = 'owner' | 'moderator';
export type Status = 'pending' | 'published' | 'rejected' | 'spam';
export type Tab = 'reviews' | 'questions' | 'answers' | 'reported';
export type ItemKind = 'review' | 'question' | 'answer';

export type Session = z.output<typeof SessionSchema>;

export type InboxItem = z.output<typeof InboxItemSchema>;

export type Counts = Record<Tab, number>;

export interface InboxQuery {
  tab: Tab;
  status?: Status;
  rating?: number;
  product?: string;
  verified?: boolean;
  hasReply?: boolean;
  q?: string;
  cursor?: string | null;
}

export type StoreSettings = z.output<typeof StoreSchema>;

export type Notifications = z.output<typeof NotificationPrefsSchema>;

export type ProductRow = z.output<typeof ProductWithFiguresSchema>;

export type Members = z.output<typeof MembersSchema>;

export type ImportJob = z.output<typeof ImportJobSchema>;

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  /** What it is for: request, reminder, invite, notify, digest… */
  purpose: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export type AuditEntry = z.output<typeof AuditEntrySchema>;

export type Invite = z.output<typeof InviteInfoSchema>;

export type Insights = z.output<typeof InsightsSchema>;
export type EmailTemplate = z.output<typeof EmailTemplateSchema>;
export type EmailPreview = z.output<typeof EmailPreviewResultSchema>;

/** A refused or failed request; `message` is a sentence a merchant can act on. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { issues?: Array<{ path: string; message: string }> },
  ) {
    super(message);
  }
}

let csrfToken = '';

/** Remembered from login or the session: every write sends it back. */
export function useSession(session: Session | null): void {
  csrfToken = session?.csrfToken ?? '';
}

/** Fired on window when the server says the session is gone, so the app shows the sign-in screen. */
export const SIGNED_OUT = 'verity-admin-signed-out';

/** `file` sends a file as it is (an import) instead of a JSON body. */
async function call<T>(method: string, path: string, body?: unknown, file?: Blob): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (file) headers['content-type'] = /\.json$/i.test((file as File).name ?? '') ? 'application/json' : 'text/csv';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: file ?? (body === undefined ? undefined : JSON.stringify(body)) });
  } catch {
    throw new AdminApiError(0, 'NETWORK', 'Verity could not be reached. Check your connection and try again.');
  }
  if (res.status === 204 || (res.status === 202 && !file)) return undefined as T;
  const json = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string; details?: AdminApiError['details'] } }) | null;
  if (!res.ok || json === null) {
    const error = json?.error;
    // A store route answering 401 means the session expired or was revoked elsewhere.
    if (res.status === 401 && path.startsWith('/v1/admin/stores/')) window.dispatchEvent(new Event(SIGNED_OUT));
    const issues = error?.details?.issues;
    const message = error ? (issues?.length ? issues.map((i) => i.message).join('; ') : error.message) : `The server answered ${res.status} ${res.statusText}; try again in a moment.`;
    throw new AdminApiError(res.status, error?.code ?? 'HTTP', message.charAt(0).toUpperCase() + message.slice(1), error?.details);
  }
  return json;
}

const enc = encodeURIComponent;
const storePath = (store: string, rest = '') => `/v1/admin/stores/${enc(store)}${rest}`;

function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  session: () => call<Session>('GET', '/v1/admin/session'),
  login: (email: string, password: string) => call<Session>('POST', '/v1/admin/login', { email, password }),
  logout: () => call<void>('POST', '/v1/admin/logout'),
  requestReset: (email: string) => call<void>('POST', '/v1/admin/password-reset', { email }),
  confirmReset: (token: string, password: string) => call<void>('POST', '/v1/admin/password-reset/confirm', { token, password }),
  invite: (token: string) => call<Invite>('GET', `/v1/admin/invites/${enc(token)}`),
  acceptInvite: (token: string, name?: string, password?: string) => call<Session>('POST', '/v1/admin/invites/accept', { token, name, password }),

  inbox: (store: string, q: InboxQuery) => call<{ items: InboxItem[]; nextCursor: string | null; counts: Counts }>('GET', storePath(store, `/inbox${query({ ...q, limit: 50 })}`)),
  moderate: (store: string, items: Array<{ kind: ItemKind; id: string }>, status: Status) => call<{ updated: number }>('POST', storePath(store, '/inbox/moderate'), { items, status }),
  putReply: (store: string, review: string, body: string) => call<{ body: string; bodyHtml: string }>('PUT', storePath(store, `/reviews/${enc(review)}/reply`), { body }),
  deleteReply: (store: string, review: string) => call<void>('DELETE', storePath(store, `/reviews/${enc(review)}/reply`)),
  putAnswer: (store: string, question: string, body: string) => call<{ body: string; bodyHtml: string }>('PUT', storePath(store, `/questions/${enc(question)}/answer`), { body }),
  deleteAnswer: (store: string, question: string) => call<void>('DELETE', storePath(store, `/questions/${enc(question)}/answer`)),
  /** Hides one photo or video of a review from shoppers (or shows it again); audited as media.hide / media.show. */
  setMediaHidden: (store: string, media: string, hidden: boolean) => call<{ media: { id: string; hidden: boolean } }>('PATCH', storePath(store, `/media/${enc(media)}`), { hidden }),

  products: (store: string, q?: string, cursor?: string | null, limit = 50) =>
    call<{ products: ProductRow[]; nextCursor: string | null }>('GET', storePath(store, `/products${query({ q, cursor, limit })}`)),
  productContent: (store: string, product: string, cursor?: string | null) =>
    call<{ product: ProductRow; items: InboxItem[]; nextCursor: string | null }>('GET', storePath(store, `/products/${enc(product)}/content${query({ cursor })}`)),

  store: (store: string) => call<StoreSettings>('GET', storePath(store)),
  updateStore: (store: string, changes: Record<string, unknown>) => call<StoreSettings>('PATCH', storePath(store), changes),
  notifications: (store: string) => call<Notifications>('GET', storePath(store, '/notifications')),
  putNotifications: (store: string, n: Notifications) => call<Notifications>('PUT', storePath(store, '/notifications'), n),
  rotateKeys: (store: string) => call<{ publicKey: string; secretKey: string; webhookSecret: string }>('POST', storePath(store, '/keys/rotate')),

  members: (store: string) => call<Members>('GET', storePath(store, '/members')),
  sendInvite: (store: string, email: string, role: Role) => call<Members['invites'][number]>('POST', storePath(store, '/invites'), { email, role }),
  revokeInvite: (store: string, id: string) => call<void>('DELETE', storePath(store, `/invites/${enc(id)}`)),
  setRole: (store: string, userId: string, role: Role) => call<unknown>('PATCH', storePath(store, `/members/${enc(userId)}`), { role }),
  removeMember: (store: string, userId: string) => call<void>('DELETE', storePath(store, `/members/${enc(userId)}`)),

  outbox: (store: string, status?: string, cursor?: string | null) =>
    call<{ emails: OutboxEmail[]; nextCursor: string | null }>('GET', storePath(store, `/outbox${query({ status, cursor, limit: 50 })}`)),
  retryFailed: (store: string) => call<{ requeued: number }>('POST', storePath(store, '/outbox/retry')),
  retryEmail: (store: string, id: string) => call<{ id: string; status: 'queued' }>('POST', storePath(store, `/outbox/${enc(id)}/retry`)),

  audit: (store: string, q: { action?: string; actor?: string; before?: number | null }) =>
    call<{ entries: AuditEntry[]; nextBefore: number | null }>('GET', storePath(store, `/audit${query({ ...q, limit: 50 })}`)),
  insights: (store: string, weeks: number | 'all') => call<Insights>('GET', storePath(store, `/insights${query({ weeks })}`)),

  emailTemplates: (store: string) => call<{ templates: EmailTemplate[] }>('GET', storePath(store, '/email-templates')),
  previewEmail: (store: string, input: Pick<EmailTemplate, 'kind' | 'locale' | 'subject' | 'body'>) => call<EmailPreview>('POST', storePath(store, '/email-templates/preview'), input),
  /** The preview's HTML part as its own page, for an <iframe sandbox>: a GET, so the frame loads it with the session cookie. */
  previewEmailHtmlUrl: (store: string, input: Pick<EmailTemplate, 'kind' | 'locale' | 'subject' | 'body'>) => storePath(store, `/email-templates/preview.html${query(input)}`),
  putEmailTemplate: (store: string, kind: string, locale: string, wording: { subject: string; body: string }) =>
    call<EmailTemplate>('PUT', storePath(store, `/email-templates/${enc(kind)}/${enc(locale)}`), wording),
  resetEmailTemplate: (store: string, kind: string, locale: string) => call<EmailTemplate>('DELETE', storePath(store, `/email-templates/${enc(kind)}/${enc(locale)}`)),

  startImport: (store: string, file: File, q: { kind: string; vendor: string; dryRun: boolean }) =>
    call<{ job: ImportJob }>('POST', storePath(store, `/imports${query(q)}`), undefined, file),
  importJob: (store: string, id: string) => call<{ job: ImportJob }>('GET', storePath(store, `/imports/${enc(id)}`)),
  /** A plain link: the browser downloads it with the session cookie. */
  exportUrl: (store: string, file: string) => storePath(store, `/exports/${enc(file)}`),
};
