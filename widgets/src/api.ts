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
  code: string;
  message: string;
  details?: { issues?: Array<{ path: string; message: string }> };
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

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as T & { error?: ApiErrorBody };
  if (!res.ok) throw new ApiFailure(res.status, body.error ?? { code: 'NETWORK', message: res.statusText });
  return body;
}

const post = <T>(url: string, json: unknown) =>
  request<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });

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
  post<{ helpfulCount: number; unhelpfulCount: number }>(`${api}/v1/stores/${enc(store)}/reviews/${enc(review)}/votes`, { value, voter: voterToken() });

export const report = (api: string, store: string, review: string) =>
  post<{ status: string }>(`${api}/v1/stores/${enc(store)}/reviews/${enc(review)}/reports`, { reason: 'other', reporter: voterToken() });

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
    ? post<{ id: string; status: string }>(`${api}/r/${enc(token)}`, review)
    : post<{ id: string; status: string }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/reviews`, review);

export function questions(api: string, store: string, product: string, query: { sort: string; q?: string; limit: number; cursor?: string | null }) {
  const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit) });
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  return request<{ questions: Question[]; nextCursor: string | null }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/questions?${params}`);
}

export const ask = (api: string, store: string, product: string, body: string, author: { name: string; email: string }) =>
  post<{ id: string; status: string }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/questions`, { body, author });

export const answer = (api: string, store: string, question: string, body: string, author: { name: string; email: string }) =>
  post<{ id: string; status: string }>(`${api}/v1/stores/${enc(store)}/questions/${enc(question)}/answers`, { body, author });

export const voteAnswer = (api: string, store: string, answerId: string) =>
  post<{ helpfulCount: number }>(`${api}/v1/stores/${enc(store)}/answers/${enc(answerId)}/votes`, { voter: voterToken() });
