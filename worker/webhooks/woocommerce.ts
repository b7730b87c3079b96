/** WooCommerce order webhooks (order.created / order.updated / order.deleted) → Verity's order shape. */
import type { OrderInput } from '../../db/queries/orders';
import { ApiError } from '../errors';

interface WooOrder {
  id?: number | string;
  status?: string;
  date_created_gmt?: string;
  date_completed_gmt?: string | null;
  date_modified_gmt?: string;
  billing?: { email?: string; first_name?: string; last_name?: string };
  line_items?: Array<{ product_id?: number | string; name?: string; sku?: string }>;
}

// Woo's *_gmt dates carry no zone suffix; they are UTC.
const gmt = (s: string | null | undefined, fallback: number | null) => {
  const t = s ? Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`) : NaN;
  return Number.isFinite(t) ? t : fallback;
};

export function fromWooOrder(payload: unknown, now: number): OrderInput {
  if (typeof payload !== 'object' || payload === null) throw new ApiError('VALIDATION_FAILED', 'WooCommerce payload: body must be a JSON object');
  const o = payload as WooOrder;
  if (o.id === undefined) throw new ApiError('VALIDATION_FAILED', 'WooCommerce payload: order id is missing');
  const status = o.status ?? 'pending';
  return {
    externalId: String(o.id),
    customerEmail: o.billing?.email ?? '',
    customerName: [o.billing?.first_name, o.billing?.last_name].filter(Boolean).join(' ') || null,
    orderedAt: gmt(o.date_created_gmt, now)!,
    fulfilledAt: status === 'completed' ? gmt(o.date_completed_gmt, gmt(o.date_modified_gmt, now)) : null,
    cancelledAt: status === 'cancelled' || status === 'failed' ? gmt(o.date_modified_gmt, now) : null,
    refunded: status === 'refunded',
    items: (o.line_items ?? [])
      .filter((li) => li.product_id !== undefined && String(li.product_id) !== '0')
      .map((li) => ({ externalId: String(li.product_id), name: li.name || `Product ${li.product_id}`, sku: li.sku || null })),
    source: 'woocommerce',
  };
}
