/**
 * Shopify order webhooks → Verity's order shape. Shopify shares customer
 * emails with public apps only after its protected-customer-data review; a
 * merchant's own custom app gets them once it is granted the customer
 * (Level 2) fields.
 */
import type { OrderInput } from '../../db/queries/orders';
import { ApiError } from '../errors';

export const shopifyTopics = ['orders/create', 'orders/updated', 'orders/fulfilled', 'orders/cancelled', 'refunds/create'] as const;
export type ShopifyTopic = (typeof shopifyTopics)[number];

interface ShopifyOrder {
  id?: number | string;
  email?: string | null;
  contact_email?: string | null;
  created_at?: string;
  updated_at?: string;
  cancelled_at?: string | null;
  fulfillment_status?: string | null;
  financial_status?: string | null;
  customer?: { email?: string | null; first_name?: string | null; last_name?: string | null } | null;
  fulfillments?: Array<{ created_at?: string; status?: string }>;
  line_items?: Array<{ product_id?: number | string | null; title?: string; name?: string; sku?: string | null }>;
}

const invalid = (what: string) => new ApiError('VALIDATION_FAILED', `Shopify payload: ${what}`);

const time = (s: string | null | undefined, fallback: number | null) => {
  const t = s ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? t : fallback;
};

/** Translates an order payload; refunds/create is handled by the caller (it names only the order). */
export function fromShopifyOrder(topic: ShopifyTopic, payload: unknown, now: number): OrderInput {
  if (typeof payload !== 'object' || payload === null) throw invalid('body must be a JSON object');
  const o = payload as ShopifyOrder;
  if (o.id === undefined || o.id === null) throw invalid('order id is missing');
  const email = o.email || o.contact_email || o.customer?.email || '';
  const fulfilled =
    topic === 'orders/fulfilled' || o.fulfillment_status === 'fulfilled'
      ? time(o.fulfillments?.find((f) => f.status !== 'cancelled')?.created_at, time(o.updated_at, now))
      : null;
  const name = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ') || null;
  return {
    externalId: String(o.id),
    customerEmail: email,
    customerName: name,
    orderedAt: time(o.created_at, now)!,
    fulfilledAt: fulfilled,
    cancelledAt: topic === 'orders/cancelled' || o.cancelled_at ? time(o.cancelled_at, now) : null,
    refunded: o.financial_status === 'refunded',
    items: (o.line_items ?? [])
      .filter((li) => li.product_id !== undefined && li.product_id !== null)
      .map((li) => ({ externalId: String(li.product_id), name: li.title || li.name || `Product ${li.product_id}`, sku: li.sku ?? null })),
    source: 'shopify',
  };
}
