/**
 * A store's reviews (with replies), questions (with answers) and votes as
 * CSV or JSON, streamed a keyset page at a time so an export of a million
 * rows holds one page in memory. The review, question and vote files are
 * Verity's import format (domain/import/vendors.ts), so an export imports back without loss.
 */
import Papa from 'papaparse';
import type { Db } from '../../db/client';
import { exportAnswerVotesPage, exportQuestionsPage, exportReviewsPage, exportReviewVotesPage, type VoteRow } from '../../db/queries/exports';
import type { Page } from '../../db/queries/keyset';
import { listMediaOfReviews } from '../../db/queries/media';
import { mediaFileUrl } from '../media/json';
import { importedKeyOf } from './import/rows';
import { questionFormats, reviewFormats, voteFormats } from './import/vendors';

export const exportNames = ['reviews.csv', 'reviews.json', 'questions.csv', 'questions.json', 'votes.csv', 'votes.json'] as const;
export type ExportName = (typeof exportNames)[number];

const PAGE = 500;
const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * A product's page as a reader of the file follows it. The demo store's pages
 * live on this server as paths (`/demo/products/tee`), which mean nothing in a
 * file and which an import drops (it keeps only http(s) URLs); written
 * against the public origin, they survive the round trip.
 */
const pageUrl = (url: string | null, baseUrl: string | undefined) => (url && baseUrl && url.startsWith('/') && !url.startsWith('//') ? `${baseUrl}${url}` : url);

type Value = string | number | boolean | null | string[] | Record<string, unknown>[];
type Item = Record<string, Value>;

/** One page of items and the cursor after it. */
type Pager = (cursor: string | undefined) => Promise<Page<Item>>;

const reviewColumns = Object.values(reviewFormats.verity.columns);
const questionColumns = Object.values(questionFormats.verity!.columns).filter((c) => !c.startsWith('answer_'));
const answerColumns = Object.values(questionFormats.verity!.columns).filter((c) => c.startsWith('answer_'));
/**
 * target_source_key came after the first release, so it is last: the key the
 * vote's review or answer has once its reviews/questions file is imported
 * elsewhere, by which a votes import finds it there.
 */
const voteColumns = [...Object.values(voteFormats.verity!.columns)];

function reviewPager(db: Db, storeId: string, baseUrl: string | undefined): Pager {
  return async (cursor) => {
    const page = await exportReviewsPage(db, storeId, cursor, PAGE);
    // Photos and videos shoppers uploaded, as their public URLs: an import keeps them as the review's photo URLs.
    // Hidden ones stay out, as the merchant took them off the storefront.
    const media = await listMediaOfReviews(db, page.items.map((i) => i.review.id), { visibleOnly: false });
    const uploaded = (id: string) => (media.get(id) ?? []).filter((m) => !m.hidden).map((m) => mediaFileUrl(baseUrl ?? '', storeId, m.sha256, m.contentType));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map(({ review: r, reply, product }) => ({
        id: r.id,
        source_key: r.sourceKey,
        source: r.source,
        product_id: product.externalId,
        product_name: product.name,
        product_url: pageUrl(product.url, baseUrl),
        rating: r.rating,
        title: r.title,
        body: r.body,
        author_name: r.authorName,
        author_email: r.authorEmail,
        verified: r.verified,
        order_id: r.orderId,
        status: r.status,
        helpful_count: r.helpfulCount,
        unhelpful_count: r.unhelpfulCount,
        locale: r.locale,
        photo_urls: [...(r.photoUrls ? (JSON.parse(r.photoUrls) as string[]) : []), ...uploaded(r.id)],
        created_at: iso(r.createdAt),
        reply: reply?.body ?? null,
        reply_created_at: iso(reply?.createdAt),
      })),
    };
  };
}

function questionPager(db: Db, storeId: string, baseUrl: string | undefined): Pager {
  return async (cursor) => {
    const page = await exportQuestionsPage(db, storeId, cursor, PAGE);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map(({ question: q, product, answers }) => ({
        id: q.id,
        source_key: q.sourceKey,
        source: q.source,
        product_id: product.externalId,
        product_name: product.name,
        product_url: pageUrl(product.url, baseUrl),
        body: q.body,
        author_name: q.authorName,
        author_email: q.authorEmail,
        status: q.status,
        created_at: iso(q.createdAt),
        answers: answers.map((a) => ({
          id: a.id,
          source_key: a.sourceKey,
          source: a.source,
          body: a.body,
          author_name: a.authorName,
          author_email: a.authorEmail,
          kind: a.kind,
          status: a.status,
          helpful_count: a.helpfulCount,
          accepted: q.acceptedAnswerId === a.id,
          created_at: iso(a.createdAt),
        })),
      })),
    };
  };
}

/** Review votes, then answer votes: two lists behind one cursor. */
function votePager(db: Db, storeId: string): Pager {
  const vote = (v: VoteRow): Item => ({
    kind: v.kind,
    target_id: v.targetId,
    voter: v.voter,
    value: v.value,
    created_at: iso(v.createdAt),
    target_source_key: importedKeyOf(v.kind, { id: v.targetId, sourceKey: v.targetSourceKey }),
  });
  return async (cursor) => {
    const [list, inner] = cursor ? [cursor.slice(0, 1), cursor.slice(2) || undefined] : ['r', undefined];
    const page = list === 'r' ? await exportReviewVotesPage(db, storeId, inner, PAGE) : await exportAnswerVotesPage(db, storeId, inner, PAGE);
    const next = page.nextCursor ? `${list}:${page.nextCursor}` : list === 'r' ? 'a:' : null;
    return { items: page.items.map(vote), nextCursor: next };
  };
}

/** A cell as CSV writes it: booleans as true/false, lists as JSON, nothing as empty. */
const cell = (v: Value | undefined): string => (v === null || v === undefined ? '' : Array.isArray(v) ? (v.length ? JSON.stringify(v) : '') : String(v));

/** Questions as CSV rows: one per answer, the question's fields repeated; a question without answers is one row. */
function csvRows(name: ExportName, items: Item[]): Record<string, string>[] {
  if (!name.startsWith('questions')) return items.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, cell(v)])));
  return items.flatMap(({ answers, ...q }) => {
    const base = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, cell(v)]));
    const list = answers as Record<string, Value>[];
    if (list.length === 0) return [base];
    return list.map((a) => ({ ...base, ...Object.fromEntries(Object.entries(a).map(([k, v]) => [`answer_${k}`, cell(v)])) }));
  });
}

const columnsOf = (name: ExportName) =>
  name.startsWith('reviews') ? reviewColumns : name.startsWith('questions') ? [...questionColumns, ...answerColumns] : voteColumns;

/**
 * The export as a byte stream; each pull reads one page.
 *
 * @example
 * return new Response(exportStream(db, 'store-a', 'reviews.csv', { baseUrl }), { headers: { 'content-type': 'text/csv' } });
 */
export function exportStream(db: Db, storeId: string, name: ExportName, { baseUrl }: { baseUrl?: string } = {}): ReadableStream<Uint8Array> {
  const pager = name.startsWith('reviews') ? reviewPager(db, storeId, baseUrl) : name.startsWith('questions') ? questionPager(db, storeId, baseUrl) : votePager(db, storeId);
  const csv = name.endsWith('.csv');
  const columns = columnsOf(name);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let first = true;
  let finished = false;
  let written = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (finished) return;
      const page = await pager(cursor);
      let text: string;
      if (csv) {
        const rows = csvRows(name, page.items).map((r) => columns.map((c) => r[c] ?? ''));
        text = first ? Papa.unparse({ fields: columns, data: rows }) : rows.length ? Papa.unparse(rows) : '';
        if (text) text += '\r\n';
      } else {
        text = (first ? '[' : '') + page.items.map((item) => (written++ === 0 ? '\n' : ',\n') + JSON.stringify(item)).join('');
      }
      first = false;
      if (text) controller.enqueue(encoder.encode(text));
      if (page.nextCursor === null) {
        if (!csv) controller.enqueue(encoder.encode('\n]\n'));
        finished = true;
        controller.close();
      } else cursor = page.nextCursor;
    },
  });
}
