/**
 * schema.org Product structured data for a product's reviews, as Google's
 * review snippets read it: the product's identity, an AggregateRating over
 * every published review, and a few of the most helpful reviews. Only
 * published content and display names ever appear; never an email.
 */
import type { Product } from '../../db/schema';
import type { ReviewSummary } from '../../db/queries/stats';
import type { PublicReviewWithReply } from '../../db/queries/reviews';
import { htmlToPlainText } from './plain-text';
import { productHref } from './store-links';
import { sourceLabel } from '../domain/import/vendors';

const absoluteUrl = (href: string | null, baseUrl: string) => productHref(href, baseUrl) ?? null;

export interface ProductJsonLdInput {
  product: Product;
  summary: ReviewSummary;
  /** The most helpful published reviews, best first. */
  reviews: Array<PublicReviewWithReply & { media?: Array<{ kind: string; url: string }> }>;
  /** Verity's public origin, to make a relative product URL absolute. */
  baseUrl: string;
}

/** How many reviews go into the markup: enough for Google to show one, few enough to keep the page light. */
export const JSON_LD_REVIEWS = 5;

const iso = (ms: number) => new Date(ms).toISOString();

/** A review as JSON-LD; `media` (the visible items, when the caller loaded them) become schema.org `image` URLs. */
function reviewLd(r: PublicReviewWithReply & { media?: Array<{ kind: string; url: string }> }) {
  const images = (r.media ?? []).filter((m) => m.kind === 'image').map((m) => m.url);
  const publisher = sourceLabel(r.source);
  return {
    '@type': 'Review',
    ...(r.title ? { name: r.title } : {}),
    reviewBody: htmlToPlainText(r.bodyHtml),
    datePublished: iso(r.createdAt),
    author: { '@type': 'Person', name: r.authorName },
    reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5, worstRating: 1 },
    ...(images.length > 0 ? { image: images } : {}),
    // An imported review says where it was first published (issue 14's disclosure).
    ...(publisher ? { publisher: { '@type': 'Organization', name: publisher } } : {}),
  };
}

/** The rating pieces alone: what a theme that renders its own Product merges in under the same @id. */
export function ratingParts(input: Pick<ProductJsonLdInput, 'summary' | 'reviews'>) {
  if (input.summary.count === 0) return {};
  return {
    aggregateRating: {
      '@type': 'AggregateRating',
      ratingValue: input.summary.average,
      reviewCount: input.summary.count,
      bestRating: 5,
      worstRating: 1,
    },
    review: input.reviews.map(reviewLd),
  };
}

/** The `@id` our Product node uses unless the theme names its own: the product page plus `#product`. */
export function productNodeId(product: Product, baseUrl: string): string | null {
  const url = absoluteUrl(product.url, baseUrl);
  return url ? `${url.split('#')[0]}#product` : null;
}

/**
 * The whole Product node. A product without published reviews has nothing a
 * review snippet could show, and a Product with neither rating, review nor
 * offer is an error in Google's eyes, so it yields an empty graph instead.
 */
export function productJsonLd(input: ProductJsonLdInput) {
  const { product, baseUrl } = input;
  if (input.summary.count === 0) return { '@context': 'https://schema.org', '@graph': [] };
  const url = absoluteUrl(product.url, baseUrl);
  const image = absoluteUrl(product.imageUrl, baseUrl);
  const id = productNodeId(product, baseUrl);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    ...(id ? { '@id': id } : {}),
    name: product.name,
    ...(url ? { url } : {}),
    ...(image ? { image } : {}),
    ...(product.sku ? { sku: product.sku } : {}),
    ...(product.gtin ? { gtin: product.gtin } : {}),
    ...(product.mpn ? { mpn: product.mpn } : {}),
    ...(product.brand ? { brand: { '@type': 'Brand', name: product.brand } } : {}),
    ...ratingParts(input),
  };
}

/** The rating-only variant, under the theme's own Product @id (or ours), for merging. */
export function ratingJsonLd(input: ProductJsonLdInput & { id?: string }) {
  if (input.summary.count === 0) return { '@context': 'https://schema.org', '@graph': [] };
  const id = input.id ?? productNodeId(input.product, input.baseUrl);
  return { '@context': 'https://schema.org', '@type': 'Product', ...(id ? { '@id': id } : {}), ...ratingParts(input) };
}
