/**
 * One file row as a Verity review or question, or the reason it cannot be
 * one, naming the column as the file names it. Nothing here touches the
 * database: run.ts decides what is new. A message may quote a rejected
 * rating, date or URL, never a name or an email: the job keeps its messages.
 */
import type { AnswerKind, ImportRowError, ReviewStatus } from '../../../db/schema';
import type { ImportedAnswer, ImportedReview } from '../../../db/queries/imports';
import { ApiError } from '../../errors';
import { renderMarkdown } from '../markdown';
import { questionFormats, reviewFormats, type QuestionField, type ReviewField, type VendorFormat } from './vendors';

export class RowError extends Error {
  constructor(
    public column: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** A row's fields by lower-cased column name. */
export type RowFields = Map<string, string>;

export const rowFields = (fields: Record<string, string>): RowFields => new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));

/** Reads a format's fields out of one row, each error naming the file's column. */
export class Reader<Field extends string> {
  constructor(
    private format: VendorFormat<Field>,
    private fields: RowFields,
  ) {}
  column(field: Field): string {
    return this.format.columns[field] ?? field;
  }
  get(field: Field): string {
    const column = this.format.columns[field];
    return column === undefined ? '' : (this.fields.get(column.toLowerCase()) ?? '').trim();
  }
  required(field: Field, what: string): string {
    const v = this.get(field);
    if (!v) throw new RowError(this.column(field), `${what} is required`);
    return v;
  }
  date(field: Field, required: boolean): number | null {
    const v = this.get(field);
    if (!v) {
      if (required) throw new RowError(this.column(field), 'the date is required');
      return null;
    }
    const ms = parseDate(v);
    if (ms === null) throw new RowError(this.column(field), `"${v.slice(0, 40)}" is not a date (use e.g. 2024-03-05 or 2024-03-05T14:30:00Z)`);
    return ms;
  }
  count(field: Field): number {
    const v = this.get(field);
    if (!v) return 0;
    if (!/^\d{1,9}$/.test(v)) throw new RowError(this.column(field), `"${v.slice(0, 20)}" is not a whole number`);
    return Number(v);
  }
  markdown(field: Field, source: string): string {
    try {
      return renderMarkdown(source, { field: this.column(field) });
    } catch (err) {
      if (err instanceof ApiError) throw new RowError(this.column(field), err.message);
      throw err;
    }
  }
  status(field: Field): ReviewStatus {
    const v = this.get(field);
    if (!v) return 'published';
    const status = this.format.status?.(v);
    if (!status) throw new RowError(this.column(field), `"${v.slice(0, 20)}" is not a status this format knows`);
    return status;
  }
  product(): ProductRef {
    const externalId = this.get('productId' as Field) || this.get('productHandle' as Field);
    if (!externalId) throw new RowError(this.column('productId' as Field), 'a product id or handle is required');
    if (externalId.length > 200) throw new RowError(this.column('productId' as Field), 'the product id is longer than 200 characters');
    const url = this.get('productUrl' as Field);
    return { externalId, name: this.get('productName' as Field) || this.get('productHandle' as Field) || externalId, url: /^https?:\/\//.test(url) ? url : null };
  }
}

/** Dates as tools write them; a date or time without a zone is taken as UTC. */
export function parseDate(v: string): number | null {
  let s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(s)) s = s.replace(' ', 'T') + 'Z';
  else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/.test(s)) s = s.replace(' ', 'T').replace(' UTC', 'Z');
  else if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(s)) {
    const [m, d, y] = s.split('/').map(Number);
    s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00Z`;
  }
  const ms = Date.parse(s);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** Photo URLs as a JSON array or separated by commas, spaces or newlines; only http(s). */
function photoUrls(reader: Reader<ReviewField>): string[] {
  const v = reader.get('photoUrls');
  if (!v) return [];
  let list: unknown;
  try {
    list = v.startsWith('[') ? JSON.parse(v) : v.split(/[\s,]+/);
  } catch {
    throw new RowError(reader.column('photoUrls'), 'photo URLs are not a JSON array');
  }
  const urls = (Array.isArray(list) ? list : []).map(String).filter(Boolean);
  for (const u of urls) if (!/^https?:\/\/\S+$/.test(u)) throw new RowError(reader.column('photoUrls'), `"${u.slice(0, 60)}" is not an http(s) URL`);
  return urls;
}

export interface ProductRef {
  externalId: string;
  name: string;
  url: string | null;
}

/** An imported review before its product is resolved: the product as the file names it, photo URLs as a list. */
export interface ReviewRow extends Omit<ImportedReview, 'id' | 'storeId' | 'productId' | 'photoUrls'> {
  product: ProductRef;
  photoUrls: string[];
}

const SOURCE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The key of a row that carries its vendor's id. */
const idKey = (prefix: string, id: string) => `${prefix}:${id}`;

/**
 * The source key a review or answer of a Verity export has once imported:
 * its own, or (written here, so no key yet) the one the import makes of its
 * id. A vote names its review or answer by it (votes.csv's target_source_key).
 */
export const importedKeyOf = (kind: 'review' | 'answer', row: { id: string; sourceKey: string | null }): string =>
  row.sourceKey ?? idKey(kind === 'review' ? reviewFormats.verity.source : `${questionFormats.verity!.source}-answer`, row.id);

/** The row's own key: the vendor and its id, or, without an id, a hash of what identifies the review. */
async function keyOf(prefix: string, id: string, parts: string[]): Promise<string> {
  if (id) return idKey(prefix, id);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(parts)));
  return `${prefix}:h:${[...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A review row, or a RowError naming the column at fault. */
export async function toReviewRow(format: VendorFormat<ReviewField>, fields: RowFields): Promise<ReviewRow> {
  const r = new Reader(format, fields);
  const product = r.product();
  const ratingText = r.required('rating', 'the rating');
  const rating = Number(ratingText);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new RowError(r.column('rating'), `rating must be a whole number from 1 to 5 (got "${ratingText.slice(0, 20)}")`);
  const authorName = r.required('authorName', "the reviewer's name");
  if (authorName.length > 100) throw new RowError(r.column('authorName'), "the reviewer's name is longer than 100 characters");
  const authorEmail = r.get('authorEmail').toLowerCase();
  if (authorEmail && !/^[^\s@]+@[^\s@]+$/.test(authorEmail)) throw new RowError(r.column('authorEmail'), 'not an email address');
  const title = r.get('title') || null;
  if (title && title.length > 200) throw new RowError(r.column('title'), 'the title is longer than 200 characters');
  const body = r.get('body');
  if (!body && !title) throw new RowError(r.column('body'), 'the review has neither a body nor a title');
  const createdAt = r.date('createdAt', true)!;
  const replyBody = r.get('reply');
  const source = r.get('source') || format.source;
  if (!SOURCE.test(source)) throw new RowError(r.column('source'), `"${source.slice(0, 40)}" is not a source name (lower-case letters, digits, "-")`);
  const id = r.get('id');
  const sourceKey = r.get('sourceKey') || (await keyOf(format.source, id, [product.externalId, authorEmail || authorName, String(createdAt), String(rating), title ?? '', body]));
  const verifiedText = r.get('verified');
  return {
    sourceKey,
    source,
    product,
    rating,
    title,
    body,
    bodyHtml: r.markdown('body', body),
    authorName,
    authorEmail,
    verified: verifiedText !== '' && (format.verified?.(verifiedText) ?? false),
    orderId: r.get('orderId') || null,
    status: r.status('status'),
    helpfulCount: r.count('helpfulCount'),
    unhelpfulCount: r.count('unhelpfulCount'),
    locale: r.get('locale') || null,
    photoUrls: photoUrls(r),
    createdAt,
    reply: replyBody ? { body: replyBody, bodyHtml: r.markdown('reply', replyBody), createdAt: r.date('replyDate', false) ?? createdAt } : null,
  };
}

export interface QuestionRow {
  sourceKey: string;
  source: string;
  product: ProductRef;
  body: string;
  bodyHtml: string;
  authorName: string;
  authorEmail: string;
  status: ReviewStatus;
  createdAt: number;
  /** An imported answer before its question is stored. */
  answer: Omit<ImportedAnswer, 'id' | 'storeId' | 'questionId'> | null;
}

const KINDS: readonly AnswerKind[] = ['official', 'owner', 'community'];

/** A question row (with the answer it carries, if any), or a RowError naming the column at fault. */
export async function toQuestionRow(format: VendorFormat<QuestionField>, fields: RowFields): Promise<QuestionRow> {
  const r = new Reader(format, fields);
  const product = r.product();
  const body = r.required('body', 'the question');
  const authorName = r.required('authorName', "the asker's name");
  const authorEmail = r.get('authorEmail').toLowerCase();
  const createdAt = r.date('createdAt', true)!;
  const source = r.get('source') || format.source;
  if (!SOURCE.test(source)) throw new RowError(r.column('source'), `"${source.slice(0, 40)}" is not a source name`);
  const sourceKey = r.get('sourceKey') || (await keyOf(format.source, r.get('id'), [product.externalId, authorEmail || authorName, String(createdAt), body]));
  const question = { sourceKey, source, product, body, bodyHtml: r.markdown('body', body), authorName, authorEmail, status: r.status('status'), createdAt };
  const answerBody = r.get('answerBody');
  if (!answerBody) return { ...question, answer: null };
  const kindText = r.get('answerKind') || 'community';
  const kind = KINDS.find((k) => k === kindText);
  if (!kind) throw new RowError(r.column('answerKind'), `answer kind must be one of ${KINDS.join(', ')}`);
  const answerAuthorName = r.required('answerAuthorName', "the answerer's name");
  const answerCreatedAt = r.date('answerCreatedAt', true)!;
  const answerSource = r.get('answerSource') || format.source;
  const answerKey =
    r.get('answerSourceKey') || (await keyOf(`${format.source}-answer`, r.get('answerId'), [sourceKey, answerAuthorName, String(answerCreatedAt), answerBody]));
  return {
    ...question,
    answer: {
      sourceKey: answerKey,
      source: SOURCE.test(answerSource) ? answerSource : format.source,
      body: answerBody,
      bodyHtml: r.markdown('answerBody', answerBody),
      authorName: answerAuthorName,
      authorEmail: r.get('answerAuthorEmail').toLowerCase() || null,
      kind,
      status: r.status('answerStatus'),
      helpfulCount: r.count('answerHelpfulCount'),
      accepted: /^(?:true|yes|1)$/i.test(r.get('answerAccepted')),
      createdAt: answerCreatedAt,
    },
  };
}

/** A thrown RowError as the job's report line. */
export const rowErrorOf = (row: number, err: RowError): ImportRowError => ({ row, column: err.column, message: err.message });
