/** GDPR: everything held about one author email, to hand over or to erase. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eraseAuthor, exportAuthor, exportAuthorQa } from '../../../db/queries/authors';
import { mediaFilesOfAuthor } from '../../../db/queries/media';
import { removeFiles } from '../../media/erase';
import type { AppEnv } from '../../context';
import { AuthorParams } from '../../schemas/admin';
import { errorResponses, json } from '../../schemas/common';
import { AdminAnswerSchema, ExportedQuestionSchema } from '../../schemas/questions';
import { AdminReviewSchema } from '../../schemas/reviews';
import { adminAnswerJson, adminReviewJson } from '../../serializers/api-json';
import { validationHook } from '../../http/validation';
import { audit } from '../../http/audit-trail';
import { normalizeEmail } from '../../../db/email';

export const adminAuthors = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

adminAuthors.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/authors/{email}/export',
    operationId: 'exportAuthor',
    tags: ['Merchant'],
    security,
    summary: 'Export everything held about an author email',
    request: { params: AuthorParams },
    responses: {
      200: json(
        z.object({ email: z.string(), exportedAt: z.string(), reviews: z.array(AdminReviewSchema), questions: z.array(ExportedQuestionSchema), answers: z.array(AdminAnswerSchema) }),
        'The export',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const { email } = c.req.valid('param');
    const reviews = await exportAuthor(c.get('db'), c.get('merchantStore').id, email);
    const qa = await exportAuthorQa(c.get('db'), c.get('merchantStore').id, email);
    c.header('Content-Disposition', 'attachment; filename="verity-author-export.json"');
    return c.json(
      {
        email: normalizeEmail(email),
        exportedAt: new Date(c.get('now')).toISOString(),
        reviews: reviews.map(adminReviewJson),
        questions: qa.questions.map((q) => ({ id: q.id, body: q.body, status: q.status, createdAt: new Date(q.createdAt).toISOString(), author: { name: q.authorName, email: q.authorEmail } })),
        answers: qa.answers.map(adminAnswerJson),
      },
      200,
    );
  },
);

adminAuthors.openapi(
  createRoute({
    method: 'delete',
    path: '/{store}/authors/{email}',
    operationId: 'eraseAuthor',
    tags: ['Merchant'],
    security,
    summary: "Erase everything the store holds about an address: orders, emails, opt-out, reviews, questions and answers (with their replies, votes and reports)",
    request: { params: AuthorParams },
    responses: {
      200: json(
        z.object({
          deletedReviews: z.number().int(),
          deletedQuestions: z.number().int(),
          deletedAnswers: z.number().int(),
          deletedOrders: z.number().int(),
          deletedEmails: z.number().int().openapi({ description: 'Queued or sent emails to the address, or quoting what it wrote' }),
        }),
        'What was erased',
      ),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const { email } = c.req.valid('param');
    const files = await mediaFilesOfAuthor(c.get('db'), c.get('merchantStore').id, email);
    const erased = await eraseAuthor(c.get('db'), c.get('merchantStore').id, email);
    await removeFiles(c.get('db'), c.get('media'), files);
    // What was erased, never whose: the log must not keep the address it erased.
    await audit(c, { action: 'author.erase', details: { ...erased } });
    return c.json(erased, 200);
  },
);
