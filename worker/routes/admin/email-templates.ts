/** The wording of buyers' emails per kind and language: list, save, reset to the built-in text, and a server-rendered preview. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteEmailTemplate } from '../../../db/queries/email-templates';
import type { AppEnv } from '../../context';
import { emailTemplateTable, previewEmail, saveEmailTemplate, templateEntry } from '../../domain/email-templates';
import { audit } from '../../http/audit-trail';
import { ApiError } from '../../errors';
import { validationHook } from '../../http/validation';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import {
  EmailPreviewResultSchema,
  EmailPreviewSchema,
  EmailTemplateListSchema,
  EmailTemplateParams,
  EmailTemplateSchema,
  EmailWordingSchema,
} from '../../schemas/email-templates';

export const adminEmailTemplates = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];
const base = { tags: ['Merchant'], security };

adminEmailTemplates.openapi(
  createRoute({
    ...base,
    method: 'get',
    path: '/{store}/email-templates',
    operationId: 'listEmailTemplates',
    summary: 'The subject and text of every buyer email kind in every language (owners only)',
    request: { params: StoreParams },
    responses: { 200: json(EmailTemplateListSchema, 'Every kind and language; `custom` is false where the built-in text applies'), ...errorResponses(401, 403, 404) },
  }),
  async (c) => c.json({ templates: await emailTemplateTable(c.get('db'), c.get('merchantStore').id) }, 200),
);

adminEmailTemplates.openapi(
  createRoute({
    ...base,
    method: 'post',
    path: '/{store}/email-templates/preview',
    operationId: 'previewEmailTemplate',
    summary: 'Render a subject and text as the email a buyer would receive, without saving it',
    request: { params: StoreParams, body: jsonBody(EmailPreviewSchema) },
    responses: { 200: json(EmailPreviewResultSchema, 'The email'), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),
  async (c) => {
    const { kind, locale, subject, body } = c.req.valid('json');
    return c.json(await previewEmail(c.get('db'), c.get('merchantStore'), kind, locale, { subject, body }), 200);
  },
);

adminEmailTemplates.openapi(
  createRoute({
    ...base,
    method: 'get',
    path: '/{store}/email-templates/preview.html',
    operationId: 'previewEmailTemplateHtml',
    summary: 'The HTML part of a preview as its own document, for the dashboard to show in a sandboxed frame',
    description:
      'The same email as POST …/preview, as a page: its inline styles need a CSP of its own (`style-src \'unsafe-inline\'`, no script, ' +
      '`sandbox`, framed by this origin only), which a frame inside the dashboard would otherwise inherit. A GET, so a frame can load it; ' +
      'a request another site started (Sec-Fetch-Site) or one that is not for a frame (Sec-Fetch-Dest) is refused with 403, so a link ' +
      'elsewhere cannot show made-up text on this origin.',
    request: { params: StoreParams, query: EmailPreviewSchema },
    responses: { 200: { description: 'The HTML part', content: { 'text/html': { schema: z.string() } } }, ...errorResponses(400, 401, 403, 404, 422) },
  }),
  async (c) => {
    const site = c.req.header('sec-fetch-site');
    const dest = c.req.header('sec-fetch-dest');
    if ((site !== undefined && site !== 'same-origin') || (dest !== undefined && dest !== 'iframe')) {
      throw new ApiError('FORBIDDEN', 'the HTML preview opens only in the dashboard’s preview frame');
    }
    const { kind, locale, subject, body } = c.req.valid('query');
    const { html } = await previewEmail(c.get('db'), c.get('merchantStore'), kind, locale, { subject, body });
    // Page security gives this path its own CSP (EMAIL_PREVIEW_CSP); the merchant's draft stays out of caches and Referers.
    return c.html(html, 200, { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  },
);

adminEmailTemplates.openapi(
  createRoute({
    ...base,
    method: 'put',
    path: '/{store}/email-templates/{kind}/{locale}',
    operationId: 'putEmailTemplate',
    summary: 'Save the subject and text of one email kind in one language',
    description:
      'Plain text: markup is shown as typed, never as HTML. Only the kind’s placeholders are allowed (see `placeholders` in the list); ' +
      'any other `{{name}}` is refused with 422 UNKNOWN_PLACEHOLDER naming it. Audited as `email-template.update`.',
    request: { params: EmailTemplateParams, body: jsonBody(EmailWordingSchema) },
    responses: { 200: json(EmailTemplateSchema, 'As saved'), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),
  async (c) => {
    const { kind, locale } = c.req.valid('param');
    const saved = await saveEmailTemplate(c.get('db'), c.get('merchantStore').id, kind, locale, c.req.valid('json'), c.get('now'));
    await audit(c, { action: 'email-template.update', target: { kind: 'email-template', id: `${kind}/${locale}` } });
    return c.json(saved, 200);
  },
);

adminEmailTemplates.openapi(
  createRoute({
    ...base,
    method: 'delete',
    path: '/{store}/email-templates/{kind}/{locale}',
    operationId: 'resetEmailTemplate',
    summary: 'Go back to the built-in subject and text of one email kind in one language',
    description: 'Audited as `email-template.reset` when there was a template to remove.',
    request: { params: EmailTemplateParams },
    responses: { 200: json(EmailTemplateSchema, 'The built-in wording now in use'), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const { kind, locale } = c.req.valid('param');
    if (await deleteEmailTemplate(c.get('db'), c.get('merchantStore').id, kind, locale)) {
      await audit(c, { action: 'email-template.reset', target: { kind: 'email-template', id: `${kind}/${locale}` } });
    }
    return c.json(templateEntry(kind, locale, undefined), 200);
  },
);
