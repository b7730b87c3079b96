/**
 * The Google product reviews feed (schema 2.4) of one store, written as a
 * stream: the head, then one batch of reviews at a time as the reader pulls,
 * then the tail. At most one batch of rows and its XML are in memory, so a
 * store with a million reviews costs what one with a thousand does.
 *
 * Each `<review>` is built by fast-xml-builder, which escapes text and
 * attributes. (xmlbuilder2's streaming API was measured first: it builds a
 * DOM fragment per call, about 2 ms per review, which is half an hour for a
 * million reviews.) What the builder does not do, and XML 1.0 requires, is
 * refuse characters that may not appear in a document at all (most C0
 * controls, lone surrogates, U+FFFE/U+FFFF): {@link xmlText} strips them, as
 * one such character makes Google reject the whole feed.
 */
import Builder from 'fast-xml-builder';
import type { Db } from '../../db/client';
import { listFeedReviews, nextFeedCursor, type FeedCursor, type FeedReviewRow, type FeedVersion } from '../../db/queries/feed';
import { listMediaOfReviews } from '../../db/queries/media';
import { mediaFileUrl } from '../media/json';
import { sha256Hex } from '../lib/crypto';
import { htmlToPlainText } from './plain-text';
import { urls } from '../domain/urls';

export const FEED_CONTENT_TYPE = 'application/xml; charset=utf-8';
/** Rows per query: large enough that round trips do not dominate, small enough to stay a few hundred kB. */
export const FEED_BATCH_SIZE = 500;
/** Changes whenever the writer's output for the same data changes, so caches holding the old output are refreshed. */
export const FEED_FORMAT_REVISION = 2;

/**
 * The feed's ETag: a hash of everything its bytes depend on. Weak, because the
 * Node front may gzip the body, which a strong tag would have to follow.
 * `contentVersion` is the store's `any` content version: hiding a photo moves
 * no review's updated_at, only that version (migration 0015's triggers).
 */
export async function feedEtag(
  version: FeedVersion,
  shown: { baseUrl: string; storeName: string; withOrders: boolean },
  contentVersion: number,
): Promise<string> {
  const key = JSON.stringify([FEED_FORMAT_REVISION, shown.baseUrl, shown.storeName, shown.withOrders, version, contentVersion]);
  return `W/"gpr-${(await sha256Hex(key)).slice(0, 32)}"`;
}

const SCHEMA_LOCATION = 'http://www.google.com/shopping/reviews/schema/product/2.4/product_reviews.xsd';

const builder = new Builder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressBooleanAttributes: false,
});

/** Characters XML 1.0 allows; with the `u` flag a lone surrogate is a character outside the class. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text that may appear in an XML 1.0 document, or undefined when nothing but white space is left. */
export function xmlText(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const text = value.replace(NOT_XML_CHAR, '').trim();
  return text === '' ? undefined : text;
}

/** An absolute http(s) URL, normalised (spaces and the like percent-encoded), or undefined. */
function absoluteUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The page a review is shown on, as a "group" page (it shows all of the
 * product's reviews): the merchant's product page, or, when the catalogue has
 * no absolute URL for it, Verity's server-rendered reviews snippet of the
 * product on the public origin.
 */
export function reviewPageUrl(baseUrl: string, storeId: string, row: FeedReviewRow): string {
  return (
    absoluteUrl(row.product.url) ??
    urls.productSnippet(baseUrl, storeId, row.product.externalId)
  );
}

/** Reviews from a review request (the signed link of an order) were asked for after fulfilment; others were not. */
const collectionMethod = (row: FeedReviewRow) => (row.orderId ? 'post_fulfillment' : 'unsolicited');

/** The primary language subtag of the review's locale when it is an ISO 639-1 code (`en-GB` → `en`). */
function language(locale: string | null): string | undefined {
  const primary = locale?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

const list = <K extends string>(key: K, value: string | null) => {
  const text = xmlText(value);
  return text === undefined ? undefined : { [key]: text };
};

function productElement(row: FeedReviewRow) {
  const p = row.product;
  const ids = {
    gtins: list('gtin', p.gtin),
    mpns: list('mpn', p.mpn),
    skus: list('sku', p.sku),
    brands: list('brand', p.brand),
  };
  const hasIds = Object.values(ids).some((v) => v !== undefined);
  return {
    product_ids: hasIds ? ids : undefined,
    product_name: xmlText(p.name),
    product_url: absoluteUrl(p.url),
  };
}

export interface ReviewContext {
  baseUrl: string;
  storeId: string;
  /**
   * Whether to write the order behind a verified review as its transaction_id.
   * Orders never leave Verity's public API, so only the feed fetched with the
   * store's feed token (the URL given to Google) carries them.
   */
  withOrders: boolean;
}

/**
 * One `<review>`, in the order the 2.4 schema gives, or null when the review
 * has no visible text left (content is required and must not be blank).
 * `images` are the absolute URLs of its visible photos.
 */
export function reviewXml(row: FeedReviewRow, ctx: ReviewContext, images: string[] = []): string | null {
  const content = xmlText(htmlToPlainText(row.bodyHtml)) ?? xmlText(row.body);
  if (content === undefined) return null;
  const name = xmlText(row.authorName);
  const review = {
    review_id: row.id,
    reviewer: { name: name === undefined ? { '#text': 'Anonymous', '@_is_anonymous': 'true' } : name },
    is_verified_purchase: row.verified ? 'true' : 'false',
    // Verity offers nothing for a review, and no setting to.
    is_incentivized_review: 'false',
    review_timestamp: new Date(row.createdAt).toISOString(),
    title: xmlText(row.title),
    content,
    review_language: language(row.locale),
    review_url: { '#text': reviewPageUrl(ctx.baseUrl, ctx.storeId, row), '@_type': 'group' },
    // Between review_url and ratings, as 2.4 orders them; left out when empty (it may not be).
    reviewer_images: images.length > 0 ? { reviewer_image: images.map((url) => ({ url })) } : undefined,
    ratings: { overall: { '#text': String(row.rating), '@_min': '1', '@_max': '5' } },
    products: { product: productElement(row) },
    // Only published reviews are listed; spam is a status that never is.
    is_spam: 'false',
    collection_method: collectionMethod(row),
    transaction_id: ctx.withOrders ? xmlText(row.orderId) : undefined,
  };
  return builder.build({ review }) as string;
}

function feedHead(storeName: string): string {
  const publisher = { name: xmlText(storeName) ?? 'Store' };
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<feed xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="${SCHEMA_LOCATION}">\n` +
    (builder.build({ version: '2.4', publisher }) as string)
  );
}

/**
 * The visible photos of a batch's reviews, in one query for the batch: only
 * images (a video is no reviewer_image, and its poster is not the shopper's
 * photo), on Verity's own public file URLs.
 */
async function batchImages(db: Db, baseUrl: string, rows: FeedReviewRow[]): Promise<Map<string, string[]>> {
  const media = await listMediaOfReviews(db, rows.map((r) => r.id), { visibleOnly: true });
  const images = new Map<string, string[]>();
  for (const [reviewId, items] of media) {
    const urls = items.filter((m) => m.kind === 'image').map((m) => mediaFileUrl(baseUrl, m.storeId, m.sha256, m.contentType));
    if (urls.length > 0) images.set(reviewId, urls);
  }
  return images;
}

export interface FeedSource {
  db: Db;
  store: { id: string; name: string };
  /** The deployment's public origin (c.get('baseUrl')), for the URLs Verity builds itself. */
  baseUrl: string;
  /** See {@link ReviewContext.withOrders}. */
  withOrders: boolean;
  batchSize?: number;
}

/**
 * Every published review of the store as a Google product reviews feed.
 * Nothing is read until the consumer pulls; each pull reads one batch, so a
 * slow reader (or a cancelled one) holds back the database reads too.
 *
 * @example
 * return c.body(googleProductReviewsFeed({ db: c.get('db'), store: c.get('store'), baseUrl: c.get('baseUrl'), withOrders: false }), 200, { 'Content-Type': FEED_CONTENT_TYPE });
 */
export function googleProductReviewsFeed(source: FeedSource): ReadableStream<Uint8Array> {
  const limit = source.batchSize ?? FEED_BATCH_SIZE;
  const ctx: ReviewContext = { baseUrl: source.baseUrl, storeId: source.store.id, withOrders: source.withOrders };
  const encoder = new TextEncoder();
  let after: FeedCursor | undefined;
  let started = false;
  let opened = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let out = started ? '' : feedHead(source.store.name);
      started = true;
      let rows: FeedReviewRow[];
      let images: Map<string, string[]>;
      try {
        rows = await listFeedReviews(source.db, { storeId: source.store.id, after, limit });
        images = await batchImages(source.db, source.baseUrl, rows);
      } catch (err) {
        // The 200 is already sent, so onError cannot answer: the stream is cut off
        // (a truncated document, which no reader takes for a complete feed), and logged here.
        console.error('google product reviews feed failed mid-stream', source.store.id, err);
        throw err;
      }
      for (const row of rows) {
        const xml = reviewXml(row, ctx, images.get(row.id));
        if (xml === null) continue;
        // <reviews> must hold at least one review, so it opens with the first.
        if (!opened) out += '<reviews>\n';
        opened = true;
        out += xml;
      }
      const next = nextFeedCursor(rows, limit);
      if (next) after = next;
      else out += `${opened ? '</reviews>\n' : ''}</feed>\n`;
      if (out) controller.enqueue(encoder.encode(out));
      if (!next) controller.close();
    },
  });
}
