/**
 * An import as a job: the file is read in batches (CSV streamed by the
 * parser, JSON item by item), each row checked on its own — a bad row is
 * reported with its number and column and the others go in — and each batch
 * written in one transaction, after which the job row's counters move, so
 * the dashboard and the CLI can show progress. Rows whose source key the
 * store already has are skipped: the same file twice changes nothing.
 */
import { createImportJob, ensureProducts, existingSourceKeys, getImportJob, insertImportedQa, insertImportedReviews, updateImportJob, type ImportedAnswer, type ImportedQuestion, type ImportedReview } from '../../../db/queries/imports';
import type { ImportJob, ImportKind, ImportRowError } from '../../../db/schema';
import { ApiError } from '../../errors';
import { randomId } from '../../lib/crypto';
import { readCsv, type CsvRecord } from '../../lib/csv';
import { chooseFormat, JobFailure, readRows, type Batches, type Ctx } from './batches';
import { toQuestionRow, toReviewRow, type QuestionRow, type ReviewRow } from './rows';
import { questionFields, questionFormats, reviewFields, reviewFormats, type VendorFormat, type VendorId } from './vendors';
import { voteBatches, VOTES_NOT_MAPPED } from './votes';

/** Rows per transaction. */
export const IMPORT_BATCH = 500;
/** Row errors kept in the job's report; the count goes on. */
export const MAX_REPORTED_ERRORS = 200;

export interface ImportRequest {
  kind: ImportKind;
  vendor: VendorId | 'auto';
  /** `{ "verityField": "their column" }` for a format not in the table. */
  mapping?: Record<string, string>;
  dryRun: boolean;
  format: 'csv' | 'json';
  text: string;
}

/** Refuses a mapping naming fields Verity does not have, before any job starts. */
export function checkMapping(kind: ImportKind, mapping: unknown): Record<string, string> {
  if (kind === 'votes') throw new ApiError('VALIDATION_FAILED', VOTES_NOT_MAPPED, { field: 'mapping' });
  const fields: readonly string[] = kind === 'reviews' ? reviewFields : questionFields;
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
    throw new ApiError('VALIDATION_FAILED', 'mapping must be a JSON object such as { "rating": "Stars", "body": "Text" }');
  }
  for (const [field, column] of Object.entries(mapping)) {
    if (!fields.includes(field)) throw new ApiError('VALIDATION_FAILED', `mapping: "${field}" is not a field of ${kind}; fields are ${fields.join(', ')}`, { field });
    if (typeof column !== 'string' || column.trim() === '') throw new ApiError('VALIDATION_FAILED', `mapping: "${field}" must name a column of the file`, { field });
  }
  return mapping as Record<string, string>;
}

/**
 * Creates the job and returns it with the work still to do, so a route can
 * answer 202 at once and let the runtime finish `done` (waitUntil).
 */
export async function startImport(ctx: Ctx, request: ImportRequest, onProgress?: (job: ImportJob) => void): Promise<{ job: ImportJob; done: Promise<ImportJob> }> {
  if (request.text.trim() === '') throw new ApiError('VALIDATION_FAILED', 'the file is empty');
  const job = await createImportJob(ctx.db, {
    id: randomId('imp'),
    storeId: ctx.store.id,
    kind: request.kind,
    vendor: request.mapping ? 'mapping' : request.vendor,
    dryRun: request.dryRun,
    createdAt: ctx.now,
  });
  const done = runJob(ctx, job, request, onProgress);
  return { job, done };
}

async function runJob(ctx: Ctx, job: ImportJob, request: ImportRequest, onProgress?: (job: ImportJob) => void): Promise<ImportJob> {
  const counts = { processed: 0, imported: 0, skipped: 0, failed: 0 };
  const errors: ImportRowError[] = [];
  let vendor = job.vendor;
  const fail = (e: ImportRowError) => {
    counts.failed += 1;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const handler = { reviews: reviewBatches, questions: questionBatches, votes: voteBatches }[request.kind](ctx, job.dryRun, fail);
  const progress = async () => {
    await updateImportJob(ctx.db, job.id, { ...counts, vendor, errors });
    onProgress?.({ ...job, ...counts, vendor, errors });
  };
  const onRecords = async (records: CsvRecord[]) => {
    const outcome = await handler.batch(records);
    counts.processed += records.length;
    counts.imported += outcome.imported;
    counts.skipped += outcome.skipped;
    await progress();
  };
  const onHeader = (header: string[]) => {
    vendor = handler.choose(header, request);
  };
  try {
    if (request.format === 'csv') {
      await readCsv(request.text, { batchSize: IMPORT_BATCH, onHeader, onRecords });
    } else {
      const items = jsonRecords(request.text, request.kind);
      if (items.length === 0) throw new JobFailure('the file has no rows');
      onHeader([...new Set(items.slice(0, 50).flatMap((r) => Object.keys(r.fields)))]);
      for (let i = 0; i < items.length; i += IMPORT_BATCH) await onRecords(items.slice(i, i + IMPORT_BATCH));
    }
    if (counts.processed === 0) throw new JobFailure('the file has no rows after its header');
    await updateImportJob(ctx.db, job.id, { ...counts, vendor, errors, total: counts.processed, status: 'done', finishedAt: Date.now() });
  } catch (err) {
    const message = err instanceof JobFailure || err instanceof ApiError ? err.message : 'the import stopped on an unexpected error; it has been logged';
    if (!(err instanceof JobFailure || err instanceof ApiError)) console.error('import failed', job.id, err);
    await updateImportJob(ctx.db, job.id, { ...counts, vendor, errors, status: 'failed', failure: message, finishedAt: Date.now() });
  }
  const final = (await getImportJob(ctx.db, ctx.store.id, job.id))!;
  onProgress?.(final);
  return final;
}

/** JSON: an array (or `{ "reviews": [...] }` / `{ "questions": [...] }`) of flat objects; a question's `answers` array becomes a row per answer. */
function jsonRecords(text: string, kind: ImportKind): CsvRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new JobFailure(`the file is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as Record<string, unknown> | null)?.[kind];
  if (!Array.isArray(list)) throw new JobFailure(`send a JSON array of ${kind}`);
  const flat = (o: Record<string, unknown>, prefix = ''): Record<string, string> =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([k]) => k !== 'answers')
        .map(([k, v]) => [prefix + k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]),
    );
  const out: CsvRecord[] = [];
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) {
      out.push({ row: i + 1, fields: {}, problem: 'not an object' });
      return;
    }
    const base = flat(item as Record<string, unknown>);
    const nested = (item as { answers?: unknown }).answers;
    if (kind === 'questions' && Array.isArray(nested) && nested.length > 0) {
      for (const a of nested) out.push({ row: i + 1, fields: { ...base, ...flat((a ?? {}) as Record<string, unknown>, 'answer_') } });
    } else out.push({ row: i + 1, fields: base });
  });
  return out;
}

function reviewBatches(ctx: Ctx, dryRun: boolean, fail: (e: ImportRowError) => void): Batches {
  let format: VendorFormat<(typeof reviewFields)[number]> | null = null;
  const seen = new Set<string>();
  return {
    choose(header, request) {
      const chosen = chooseFormat(reviewFormats, header, request);
      format = chosen.format;
      return chosen.id;
    },
    async batch(records) {
      const rows = await readRows<ReviewRow>(records, (f) => toReviewRow(format!, f), fail);
      const existing = await existingSourceKeys(ctx.db, 'reviews', ctx.store.id, rows.map((r) => r.data.sourceKey));
      const fresh = rows.filter((r) => {
        const known = existing.has(r.data.sourceKey) || seen.has(r.data.sourceKey);
        seen.add(r.data.sourceKey);
        return !known;
      });
      const productIds = await ensureProducts(ctx.db, ctx.store.id, fresh.map((r) => r.data.product), ctx.now, !dryRun);
      if (!dryRun) {
        await insertImportedReviews(
          ctx.db,
          fresh.map(({ data: r }): ImportedReview => ({
            id: randomId('rv'),
            storeId: ctx.store.id,
            productId: productIds.get(r.product.externalId)!,
            rating: r.rating,
            title: r.title,
            body: r.body,
            bodyHtml: r.bodyHtml,
            authorName: r.authorName,
            authorEmail: r.authorEmail,
            verified: r.verified,
            orderId: r.orderId,
            status: r.status,
            helpfulCount: r.helpfulCount,
            unhelpfulCount: r.unhelpfulCount,
            locale: r.locale,
            photoUrls: r.photoUrls.length ? JSON.stringify(r.photoUrls) : null,
            source: r.source,
            sourceKey: r.sourceKey,
            createdAt: r.createdAt,
            reply: r.reply,
          })),
        );
      }
      return { imported: fresh.length, skipped: rows.length - fresh.length };
    },
  };
}

function questionBatches(ctx: Ctx, dryRun: boolean, fail: (e: ImportRowError) => void): Batches {
  let format: VendorFormat<(typeof questionFields)[number]> | null = null;
  /** Questions met so far in this file, by source key: their answers may come in a later batch. */
  const questionIds = new Map<string, string>();
  const seenAnswers = new Set<string>();
  return {
    choose(header, request) {
      const chosen = chooseFormat(questionFormats, header, request);
      format = chosen.format;
      return chosen.id;
    },
    async batch(records) {
      const rows = await readRows<QuestionRow>(records, (f) => toQuestionRow(format!, f), fail);
      const existingQ = await existingSourceKeys(ctx.db, 'questions', ctx.store.id, rows.map((r) => r.data.sourceKey));
      const existingA = await existingSourceKeys(ctx.db, 'answers', ctx.store.id, rows.flatMap((r) => (r.data.answer ? [r.data.answer.sourceKey] : [])));
      const productIds = await ensureProducts(ctx.db, ctx.store.id, rows.map((r) => r.data.product), ctx.now, !dryRun);
      const newQuestions: ImportedQuestion[] = [];
      const newAnswers: ImportedAnswer[] = [];
      let imported = 0;
      for (const { data: q } of rows) {
        let added = false;
        let questionId = existingQ.get(q.sourceKey) ?? questionIds.get(q.sourceKey);
        if (!questionId) {
          questionId = randomId('qn');
          newQuestions.push({
            id: questionId, storeId: ctx.store.id, productId: productIds.get(q.product.externalId) ?? 0, body: q.body, bodyHtml: q.bodyHtml,
            authorName: q.authorName, authorEmail: q.authorEmail, status: q.status, source: q.source, sourceKey: q.sourceKey, createdAt: q.createdAt,
          });
          added = true;
        }
        questionIds.set(q.sourceKey, questionId);
        const a = q.answer;
        if (a && !existingA.has(a.sourceKey) && !seenAnswers.has(a.sourceKey)) {
          newAnswers.push({ ...a, id: randomId('an'), storeId: ctx.store.id, questionId });
          added = true;
        }
        if (a) seenAnswers.add(a.sourceKey);
        if (added) imported += 1;
      }
      if (!dryRun) await insertImportedQa(ctx.db, newQuestions, newAnswers);
      return { imported, skipped: rows.length - imported };
    },
  };
}
