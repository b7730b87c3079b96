/** Moving a store's reviews and Q&A in (from Judge.me, Yotpo, Okendo, Stamped or Verity), its votes in (from Verity), and all of it out (CSV and JSON, streamed). */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getImportJob, listImportJobs } from '../../../db/queries/imports';
import { importKinds, type ImportJob } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { exportNames, exportStream } from '../../domain/export';
import { checkMapping, startImport } from '../../domain/import/run';
import { vendorIds } from '../../domain/import/vendors';
import { ApiError, notFound } from '../../errors';
import { audit } from '../../http/audit-trail';
import { BODY_LIMITS, isJsonBody, parseJson, readFileText, readText } from '../../http/body';
import { validationHook } from '../../http/validation';
import { errorResponses, json, StoreIdParam, StoreParams } from '../../schemas/common';
import { ImportJobSchema } from '../../schemas/imports';

export const adminImports = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];


const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const jobJson = (j: ImportJob): z.infer<typeof ImportJobSchema> => ({
  id: j.id,
  kind: j.kind,
  vendor: j.vendor,
  status: j.status,
  dryRun: j.dryRun,
  processed: j.processed,
  total: j.total,
  imported: j.imported,
  skipped: j.skipped,
  failed: j.failed,
  errors: j.errors,
  failure: j.failure,
  createdAt: iso(j.createdAt)!,
  finishedAt: iso(j.finishedAt),
});

/** Finishes after the response: on Workers through waitUntil; on Node the promise simply runs on, the job row being its state. */
function afterResponse(c: Context<AppEnv>, work: Promise<unknown>) {
  const logged = work.catch((err: unknown) => console.error('import job failed', err));
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined;
  }
  ctx?.waitUntil(logged);
}

const JobParams = z.object({ store: StoreIdParam, id: z.string().regex(/^imp_[0-9a-z]{24}$/, { error: 'id must be an import id (imp_…)' }).openapi({ param: { name: 'id', in: 'path' } }) });

adminImports.openapi(
  createRoute({
    method: 'post',
    path: '/{store}/imports',
    operationId: 'startImport',
    tags: ['Merchant'],
    security,
    summary: 'Import reviews or questions from a file (Judge.me, Yotpo, Okendo, Stamped, Verity, or any CSV with a column mapping), or Verity votes',
    description:
      `The body is the file: CSV (Content-Type: text/csv; delimiter , ; or tab; UTF-8 or windows-1252) or JSON (an array), up to ${BODY_LIMITS.imports / 1024 / 1024} MB. ` +
      'The import runs after the answer (202): poll `GET …/imports/{id}` for its counters and row errors. Rows already imported (same source key) are skipped; ' +
      '`dryRun=true` reads and checks everything and writes nothing. `kind=votes` reads Verity\'s votes.csv|json, after the reviews and questions they belong to. Owners only.',
    request: {
      params: StoreParams,
      query: z.object({
        kind: z.enum(importKinds, { error: `kind must be one of ${importKinds.join(', ')}` }).default('reviews'),
        vendor: z.enum(['auto', ...vendorIds], { error: `vendor must be auto or one of ${vendorIds.join(', ')}` }).default('auto'),
        dryRun: z.enum(['true', 'false'], { error: 'dryRun must be true or false' }).default('false'),
        mapping: z.string().optional().openapi({ description: 'JSON `{ "verityField": "their column" }` for a file of another tool, e.g. {"rating":"Stars","body":"Text"}' }),
      }),
    },
    responses: { 202: json(z.object({ job: ImportJobSchema }), 'Started'), ...errorResponses(400, 401, 403, 413, 415) },
  }),
  async (c) => {
    const { kind, vendor, dryRun, mapping } = c.req.valid('query');
    const checkedMapping = mapping === undefined ? undefined : checkMapping(kind, parseJson(mapping, 'mapping'));
    const type = c.req.header('content-type') ?? '';
    const asJson = isJsonBody(c);
    if (!asJson && !/^text\/(?:csv|plain)\b/i.test(type)) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the file as text/csv or application/json');
    }
    const limit = { maxBytes: BODY_LIMITS.imports, what: 'the file' };
    // JSON is UTF-8 by definition; a CSV may be in Excel's windows-1252.
    const text = asJson ? await readText(c, limit) : await readFileText(c, limit);
    const { job, done } = await startImport(
      { db: c.get('db'), store: c.get('merchantStore'), now: c.get('now') },
      { kind, vendor, mapping: checkedMapping, dryRun: dryRun === 'true', format: asJson ? 'json' : 'csv', text },
    );
    afterResponse(c, done);
    await audit(c, { action: 'imports.start', target: { kind: 'import', id: job.id }, details: { kind, vendor: job.vendor, dryRun: job.dryRun, characters: text.length } });
    return c.json({ job: jobJson(job) }, 202);
  },
);

adminImports.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/imports',
    operationId: 'listImports',
    tags: ['Merchant'],
    security,
    summary: "The store's latest imports, newest first",
    request: { params: StoreParams },
    responses: { 200: json(z.object({ jobs: z.array(ImportJobSchema) }), 'The last 50'), ...errorResponses(401, 403) },
  }),
  async (c) => c.json({ jobs: (await listImportJobs(c.get('db'), c.get('merchantStore').id, 50)).map(jobJson) }, 200),
);

adminImports.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/imports/{id}',
    operationId: 'getImport',
    tags: ['Merchant'],
    security,
    summary: 'One import: its progress, counters and row errors',
    request: { params: JobParams },
    responses: { 200: json(z.object({ job: ImportJobSchema }), 'The job'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const job = await getImportJob(c.get('db'), c.get('merchantStore').id, id);
    if (!job) throw notFound(`import "${id}"`);
    return c.json({ job: jobJson(job) }, 200);
  },
);

adminImports.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/exports/{file}',
    operationId: 'exportData',
    tags: ['Merchant'],
    security,
    summary: "Export the store's reviews (with replies), questions (with answers) or votes, streamed",
    description: 'reviews.csv, questions.csv (one row per answer) and votes.csv are Verity\'s import format: they import back without loss. Owners only: the files hold reviewers\' emails.',
    request: {
      params: z.object({ store: StoreIdParam, file: z.enum(exportNames, { error: `file must be one of ${exportNames.join(', ')}` }).openapi({ param: { name: 'file', in: 'path' } }) }),
    },
    responses: {
      200: { description: 'The file', content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.string() } } },
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const { file } = c.req.valid('param');
    const store = c.get('merchantStore').id;
    await audit(c, { action: 'exports.download', details: { file } });
    return new Response(exportStream(c.get('db'), store, file, { baseUrl: c.get('baseUrl') }), {
      headers: {
        'content-type': file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${store}-${file}"`,
        'cache-control': 'no-store',
      },
    });
  },
);
