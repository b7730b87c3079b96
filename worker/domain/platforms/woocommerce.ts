/**
 * WooCommerce webhooks → what each says about an order. One delivery URL may
 * receive every resource's webhooks, so the X-WC-Webhook-Topic header, not the
 * body, says whether a delivery is about an order at all.
 */
import type { OrderFacts, OrderInput } from '../../../db/queries/orders';
import type { ProductInput } from '../../../db/queries/products';
import { normalizeGtin } from '../gtin';
import { ApiError } from '../../errors';
import { platformOrderId } from './order-id';
import { normalizeLocaleTag } from '../../i18n/locale';

/** order.restored (out of the trash) carries the whole order like an update; the deletion it follows still stands. */
export const wooOrderTopics = ['order.created', 'order.updated', 'order.restored', 'order.deleted'] as const;
export type WooOrderTopic = (typeof wooOrderTopics)[number];

export const isWooOrderTopic = (topic: string): topic is WooOrderTopic => (wooOrderTopics as readonly string[]).includes(topic);

interface WooOrder {
  id?: unknown;
  status?: string;
  date_created_gmt?: string;
  date_completed_gmt?: string | null;
  date_modified_gmt?: string;
  billing?: { email?: string; first_name?: string; last_name?: string };
  line_items?: Array<{ product_id?: number | string; name?: string; sku?: string }>;
  meta_data?: Array<{ key?: string; value?: unknown }>;
}

/**
 * WooCommerce itself records no language on an order; the multilingual
 * plugins do, in the order's meta: WPML `wpml_language`, TranslatePress
 * `trp_language`, Polylang `pll_language`; `locale` for a shop's own code.
 */
const languageMetaKeys = ['wpml_language', 'trp_language', 'pll_language', 'locale'];
const wooLocale = (o: WooOrder) => normalizeLocaleTag(o.meta_data?.find((m) => m.key && languageMetaKeys.includes(m.key))?.value);

// Woo's *_gmt dates carry no zone suffix; they are UTC.
const gmt = (s: string | null | undefined, fallback: number | null) => {
  const t = s ? Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`) : NaN;
  return Number.isFinite(t) ? t : fallback;
};

/** order.deleted sends only `{ id }`: one fact, kept even when the order itself has not arrived yet. */
export function fromWoo(topic: WooOrderTopic, payload: unknown, now: number): OrderFacts {
  if (typeof payload !== 'object' || payload === null) throw new ApiError('VALIDATION_FAILED', 'WooCommerce payload: body must be a JSON object');
  const o = payload as WooOrder;
  const externalId = platformOrderId('WooCommerce', 'id', o.id);
  if (topic === 'order.deleted') return { externalId, deletedAt: now, source: 'woocommerce' };
  return fromWooOrder(externalId, o, now);
}

function fromWooOrder(externalId: string, o: WooOrder, now: number): OrderInput {
  const status = o.status ?? 'pending';
  return {
    externalId,
    customerEmail: o.billing?.email ?? '',
    customerName: [o.billing?.first_name, o.billing?.last_name].filter(Boolean).join(' ') || null,
    orderedAt: gmt(o.date_created_gmt, now)!,
    fulfilledAt: status === 'completed' ? gmt(o.date_completed_gmt, gmt(o.date_modified_gmt, now)) : null,
    cancelledAt: status === 'cancelled' || status === 'failed' ? gmt(o.date_modified_gmt, now) : null,
    refundedAt: status === 'refunded' ? gmt(o.date_modified_gmt, now) : null,
    items: (o.line_items ?? [])
      .filter((li) => li.product_id !== undefined && String(li.product_id) !== '0')
      .map((li) => ({ externalId: String(li.product_id), name: li.name || `Product ${li.product_id}`, sku: li.sku || null })),
    locale: wooLocale(o),
    source: 'woocommerce',
  };
}

export const wooProductTopics = ['product.created', 'product.updated', 'product.restored'] as const;
export const isWooProductTopic = (topic: string) => (wooProductTopics as readonly string[]).includes(topic);

interface WooProduct {
  id?: unknown;
  name?: string;
  permalink?: string | null;
  sku?: string | null;
  /** WooCommerce 9.2+: "GTIN, UPC, EAN or ISBN". */
  global_unique_id?: string | null;
  images?: Array<{ src?: string | null }>;
  /** WooCommerce 9.6+ brands. */
  brands?: Array<{ name?: string | null }>;
}

/** A product as its product.* webhook describes it (the REST API's product shape). */
export function productFromWoo(payload: unknown): ProductInput {
  if (typeof payload !== 'object' || payload === null) throw new ApiError('VALIDATION_FAILED', 'WooCommerce payload: body must be a JSON object');
  const p = payload as WooProduct;
  const externalId = platformOrderId('WooCommerce', 'id', p.id);
  return {
    externalId,
    name: p.name || `Product ${externalId}`,
    url: p.permalink && /^https?:\/\//.test(p.permalink) ? p.permalink : null,
    imageUrl: p.images?.find((i) => i.src)?.src || null,
    sku: p.sku || null,
    gtin: normalizeGtin(p.global_unique_id),
    brand: p.brands?.find((b) => b.name)?.name || null,
  };
}
