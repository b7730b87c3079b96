/** An import job as the merchant API shows it (routes/admin/imports.ts), and the dashboard reads it. */
import { z } from '@hono/zod-openapi';
import { importKinds } from '../../db/schema';

export const ImportJobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(importKinds),
    vendor: z.string().openapi({ description: 'The format the file was read as: judgeme, yotpo, okendo, stamped, verity, or mapping' }),
    status: z.enum(['running', 'done', 'failed']),
    dryRun: z.boolean(),
    processed: z.number().int(),
    total: z.number().int().nullable().openapi({ description: 'Known when the file has been read to its end' }),
    imported: z.number().int().openapi({ description: 'Rows written (on a dry run: that would be written)' }),
    skipped: z.number().int().openapi({ description: 'Rows an earlier import already brought (same source key; for votes, the same voter on the same review or answer)' }),
    failed: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })).openapi({ description: 'The first 200 row errors' }),
    failure: z.string().nullable().openapi({ description: 'Why the whole import stopped, if it did' }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ImportJob');
