/**
 * The only place widgets talk to the server. Types mirror the worker's
 * response schemas; summaries requested in the same tick share one request.
 */

import type { Summary } from './summaries';

export type { Summary };
export { scriptOrigin } from './summaries';

export interface Reply {
  body: string;
  bodyHtml: string;
  createdAt: string;
}

export interface Review {
  id: string;
  rating: number;
  title: string | null;
  body: string;
  bodyHtml: string;
  author: { name: string };
  verified: boolean;
  createdAt: string;
  helpfulCount: number;
  unhelpfulCount: number;
  reply: Reply | null;
}

export interface Answer {
  id: string;
  body: string;
  bodyHtml: string;
  author: { name: string };
  kind: 'official' | 'owner' | 'community';
  accepted: boolean;
  helpfulCount: number;
  createdAt: string;
}

export interface Question {
  id: string;
  body: string;
  bodyHtml: string;
  author: { name: string };
  answerCount: number;
  createdAt: string;
  answers: Answer[];
}

export interface ApiErrorBody {
  /** One of the worker's ErrorCode values; NETWORK when no answer arrived, HTTP for a 4xx that is not Verity's. */
  code: string;
  message: string;
  details?: { issues?: Array<{ path: string; message: string }>; origin?: string };
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiErrorBody,
  ) {
    super(error.message);
  }
}

const enc = encodeURIComponent;

/** Every failure is an ApiFailure: a network error or a proxy's non-JSON page included, so elements handle one type. */
async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new ApiFailure(0, { code: 'NETWORK', message: String(err) });
  }
  const body = (await res.json().catch(() => ({}))) as T & { error?: ApiErrorBody };
  // An answer that is not Verity's (a proxy's error page) has no code: say "try later" for a 5xx, the generic failure otherwise.
  if (!res.ok) throw new ApiFailure(res.status, body.error ?? { code: res.status >= 500 ? 'UNAVAILABLE' : 'HTTP', message: res.statusText });
  return body;
}

/** Stores already named in the console, so a shopper clicking on does not flood it. */
const refusedStores = new Set<string>();

async function post<T>(url: string, store: string, json: unknown): Promise<T> {
  try {
    return await request<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
  } catch (err) {
    // The shopper only reads "can't be sent"; the developer who pasted the snippet needs to know what to change.
    if (err instanceof ApiFailure && err.error.code === 'ORIGIN_NOT_ALLOWED' && !refusedStores.has(store)) {
      refusedStores.add(store);
      const origin = err.error.details?.origin ?? location.origin;
      console.error(`[verity] writes from ${origin} are refused by store "${store}": add this origin to the store's allowedOrigins (PATCH /v1/admin/stores/${store})`);
    }
    throw err;
  }
}

/** A per-browser random token for votes and reports (one vote per voter). */
export function voterToken(): string {
  const key = 'verity-voter';
  try {
    let token = localStorage.getItem(key);
    if (!token) {
      token = Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem(key, token);
    }
    return token;
  } catch {
    return Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
  }
}

export interface ReviewQuery {
  sort: string;
  rating?: number;
  verified?: boolean;
  q?: string;
  limit: number;
  cursor?: string | null;
}

export function reviews(api: string, store: string, product: string, query: ReviewQuery) {
  const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit) });
  if (query.rating) params.set('rating', String(query.rating));
  if (query.verified) params.set('verified', 'true');
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  return request<{ summary: Summary; reviews: Review[]; nextCursor: string | null }>(
    `${api}/v1/stores/${enc(store)}/products/${enc(product)}/reviews?${params}`,
  );
}

export const vote = (api: string, store: string, review: string, value: 'helpful' | 'unhelpful') =>
  post<{ helpfulCount: number; unhelpfulCount: number }>(`${api}/v1/stores/${enc(store)}/reviews/${enc(review)}/votes`, store, { value, voter: voterToken() });

/** The reasons a shopper picks from (the API takes a few more, for merchants' tools). */
export type ReportReason = 'spam' | 'offensive' | 'off_topic' | 'other';

export const report = (api: string, store: string, review: string, reason: ReportReason) =>
  post<{ status: string }>(`${api}/v1/stores/${enc(store)}/reviews/${enc(review)}/reports`, store, { reason, reporter: voterToken() });

export interface NewReview {
  rating: number;
  title?: string;
  body: string;
  author?: { name: string; email: string };
  name?: string;
  website?: string;
  locale?: string;
}

/** With a signed link token the review goes to the hosted page's endpoint and is verified. */
export const submitReview = (api: string, store: string, product: string, review: NewReview, token?: string) =>
  token
    ? post<{ id: string; status: string }>(`${api}/r/${enc(token)}`, store, review)
    : post<{ id: string; status: string }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/reviews`, store, review);

export function questions(api: string, store: string, product: string, query: { sort: string; q?: string; limit: number; cursor?: string | null }) {
  const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit) });
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  return request<{ questions: Question[]; nextCursor: string | null }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/questions?${params}`);
}

export const ask = (api: string, store: string, product: string, body: string, author: { name: string; email: string }) =>
  post<{ id: string; status: string }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/questions`, store, { body, author });

export const answer = (api: string, store: string, question: string, body: string, author: { name: string; email: string }) =>
  post<{ id: string; status: string }>(`${api}/v1/stores/${enc(store)}/questions/${enc(question)}/answers`, store, { body, author });

export const voteAnswer = (api: string, store: string, answerId: string) =>
  post<{ helpfulCount: number }>(`${api}/v1/stores/${enc(store)}/answers/${enc(answerId)}/votes`, store, { voter: voterToken() });
