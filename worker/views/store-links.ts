/** Links from Verity's pages back to the store: the product's page, or else the storefront. */
import type { Locale, Product, Store } from '../../db/schema';
import { messages } from '../i18n';

export interface WayBack {
  href: string;
  label: string;
}

/**
 * A product URL as a browser should follow it. Merchants send absolute URLs;
 * a relative one (the demo store's products live on this server) is resolved
 * against the public origin, never against whatever host a request named.
 * Only http(s) comes out.
 *
 * @example productHref('/demo/products/tee', 'http://127.0.0.1:8787') // 'http://127.0.0.1:8787/demo/products/tee'
 */
export function productHref(url: string | null, baseUrl: string): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, `${baseUrl}/`);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** The storefront: the store's first allowed origin, which is where its widgets are embedded. */
export function storefrontHref(store: Store): string | undefined {
  // Wildcards (`*`, `https://*.shop.example`) name no page to go to.
  const origin = store.allowedOrigins.find((o) => !o.includes('*'));
  return origin && productHref(origin, origin) ? new URL(origin).origin : undefined;
}

/** Back to the product if it has a page, else to the store, else nowhere. */
export function wayBack(baseUrl: string, store: Store, product?: Pick<Product, 'name' | 'url'>, locale: Locale = 'en'): WayBack | undefined {
  const t = messages(locale).pages;
  const href = product && productHref(product.url, baseUrl);
  if (href) return { href, label: t.backTo(product.name) };
  const storefront = storefrontHref(store);
  return storefront ? { href: storefront, label: t.goTo(store.name) } : undefined;
}
