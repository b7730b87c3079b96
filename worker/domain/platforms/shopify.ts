/**
 * Shopify order webhooks → what each says about an order. Shopify shares
 * customer emails with public apps only after its protected-customer-data
 * review; a merchant's own custom app gets them once it is granted the
 * customer (Level 2) fields.
 */
import type { OrderFacts, OrderInput } from '../../../db/queries/orders';
import type { ProductInput } from '../../../db/queries/products';
import { normalizeGtin } from '../gtin';
import { ApiError } from '../../errors';
import { platformOrderId } from './order-id';
import { normalizeLocaleTag } from '../../i18n/locale';

export const shopifyTopics = ['orders/create', 'orders/updated', 'orders/fulfilled', 'orders/cancelled', 'orders/delete', 'refunds/create'] as const;
export type ShopifyTopic = (typeof shopifyTopics)[number];

interface ShopifyOrder {
  id?: unknown;
  email?: string | null;
  contact_email?: string | null;
  created_at?: string;
  updated_at?: string;
  cancelled_at?: string | null;
  fulfillment_status?: string | null;
  financial_status?: string | null;
  test?: boolean;
  /** The language the buyer shopped in, e.g. `de` or `fr-CA`. */
  customer_locale?: string | null;
  customer?: { email?: string | null; first_name?: string | null; last_name?: string | null } | null;
  fulfillments?: Array<{ created_at?: string; status?: string }>;
  line_items?: Array<{ product_id?: number | string | null; title?: string; name?: string; sku?: string | null; vendor?: string | null }>;
}

/** Catalogue webhooks: what Google matches reviews on (barcodes, vendor) lives on the product and its variants. */
export const shopifyProductTopics = ['products/create', 'products/update'] as const;
export const isShopifyProductTopic = (topic: string) => (shopifyProductTopics as readonly string[]).includes(topic);

interface ShopifyProduct {
  id?: unknown;
  title?: string;
  vendor?: string | null;
  handle?: string | null;
  image?: { src?: string | null } | null;
  images?: Array<{ src?: string | null }>;
  variants?: Array<{ sku?: string | null; barcode?: string | null }>;
}

interface ShopifyRefund {
  order_id?: unknown;
  created_at?: string;
  processed_at?: string | null;
}

const time = (s: string | null | undefined, fallback: number | null) => {
  const t = s ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? t : fallback;
};

/**
 * What one delivery says. refunds/create names only its order and
 * orders/delete only the id: they carry one fact, kept even when the order
 * itself has not arrived yet.
 */
export function fromShopify(topic: ShopifyTopic, payload: unknown, now: number): OrderFacts {
  if (typeof payload !== 'object' || payload === null) throw new ApiError('VALIDATION_FAILED', 'Shopify payload: body must be a JSON object');
  if (topic === 'refunds/create') {
    const r = payload as ShopifyRefund;
    return { externalId: platformOrderId('Shopify', 'order_id', r.order_id), refundedAt: time(r.created_at ?? r.processed_at, now), source: 'shopify' };
  }
  if (topic === 'orders/delete') return { externalId: platformOrderId('Shopify', 'id', (payload as ShopifyOrder).id), deletedAt: now, source: 'shopify' };
  return fromShopifyOrder(topic, payload as ShopifyOrder, now);
}

function fromShopifyOrder(topic: ShopifyTopic, o: ShopifyOrder, now: number): OrderInput {
  const externalId = platformOrderId('Shopify', 'id', o.id);
  const email = o.email || o.contact_email || o.customer?.email || '';
  const fulfilled =
    topic === 'orders/fulfilled' || o.fulfillment_status === 'fulfilled'
      ? time(o.fulfillments?.find((f) => f.status !== 'cancelled')?.created_at, time(o.updated_at, now))
      : null;
  const name = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ') || null;
  return {
    externalId,
    customerEmail: email,
    customerName: name,
    orderedAt: time(o.created_at, now)!,
    fulfilledAt: fulfilled,
    cancelledAt: topic === 'orders/cancelled' || o.cancelled_at ? time(o.cancelled_at, now) : null,
    refundedAt: o.financial_status === 'refunded' ? time(o.updated_at, now) : null,
    // Shopify's test orders (Bogus Gateway, test mode) are real webhooks about no real buyer.
    test: o.test === true,
    locale: normalizeLocaleTag(o.customer_locale),
    items: (o.line_items ?? [])
      .filter((li) => li.product_id !== undefined && li.product_id !== null)
      .map((li) => ({ externalId: String(li.product_id), name: li.title || li.name || `Product ${li.product_id}`, sku: li.sku || null, brand: li.vendor || null })),
    source: 'shopify',
  };
}

/**
 * A product as its products/create or products/update webhook describes it.
 * The storefront (the store's first allowed origin) gives the product page
 * `/products/<handle>`, Shopify's own URL for it.
 */
export function productFromShopify(payload: unknown, storefront: string | undefined): ProductInput {
  if (typeof payload !== 'object' || payload === null) throw new ApiError('VALIDATION_FAILED', 'Shopify payload: body must be a JSON object');
  const p = payload as ShopifyProduct;
  const externalId = platformOrderId('Shopify', 'id', p.id);
  const variants = p.variants ?? [];
  return {
    externalId,
    name: p.title || `Product ${externalId}`,
    url: storefront && p.handle ? `${storefront}/products/${encodeURIComponent(p.handle)}` : null,
    imageUrl: p.image?.src || p.images?.find((i) => i.src)?.src || null,
    sku: variants.find((v) => v.sku)?.sku || null,
    // The first variant with a real GTIN; a product's variants share its reviews.
    gtin: variants.map((v) => normalizeGtin(v.barcode)).find((g) => g !== null) ?? null,
    brand: p.vendor || null,
  };
}
