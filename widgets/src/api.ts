/**
 * The only place widgets talk to the server; summaries requested in the same
 * tick share one request (summaries.ts). Every type of what goes over the wire
 * is the worker's own schema's (`z.output` of what a route answers, `z.input`
 * of what it takes), imported as types only: none of zod reaches the bundle,
 * and a change to a schema fails the type check of the code that uses it.
 */
import type { z } from '@hono/zod-openapi';
import type { QuestionSort } from '../../db/queries/questions';
import type { ReviewSort } from '../../db/queries/reviews';
import type { ErrorCode } from '../../worker/errors';
import type { ValidationIssue } from '../../worker/http/validation';
import type { LinkReviewSchema } from '../../worker/routes/links/review';
import type { ReplySchema } from '../../worker/schemas/common';
import type { StoreConfigSchema } from '../../worker/schemas/config';
import type { AnswerSchema, AnswerVoteSchema, NewAnswerSchema, NewQuestionSchema, QuestionSchema } from '../../worker/schemas/questions';
import type {
  CreatedReviewSchema,
  NewReviewSchema,
  PublicReviewSchema,
  ReportSchema,
  ReviewListSchema,
  VoteResultSchema,
  VoteSchema,
} from '../../worker/schemas/reviews';
import type { Summary } from './summaries';

export type { Summary };
export { scriptOrigin } from './summaries';

export type Reply = z.output<typeof ReplySchema>;
export type Review = z.output<typeof PublicReviewSchema>;
export type ReviewPage = z.output<typeof ReviewListSchema>;
export type Answer = z.output<typeof AnswerSchema>;
export type Question = z.output<typeof QuestionSchema>;
/** What a write of a review, question or answer answers: its id, and whether it shows now or after moderation. */
export type Created = z.output<typeof CreatedReviewSchema>;

/** What the forms read when they open: Turnstile's site key and script when the store asks for a token. */
export type StoreConfig = z.output<typeof StoreConfigSchema>;

export type NewReview = z.input<typeof NewReviewSchema>;
/** A review through a signed link (`/r/:token`): the order names the buyer, so a name and no email. */
export type LinkReview = z.input<typeof LinkReviewSchema>;
export type VoteBody = z.input<typeof VoteSchema>;
export type ReportBody = z.input<typeof ReportSchema>;
export type NewQuestion = z.input<typeof NewQuestionSchema>;
export type NewAnswer = z.input<typeof NewAnswerSchema>;
export type AnswerVoteBody = z.input<typeof AnswerVoteSchema>;

export interface ApiErrorBody {
  /** One of the worker's codes; NETWORK when no answer arrived, HTTP for a 4xx that is not Verity's. */
  code: ErrorCode | 'NETWORK' | 'HTTP';
  message: string;
  /** What the codes the widgets act on carry: `issues` (VALIDATION_FAILED), `origin` (ORIGIN_NOT_ALLOWED). */
  details?: { issues?: ValidationIssue[]; origin?: string };
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

/**
 * Until when reads revalidate with the server. Public answers may be reused by
 * the browser for 10 s (Cache-Control); a shopper who has just written must
 * see their own review, so for a minute after a write every read asks the
 * server, which answers 304 when nothing changed.
 */
let revalidateUntil = 0;

/** Every failure is an ApiFailure: a network error or a proxy's non-JSON page included, so elements handle one type. */
export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init ?? (Date.now() < revalidateUntil ? { cache: 'no-cache' } : undefined));
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
    revalidateUntil = Date.now() + 60_000;
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
  sort: ReviewSort;
  rating?: number;
  verified?: boolean;
  q?: string;
  limit: number;
  cursor?: string | null;
  /** Only reviews with a photo or video ("with photos"). */
  media?: boolean;
}

export function reviews(api: string, store: string, product: string, query: ReviewQuery) {
  const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit) });
  if (query.rating) params.set('rating', String(query.rating));
  if (query.verified) params.set('verified', 'true');
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.media) params.set('media', 'true');
  return request<ReviewPage>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/reviews?${params}`);
}

export const vote = (api: string, store: string, review: string, value: VoteBody['value']) =>
  post<z.output<typeof VoteResultSchema>>(`${api}/v1/stores/${enc(store)}/reviews/${enc(review)}/votes`, store, { value, voter: voterToken() } satisfies VoteBody);

/** The reasons a shopper picks from (the API takes a few more, for merchants' tools). */
export type ReportReason = Extract<ReportBody['reason'], 'spam' | 'offensive' | 'off_topic' | 'other'>;

export const report = (api: string, store: string, review: string, reason: ReportReason) =>
  post<{ status: 'received' }>(`${api}/v1/stores/${enc(store)}/reviews/${enc(review)}/reports`, store, { reason, reporter: voterToken() } satisfies ReportBody);

export const submitReview = (api: string, store: string, product: string, review: NewReview) =>
  post<Created>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/reviews`, store, review);

/** With a signed link token the review goes to the hosted page's endpoint and is verified. */
export const submitLinkReview = (api: string, store: string, token: string, review: LinkReview) =>
  post<Created & { verified: true; verification: 'order' }>(`${api}/r/${enc(token)}`, store, review);

export function questions(api: string, store: string, product: string, query: { sort: QuestionSort; q?: string; limit: number; cursor?: string | null }) {
  const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit) });
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  return request<{ questions: Question[]; nextCursor: string | null }>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/questions?${params}`);
}

export const storeConfig = (api: string, store: string) => request<StoreConfig>(`${api}/v1/stores/${enc(store)}/config`);

/** `turnstileToken`: the Turnstile widget's token, when the store asks for one (see turnstile.ts). */
export const ask = (api: string, store: string, product: string, body: string, author: NewQuestion['author'], turnstileToken?: string) =>
  post<Created>(`${api}/v1/stores/${enc(store)}/products/${enc(product)}/questions`, store, { body, author, turnstileToken } satisfies NewQuestion);

export const answer = (api: string, store: string, question: string, body: string, author: NewAnswer['author'], turnstileToken?: string) =>
  post<Created>(`${api}/v1/stores/${enc(store)}/questions/${enc(question)}/answers`, store, { body, author, turnstileToken } satisfies NewAnswer);

export const voteAnswer = (api: string, store: string, answerId: string) =>
  post<Pick<Answer, 'helpfulCount'>>(`${api}/v1/stores/${enc(store)}/answers/${enc(answerId)}/votes`, store, { voter: voterToken() } satisfies AnswerVoteBody);
