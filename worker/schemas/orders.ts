import { z } from '@hono/zod-openapi';
import type { OrderInput } from '../../db/queries/orders';
import { orderStatuses } from '../../db/schema';
import { plainText } from './common';
import { isLocaleTag } from '../i18n/locale';

const isoDate = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time such as 2026-11-01T12:00:00Z` });

/** Every input path refuses a blank order id with this message: it names no order, and every blank-id order would merge into one. */
export const blankOrderId = (field: string) => `${field} must not be empty or only whitespace`;

const productId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { error: 'items[].productId must be 1-128 letters, digits, ".", "_", ":" or "-"' });
const httpsUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).max(2048);

export const OrderItemSchema = z.strictObject({
  productId,
  name: plainText('items[].name', 300).refine((s) => s.length > 0, { error: 'items[].name is required' }),
  url: httpsUrl.nullish(),
  imageUrl: httpsUrl.nullish(),
  sku: z.string().max(100).nullish(),
  gtin: z.string().regex(/^(?:\d{8}|\d{12,14})$/, { error: 'gtin must be 8, 12, 13 or 14 digits' }).nullish(),
  brand: z.string().max(200).nullish(),
  /** With brand, what Google matches a product on when it has no GTIN. */
  mpn: z.string().max(70).nullish(),
});

/** The one order shape Verity understands; platform adapters translate into it. */
export const OrderSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/\S/, { error: blankOrderId('id') })
      .max(128, { error: 'id must be at most 128 characters' }),
    customer: z.strictObject({
      email: z.email({ error: 'customer.email must be a valid email address' }).max(254),
      name: plainText('customer.name', 120).nullish(),
    }),
    createdAt: isoDate('createdAt'),
    fulfilledAt: isoDate('fulfilledAt').nullish(),
    cancelledAt: isoDate('cancelledAt').nullish(),
    refundedAt: isoDate('refundedAt').nullish(),
    deletedAt: isoDate('deletedAt').nullish(),
    items: z.array(OrderItemSchema).max(250, { error: 'an order may list at most 250 items' }),
    locale: z
      .string()
      .refine(isLocaleTag, { error: 'locale must be a language tag such as de, fr-CA or ja' })
      .nullish()
      .openapi({ description: "The buyer's language: their review request and pages are in it when Verity speaks it (en, de, fr, es, ja), else in the store's" }),
  })
  .openapi('Order');

export type OrderBody = z.infer<typeof OrderSchema>;

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);

export function toOrderInput(body: OrderBody, source: OrderInput['source']): OrderInput {
  return {
    externalId: body.id,
    customerEmail: body.customer.email,
    customerName: body.customer.name ?? null,
    orderedAt: Date.parse(body.createdAt),
    fulfilledAt: ms(body.fulfilledAt),
    cancelledAt: ms(body.cancelledAt),
    refundedAt: ms(body.refundedAt),
    deletedAt: ms(body.deletedAt),
    locale: body.locale ? body.locale.replace(/_/g, '-') : null,
    items: body.items.map((i) => ({ externalId: i.productId, name: i.name, url: i.url, imageUrl: i.imageUrl, sku: i.sku, gtin: i.gtin, brand: i.brand, mpn: i.mpn })),
    source,
  };
}

/** What every webhook answers with 200: which of the delivery's outcomes happened. */
export const WebhookReceiptSchema = z
  .object({
    received: z.literal(true),
    order: z.object({ id: z.string(), status: z.enum(orderStatuses) }).optional().openapi({ description: 'The order as recorded' }),
    product: z.object({ id: z.string() }).optional().openapi({ description: 'The product merged into the catalogue' }),
    ignored: z.string().optional().openapi({ description: 'A topic Verity does not use, acknowledged so the platform stops retrying' }),
    duplicate: z.literal(true).optional().openapi({ description: 'A Shopify delivery already handled (same X-Shopify-Webhook-Id)' }),
    ping: z.literal(true).optional().openapi({ description: "WooCommerce's unsigned test delivery when a webhook is saved" }),
  })
  .openapi('WebhookReceipt');

/** A platform's own order or product resource, passed as the platform sends it. */
export const PlatformResourceSchema = z.looseObject({}).openapi('PlatformResource', {
  description: 'The order or product JSON exactly as the platform sends it; the adapter reads the fields it needs.',
});
