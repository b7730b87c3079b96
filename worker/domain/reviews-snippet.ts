/**
 * What the server-rendered reviews snippet shows, read in one place so the
 * snippet route and the /demo product page show the same thing: the first
 * page exactly as <verity-reviews> asks for it (newest first), and the
 * Product JSON-LD exactly as GET …/jsonld builds it (the most helpful).
 */
import type { Db } from '../../db/client';
import { getProduct } from '../../db/queries/products';
import { listPublishedReviews } from '../../db/queries/reviews';
import { getProductSummary } from '../../db/queries/stats';
import { JSON_LD_REVIEWS } from '../views/product-jsonld';
import type { SnippetData } from '../views/reviews-snippet';

/** <verity-reviews>' own first request: `sort=recent` and its default `page-size`. */
export const SNIPPET_SORT = 'recent';
export const SNIPPET_PAGE_SIZE = 5;

/** The snippet's data for a product, or undefined when the store has no such product. */
export async function loadReviewsSnippet(db: Db, storeId: string, externalId: string, limit = SNIPPET_PAGE_SIZE): Promise<SnippetData | undefined> {
  const product = await getProduct(db, storeId, externalId);
  if (!product) return undefined;
  const [summary, page, helpful] = await Promise.all([
    getProductSummary(db, product.id),
    listPublishedReviews(db, { productId: product.id, sort: SNIPPET_SORT, limit }),
    listPublishedReviews(db, { productId: product.id, sort: 'helpful', limit: JSON_LD_REVIEWS }),
  ]);
  return { product, summary, reviews: page.items, more: page.nextCursor !== null, jsonLdReviews: helpful.items };
}
