/**
 * The JSON side of the signed-link pages. A browser posts a form and gets a
 * page; a script (a widget enhancing the page) sends or accepts JSON and gets
 * these answers. The routes read forms as well as JSON, so they are plain Hono
 * routes documented here rather than validated by OpenAPIHono.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { reviewStatuses } from '../../../db/schema';
import { errorResponses } from '../../schemas/common';
import { OwnerAnswerSchema } from './answer';
import { LinkReviewSchema } from './review';
import { AuthorEditSchema } from './edit';
import { BODY_LIMITS } from '../../http/body';

const TokenParams = z.object({
  token: z.string().openapi({ param: { name: 'token', in: 'path' }, description: 'The signed token from the email link' }),
});

/** JSON for scripts, the thank-you page for browsers. */
const jsonOrPage = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/html': { schema: z.string() } },
});

/** JSON or a form, the same fields either way. */
const body = (schema: z.ZodType) => ({
  required: true,
  description: `At most ${BODY_LIMITS.form} bytes. Send JSON (Content-Type: application/json) to get JSON back.`,
  content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } },
});

export function documentLinks(registry: OpenAPIHono['openAPIRegistry']): void {
  // The token in the path is the credential: no secret key.
  const base = { method: 'post' as const, tags: ['Email links'], security: [], request: { params: TokenParams } };
  const linkErrors = errorResponses(400, 403, 409, 410, 413, 415, 422);

  registry.registerPath({
    ...base,
    path: '/r/{token}',
    operationId: 'submitLinkReview',
    summary: 'A buyer writes a verified review through the link in their review request email',
    description: 'One review per order and product. `website` is a honeypot: leave it empty. Errors are pages for forms, JSON for scripts.',
    request: { ...base.request, body: body(LinkReviewSchema.openapi('LinkReview')) },
    responses: {
      201: jsonOrPage(
        z
          .object({ id: z.string(), status: z.enum(reviewStatuses), verified: z.literal(true), verification: z.literal('order') })
          .openapi('LinkReviewCreated'),
        'Accepted; `status` says whether it is published or held for the store',
      ),
      ...linkErrors,
    },
  });

  registry.registerPath({
    ...base,
    path: '/a/{token}',
    operationId: 'submitOwnerAnswer',
    summary: 'A past buyer answers a question as a verified owner',
    request: { ...base.request, body: body(OwnerAnswerSchema.openapi('OwnerAnswer')) },
    responses: {
      201: jsonOrPage(
        z.object({ id: z.string(), status: z.enum(reviewStatuses), kind: z.literal('owner') }).openapi('OwnerAnswerCreated'),
        'Accepted; `status` says whether it is published or held for the store',
      ),
      ...linkErrors,
    },
  });

  registry.registerPath({
    ...base,
    path: '/accept/{token}',
    operationId: 'acceptAnswerByLink',
    summary: 'The asker accepts an answer to their question',
    description: 'No body. Send Accept: application/json to get JSON back.',
    responses: {
      200: jsonOrPage(z.object({ acceptedAnswerId: z.string() }), 'Accepted: it now shows first'),
      ...errorResponses(403, 409, 410),
    },
  });

  registry.registerPath({
    ...base,
    path: '/e/{token}',
    operationId: 'editReviewByLink',
    summary: 'The author changes the rating and words of their review, through the link emailed to them',
    description:
      'The same rules as a new review. The review stays verified and is moderated again by the store’s policy (a rejected one stays rejected). ' +
      'The link is bound to the review’s version: once an edit is saved, older links answer LINK_USED, and `editUrl` (also emailed) is the new one.',
    request: { ...base.request, body: body(AuthorEditSchema.openapi('AuthorEdit')) },
    responses: {
      200: jsonOrPage(
        z.object({ id: z.string(), status: z.enum(reviewStatuses), editedAt: z.string(), editUrl: z.string() }).openapi('AuthorEditSaved'),
        'Saved; `status` says whether it is published or held for the store',
      ),
      ...linkErrors,
    },
  });

  registry.registerPath({
    ...base,
    path: '/e/{token}/delete',
    operationId: 'deleteReviewByLink',
    summary: 'The author deletes their review for good (a GET of the same path only asks to confirm)',
    description: 'No body. Send Accept: application/json to get 204 instead of a page.',
    responses: { 204: { description: 'Deleted' }, 200: { description: 'Deleted (a page, for browsers)', content: { 'text/html': { schema: z.string() } } }, ...errorResponses(403, 409, 410) },
  });
}
