/** Asking for the links that let an author edit or delete their reviews, by the address they wrote them with. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { domainContext, type AppEnv } from '../../context';
import { requestEditLinks } from '../../domain/author-edits';
import { EDIT_TTL_DAYS } from '../../domain/links';
import { validationHook } from '../../http/validation';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';

export const editLinks = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const EditLinkRequestSchema = z
  .strictObject({
    email: z.email({ error: 'email must be a valid email address' }).max(254, { error: 'email must be at most 254 characters' }),
    review: z
      .string()
      .regex(/^rv_[0-9a-z]{24}$/, { error: 'review must be a review id (rv_…)' })
      .optional()
      .openapi({ description: 'Only this review, if it was written from that address' }),
  })
  .openapi('EditLinkRequest');

const ACCEPTED = { accepted: true, message: 'If reviews in this store were written from that address, a link to each is on its way there.' } as const;

editLinks.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/reviews/edit-link',
    operationId: 'requestEditLinks',
    security: [],
    tags: ['Public'],
    summary: 'Email an author the links to edit or delete their reviews',
    description:
      `Always 202 with the same body, whether or not the address wrote anything here: who wrote what is not told to whoever asks. ` +
      `The links go only to the address itself, work for ${EDIT_TTL_DAYS} days, and at most one per review is sent a day. Rate-limited like every public write.`,
    request: { params: StoreParams, body: jsonBody(EditLinkRequestSchema) },
    responses: {
      202: json(z.object({ accepted: z.literal(true), message: z.string() }).openapi('EditLinkAccepted'), 'Accepted (whatever the address)'),
      ...errorResponses(400, 403, 404, 413, 415, 429),
    },
  }),
  async (c) => {
    const { email, review } = c.req.valid('json');
    await requestEditLinks(domainContext(c, c.get('store')), email, review);
    return c.json(ACCEPTED, 202);
  },
);
