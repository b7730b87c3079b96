/**
 * Which column of each tool's export holds which Verity field: the one table
 * the importer reads, and the README's mapping table is written from it.
 * Column names are matched case-insensitively. A format is recognised when
 * every one of its `detect` columns is in the header row.
 */
import type { ReviewStatus } from '../../../db/schema';

/** What a review row can say. */
export const reviewFields = [
  'id', 'sourceKey', 'source', 'productId', 'productHandle', 'productName', 'productUrl', 'rating', 'title', 'body',
  'authorName', 'authorEmail', 'verified', 'orderId', 'status', 'helpfulCount', 'unhelpfulCount', 'locale', 'photoUrls',
  'createdAt', 'reply', 'replyDate',
] as const;
export type ReviewField = (typeof reviewFields)[number];

/** What a question row can say; a row carries at most one answer, so a question with three answers is three rows. */
export const questionFields = [
  'id', 'sourceKey', 'source', 'productId', 'productHandle', 'productName', 'productUrl', 'body', 'authorName', 'authorEmail',
  'status', 'createdAt', 'answerId', 'answerSourceKey', 'answerSource', 'answerBody', 'answerAuthorName', 'answerAuthorEmail',
  'answerKind', 'answerStatus', 'answerHelpfulCount', 'answerAccepted', 'answerCreatedAt',
] as const;
export type QuestionField = (typeof questionFields)[number];

/** What a vote row says: Verity's votes.csv|json only (no other tool exports its voters). */
export const voteFields = ['kind', 'targetId', 'voter', 'value', 'createdAt', 'targetSourceKey'] as const;
export type VoteField = (typeof voteFields)[number];

export const vendorIds = ['verity', 'judgeme', 'yotpo', 'okendo', 'stamped'] as const;
export type VendorId = (typeof vendorIds)[number];

export interface VendorFormat<Field extends string> {
  /** Written into each imported row's `source` (Verity's own files carry theirs). */
  source: string;
  label: string;
  columns: Partial<Record<Field, string>>;
  detect: string[];
  /** Whether the row's verification value means a checked purchase; only then is the review verified. */
  verified?: (value: string) => boolean;
  /** The vendor's status value as a Verity status; anything else is a row error. */
  status?: (value: string) => ReviewStatus | undefined;
}

/**
 * The tool that first published a review, by the `source` an import gave it:
 * what the storefront and the structured data name. Undefined for Verity's
 * own reviews and for a column mapping's (which tool it was is unknown).
 */
export function sourceLabel(source: string): string | undefined {
  if (source === 'verity') return undefined;
  return (Object.values(reviewFormats) as VendorFormat<ReviewField>[]).find((f) => f.source === source)?.label;
}

/** How a review's purchase was checked: by an order Verity knows, by the tool it was imported from, or not at all. */
export function verificationOf(r: { verified: boolean; orderId: string | null; source: string }): 'order' | 'imported' | null {
  if (!r.verified) return null;
  return r.orderId === null && r.source !== 'verity' ? 'imported' : 'order';
}

const yes = (v: string) => /^(?:true|yes|y|1)$/i.test(v);
const bool = (v: string) => (yes(v) ? true : /^(?:false|no|n|0)$/i.test(v) ? false : undefined);
const publishedOrNot = (v: string): ReviewStatus | undefined => ({ true: 'published', false: 'pending' } as const)[String(bool(v)) as 'true' | 'false'];

/** Review exports and import templates, as each vendor documents them. */
export const reviewFormats: Record<VendorId, VendorFormat<ReviewField>> = {
  // Verity's own export (GET …/exports/reviews.csv|json): every field, so it round-trips.
  verity: {
    source: 'verity',
    label: 'Verity',
    columns: {
      id: 'id', sourceKey: 'source_key', source: 'source', productId: 'product_id', productName: 'product_name', productUrl: 'product_url',
      rating: 'rating', title: 'title', body: 'body', authorName: 'author_name', authorEmail: 'author_email', verified: 'verified',
      orderId: 'order_id', status: 'status', helpfulCount: 'helpful_count', unhelpfulCount: 'unhelpful_count', locale: 'locale',
      photoUrls: 'photo_urls', createdAt: 'created_at', reply: 'reply', replyDate: 'reply_created_at',
    },
    detect: ['id', 'author_name', 'rating', 'created_at', 'source'],
    verified: yes,
    status: (v) => (['pending', 'published', 'rejected', 'spam'] as const).find((s) => s === v),
  },
  // Judge.me's review import/export CSV.
  judgeme: {
    source: 'judgeme',
    label: 'Judge.me',
    columns: {
      title: 'title', body: 'body', rating: 'rating', createdAt: 'review_date', verified: 'verified', status: 'curated',
      authorName: 'reviewer_name', authorEmail: 'reviewer_email', productId: 'product_id', productHandle: 'product_handle',
      reply: 'reply', replyDate: 'reply_date', photoUrls: 'picture_urls', id: 'id',
    },
    detect: ['body', 'rating', 'review_date', 'reviewer_name'],
    // Judge.me's "buyer" badges; "email" or "nothing" is not proof of a purchase.
    verified: (v) => /^(?:buyer|verified[-_ ]?buyer|verified[-_ ]?purchase|confirmed[-_ ]?buyer|true|yes)$/i.test(v),
    status: (v) => ({ ok: 'published', 'not-yet': 'pending', spam: 'spam', published: 'published', hidden: 'rejected' } as const)[v.toLowerCase() as 'ok'],
  },
  // Yotpo's reviews import template / export.
  yotpo: {
    source: 'yotpo',
    label: 'Yotpo',
    columns: {
      id: 'review_id', title: 'review_title', body: 'review_content', rating: 'review_score', createdAt: 'date', productId: 'product_id',
      productName: 'product_title', productUrl: 'product_url', authorName: 'display_name', authorEmail: 'email', status: 'published',
      reply: 'comment_content', replyDate: 'comment_created_at', verified: 'user_type', helpfulCount: 'votes_up', unhelpfulCount: 'votes_down',
      photoUrls: 'images',
    },
    detect: ['review_content', 'review_score'],
    verified: (v) => /^verified[-_ ]?buyer$/i.test(v),
    status: publishedOrNot,
  },
  // Okendo's import template.
  okendo: {
    source: 'okendo',
    label: 'Okendo',
    columns: {
      id: 'reviewId', productId: 'productId', productHandle: 'handle', productName: 'productName', rating: 'rating', title: 'title', body: 'body',
      authorName: 'name', authorEmail: 'email', createdAt: 'dateCreated', photoUrls: 'imageUrls', reply: 'reply', replyDate: 'replyDate',
      verified: 'isVerifiedBuyer', helpfulCount: 'helpfulCount',
    },
    detect: ['name', 'body', 'rating', 'dateCreated'],
    verified: yes,
  },
  // Stamped's review export.
  stamped: {
    source: 'stamped',
    label: 'Stamped',
    columns: {
      id: 'reviewId', productId: 'productId', productName: 'productTitle', productUrl: 'productUrl', authorName: 'author', authorEmail: 'email',
      rating: 'reviewRating', title: 'reviewTitle', body: 'reviewMessage', createdAt: 'reviewDate', reply: 'reviewReply',
      replyDate: 'reviewReplyDate', verified: 'reviewVerifiedType', helpfulCount: 'reviewVotesUp', unhelpfulCount: 'reviewVotesDown',
      photoUrls: 'reviewImages', status: 'reviewStatus',
    },
    detect: ['reviewMessage', 'reviewRating'],
    verified: (v) => /^(?:buyer|verified[-_ ]?buyer|1|true)$/i.test(v),
    status: (v) => ({ published: 'published', unpublished: 'pending', pending: 'pending', spam: 'spam', rejected: 'rejected' } as const)[v.toLowerCase() as 'published'],
  },
};

/** Question exports: Verity's own; other tools' Q&A files go through a column mapping. */
export const questionFormats: Partial<Record<VendorId, VendorFormat<QuestionField>>> = {
  verity: {
    source: 'verity',
    label: 'Verity',
    columns: {
      id: 'id', sourceKey: 'source_key', source: 'source', productId: 'product_id', productName: 'product_name', productUrl: 'product_url',
      body: 'body', authorName: 'author_name', authorEmail: 'author_email', status: 'status', createdAt: 'created_at',
      answerId: 'answer_id', answerSourceKey: 'answer_source_key', answerSource: 'answer_source', answerBody: 'answer_body',
      answerAuthorName: 'answer_author_name', answerAuthorEmail: 'answer_author_email', answerKind: 'answer_kind',
      answerStatus: 'answer_status', answerHelpfulCount: 'answer_helpful_count', answerAccepted: 'answer_accepted', answerCreatedAt: 'answer_created_at',
    },
    detect: ['id', 'body', 'answer_body'],
    status: (v) => (['pending', 'published', 'rejected', 'spam'] as const).find((s) => s === v),
  },
};

/**
 * Verity's votes export (GET …/exports/votes.csv|json). `target_source_key`
 * (added after the first release, so optional) is the key the review's or
 * answer's own import gives it in the new store.
 */
export const voteFormats: Partial<Record<VendorId, VendorFormat<VoteField>>> = {
  verity: {
    source: 'verity',
    label: 'Verity votes',
    columns: { kind: 'kind', targetId: 'target_id', voter: 'voter', value: 'value', createdAt: 'created_at', targetSourceKey: 'target_source_key' },
    detect: ['kind', 'target_id', 'voter', 'value', 'created_at'],
  },
};

/** A merchant's own mapping (`{ "rating": "Stars", … }`) as a format; its rows say `source: "import"` unless a column says otherwise. */
export function mappingFormat<Field extends string>(columns: Partial<Record<Field, string>>): VendorFormat<Field> {
  return {
    source: 'import',
    label: 'column mapping',
    columns,
    detect: [],
    verified: yes,
    status: (v) => (['pending', 'published', 'rejected', 'spam'] as const).find((s) => s === v.toLowerCase()) ?? publishedOrNot(v),
  };
}

/** The first format whose `detect` columns are all in the header, Verity's own first. */
export function detectFormat<Field extends string>(formats: Partial<Record<VendorId, VendorFormat<Field>>>, header: string[]): VendorId | undefined {
  const have = new Set(header.map((h) => h.toLowerCase()));
  return vendorIds.find((id) => formats[id] && formats[id].detect.every((c) => have.has(c.toLowerCase())));
}
