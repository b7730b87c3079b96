/**
 * What Google matches reviews to products on, and what a product still lacks.
 * Google's product reviews feed and review snippets identify a product by its
 * GTIN, or by brand and MPN together; a product page URL and an image are
 * recommended on top. A product with neither a GTIN nor brand + MPN can still
 * show stars on its own page, but its reviews cannot join Shopping results.
 */
import type { Product } from '../../db/schema';

export type ProductField = 'gtin' | 'brand' | 'mpn' | 'url' | 'imageUrl';

/** True when Google can match the product: a GTIN, or brand and MPN. */
export const isIdentified = (p: Pick<Product, 'gtin' | 'brand' | 'mpn'>) => Boolean(p.gtin || (p.brand && p.mpn));

/** The fields worth filling in, most useful first; empty when nothing is missing. */
export function missingForSearch(p: Pick<Product, ProductField>): ProductField[] {
  const missing: ProductField[] = [];
  if (!isIdentified(p)) {
    if (!p.gtin) missing.push('gtin');
    if (!p.brand) missing.push('brand');
    if (!p.mpn) missing.push('mpn');
  }
  if (!p.url) missing.push('url');
  if (!p.imageUrl) missing.push('imageUrl');
  return missing;
}
