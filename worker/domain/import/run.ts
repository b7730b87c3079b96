/**
 * An import as a job: the file is read in batches (CSV streamed by the
 * parser, JSON item by item), each row checked on its own — a bad row is
 * reported with its number and column and the others go in — and each batch
 * written in one transaction, after which the job row's counters move, so
 * the dashboard and the CLI can show progress. Rows whose source key the
 * store already has are skipped: the same file twice changes nothing.
 */
import {
  createImportJob, ensureProducts, existingSourceKeys, existingVotes, getImportJob, insertImportedQa, insertImportedReviews, insertImportedVotes, ownRowIds, updateImportJob,
  type ImportedAnswer, type ImportedQuestion, type ImportedReview, type ImportedVote,
} from '../../../db/queries/imports';
import type { ImportJob, ImportKind, ImportRowError } from '../../../db/schema';
import { ApiError } from '../../errors';
import { randomId } from '../../lib/crypto';
import { readCsv, type CsvRecord } from '../../lib/csv';
import type { DomainContext } from '../context';
import { importedKeyOf, RowError, rowErrorOf, rowFields, toQuestionRow, toReviewRow, type QuestionRow, type ReviewRow } from './rows';
import { detectFormat, mappingFormat, questionFields, questionFormats, reviewFields, reviewFormats, voteFormats, type VendorFormat, type VendorId, type VoteField } from './vendors';
import { toVoteRow, type VoteRow } from './votes';

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

type Ctx = Pick<DomainContext, 'db' | 'store' | 'now'>;

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

class JobFailure extends Error {}

/** Only Verity records who voted, so only its own votes files import. */
const VOTES_NOT_MAPPED = "votes are imported from Verity's own votes.csv|json; a column mapping is for reviews and questions";

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

interface Batches {
  /** The format for this header (named, detected or mapped), as the job's vendor. */
  choose(header: string[], request: ImportRequest): string;
  batch(records: CsvRecord[]): Promise<{ imported: number; skipped: number }>;
}

function chooseFormat<Field extends string>(formats: Partial<Record<VendorId, VendorFormat<Field>>>, header: string[], request: ImportRequest): { id: string; format: VendorFormat<Field> } {
  const have = new Set(header.map((h) => h.toLowerCase()));
  if (request.mapping) {
    const absent = Object.values(request.mapping).filter((c) => !have.has(c.toLowerCase()));
    if (absent.length) throw new JobFailure(`the mapping names columns the file does not have: ${absent.join(', ')}`);
    return { id: 'mapping', format: mappingFormat<Field>(request.mapping as Partial<Record<Field, string>>) };
  }
  const id = request.vendor === 'auto' ? detectFormat(formats, header) : request.vendor;
  const format = id && formats[id];
  if (!id || !format) {
    throw new JobFailure(
      request.vendor === 'auto'
        ? `the header row is not one of a known export (${Object.values(formats).map((f) => f!.label).join(', ')}); name the vendor or send a column mapping`
        : `${request.vendor} files cannot be imported as ${request.kind}; send a column mapping`,
    );
  }
  const absent = format.detect.filter((c) => !have.has(c.toLowerCase()));
  if (absent.length) throw new JobFailure(`this is not a ${format.label} file: it has no ${absent.join(', ')} column`);
  return { id, format };
}

/** Rows to candidates; a RowError becomes a report line. */
async function readRows<Row>(records: CsvRecord[], read: (fields: ReturnType<typeof rowFields>) => Promise<Row>, fail: (e: ImportRowError) => void) {
  const rows: Array<{ row: number; data: Row }> = [];
  for (const r of records) {
    if (r.problem) {
      fail({ row: r.row, column: null, message: r.problem });
      continue;
    }
    try {
      rows.push({ row: r.row, data: await read(rowFields(r.fields)) });
    } catch (err) {
      if (err instanceof RowError) fail(rowErrorOf(r.row, err));
      else throw err;
    }
  }
  return rows;
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

/**
 * Votes find their review or answer by the source key its import gave it
 * (votes.csv's target_source_key), so the reviews and questions go in first;
 * a vote the store already has (same voter on the same review or answer) is skipped.
 */
function voteBatches(ctx: Ctx, dryRun: boolean, fail: (e: ImportRowError) => void): Batches {
  let format: VendorFormat<VoteField> | null = null;
  /**
   * Votes met in this file. A real run forgets them after each batch, as the
   * batch is written and the database then knows them (so memory stays
   * bounded however long the file); a dry run writes nothing, so it remembers.
   */
  const seen = new Set<string>();
  return {
    choose(header, request) {
      if (request.mapping) throw new JobFailure(VOTES_NOT_MAPPED);
      const chosen = chooseFormat(voteFormats, header, { ...request, vendor: 'verity' });
      format = chosen.format;
      return chosen.id;
    },
    async batch(records) {
      if (!dryRun) seen.clear();
      // Errors of the batch in row order, those of lookups among those of reading.
      const errors: ImportRowError[] = [];
      const rows = await readRows<VoteRow>(records, async (f) => toVoteRow(format!, f), (e) => errors.push(e));
      const keys = { review: rows.filter((r) => r.data.kind === 'review'), answer: rows.filter((r) => r.data.kind === 'answer') };
      const [reviewIds, answerIds, ownReviews, ownAnswers] = await Promise.all([
        existingSourceKeys(ctx.db, 'reviews', ctx.store.id, keys.review.map((r) => r.data.targetKey)),
        existingSourceKeys(ctx.db, 'answers', ctx.store.id, keys.answer.map((r) => r.data.targetKey)),
        ownRowIds(ctx.db, 'reviews', ctx.store.id, keys.review.map((r) => r.data.targetId)),
        ownRowIds(ctx.db, 'answers', ctx.store.id, keys.answer.map((r) => r.data.targetId)),
      ]);
      const found: Array<{ row: number; vote: ImportedVote }> = [];
      for (const { row, data: v } of rows) {
        const [ids, own] = v.kind === 'review' ? [reviewIds, ownReviews] : [answerIds, ownAnswers];
        // This store's own votes file names its own reviews by the key their import elsewhere would give them.
        const targetId = ids.get(v.targetKey) ?? (own.has(v.targetId) && v.targetKey === importedKeyOf(v.kind, { id: v.targetId, sourceKey: null }) ? v.targetId : undefined);
        if (targetId === undefined) {
          const first = v.kind === 'review' ? 'the reviews' : 'the questions (with their answers)';
          errors.push({ row, column: v.targetColumn, message: `${v.kind} "${v.targetKey.slice(0, 80)}" is not in this store: import ${first} first` });
          continue;
        }
        found.push({ row, vote: { kind: v.kind, targetId, voter: v.voter, value: v.value, createdAt: v.createdAt } });
      }
      errors.sort((a, b) => a.row - b.row).forEach(fail);
      const existing = await existingVotes(ctx.db, found.map((f) => f.vote));
      const fresh = found.filter(({ vote }) => {
        const key = `${vote.kind} ${vote.targetId} ${vote.voter}`;
        const known = existing.has(`${vote.targetId} ${vote.voter}`) || seen.has(key);
        seen.add(key);
        return !known;
      });
      if (!dryRun) await insertImportedVotes(ctx.db, fresh.map((f) => f.vote));
      return { imported: fresh.length, skipped: found.length - fresh.length };
    },
  };
}
