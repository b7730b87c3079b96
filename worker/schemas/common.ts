/** Schemas shared by every route: parameters, the error shape, summaries. */
import { z } from '@hono/zod-openapi';
import { errorStatus, type ErrorCode } from '../errors';

/** Identifiers in paths: what a slug or a platform's product id looks like, nothing that needs escaping. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const StoreIdParam = z
  .string()
  .regex(idPattern, { error: 'store must be 1-128 letters, digits, ".", "_", ":" or "-"' })
  .openapi({ param: { name: 'store', in: 'path' }, example: 'demo' });

export const ProductIdParam = z
  .string()
  .regex(idPattern, { error: 'product must be 1-128 letters, digits, ".", "_", ":" or "-"' })
  .openapi({ param: { name: 'product', in: 'path' }, example: 'classic-tee' });

export const ReviewIdParam = z
  .string()
  .regex(/^rv_[0-9a-z]{24}$/, { error: 'review id must look like rv_ followed by 24 letters or digits' })
  .openapi({ param: { name: 'id', in: 'path' }, example: 'rv_0a1b2c3d4e5f6g7h8j9k0m1n' });

export const StoreParams = z.object({ store: StoreIdParam });
export const ProductParams = z.object({ store: StoreIdParam, product: ProductIdParam });
export const ReviewParams = z.object({ store: StoreIdParam, id: ReviewIdParam });

/** Every code the API can answer with, read from errorStatus so the document cannot fall behind errors.ts. */
const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).openapi({ example: 'VALIDATION_FAILED', description: 'Stable: what widgets translate' }),
      message: z.string().openapi({ example: 'rating: must be an integer from 1 to 5' }),
      details: z.unknown().optional().openapi({ description: 'Depends on the code, e.g. `issues` for VALIDATION_FAILED' }),
    }),
  })
  .openapi('Error');

type ErrorHttpStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** The codes answered with one HTTP status, to name them beside it. */
export const codesFor = (status: number): ErrorCode[] => errorCodes.filter((code) => errorStatus[code] === status);

export const errorResponses = (...statuses: ErrorHttpStatus[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: `${errorDescriptions[s]} (${codesFor(s).join(', ')})`, content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );

const errorDescriptions = {
  400: 'Invalid input: the message names the field and what to fix',
  401: 'Missing or invalid secret key or signature',
  403: 'The key, origin or link does not grant access',
  404: 'No such store, product or review',
  409: 'Already done (a vote, a report, a used link)',
  410: 'The link has expired',
  413: 'Body or Markdown text too long',
  415: 'Body is not JSON',
  422: 'Markdown that cannot be rendered safely',
  429: 'Too many requests; see Retry-After',
  503: 'A dependency is unavailable; try again later',
} as const satisfies Record<ErrorHttpStatus, string>;

export const SummarySchema = z
  .object({
    count: z.number().int(),
    average: z.number().openapi({ example: 4.33 }),
    histogram: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
    verifiedCount: z.number().int(),
  })
  .openapi('ReviewSummary');

export const ReplySchema = z
  .object({ body: z.string(), bodyHtml: z.string(), createdAt: z.string(), updatedAt: z.string() })
  .openapi('MerchantReply');

/** No control characters (NUL, escapes) and no lone surrogates, which cannot be stored as UTF-8. */
const printable = (s: string) => s.isWellFormed() && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);

/** A single line of plain text a person typed: a name, a title. */
export const plainText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine(printable, { error: `${field} must not contain control characters or invalid Unicode` });

export const AuthorSchema = z.object({
  name: plainText('author.name', 80).refine((s) => s.length > 0, { error: 'author.name is required' }),
  email: z.email({ error: 'author.email must be a valid email address' }).max(254),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
