/** The dashboard's email template editor: one subject and text per email kind and language. */
import { z } from '@hono/zod-openapi';
import { buyerLocales, emailKinds } from '../../db/schema';

export const EmailTemplateParams = z.object({
  store: z.string().openapi({ param: { name: 'store', in: 'path' } }),
  kind: z.enum(emailKinds, { error: `kind must be one of ${emailKinds.join(', ')}` }).openapi({ param: { name: 'kind', in: 'path' } }),
  locale: z.enum(buyerLocales, { error: `locale must be one of ${buyerLocales.join(', ')}` }).openapi({ param: { name: 'locale', in: 'path' } }),
});

/** Plain text only: placeholders are checked against the kind's allow-list in domain/, markup is escaped when rendered. */
export const EmailWordingSchema = z.strictObject({
  subject: z
    .string()
    .trim()
    .min(1, { error: 'subject is required' })
    .max(200, { error: 'subject must be at most 200 characters' })
    .refine((s) => !/[\r\n]/.test(s), { error: 'subject must be one line' }),
  body: z.string().trim().min(1, { error: 'body is required' }).max(5000, { error: 'body must be at most 5000 characters' }),
});

export const EmailPreviewSchema = EmailWordingSchema.extend({
  kind: z.enum(emailKinds, { error: `kind must be one of ${emailKinds.join(', ')}` }),
  locale: z.enum(buyerLocales, { error: `locale must be one of ${buyerLocales.join(', ')}` }),
}).openapi('EmailPreviewInput');

export const EmailTemplateSchema = z
  .object({
    kind: z.enum(emailKinds),
    locale: z.enum(buyerLocales),
    subject: z.string(),
    body: z.string(),
    /** False while the built-in wording applies. */
    custom: z.boolean(),
    placeholders: z.array(z.string()),
    updatedAt: z.string().nullable(),
  })
  .openapi('EmailTemplate');

export const EmailTemplateListSchema = z.object({ templates: z.array(EmailTemplateSchema) }).openapi('EmailTemplateList');

export const EmailPreviewResultSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() }).openapi('EmailPreview');
