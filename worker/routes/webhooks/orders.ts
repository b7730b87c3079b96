/**
 * Orders in: a generic signed webhook for any platform or custom backend, and
 * small adapters for Shopify and WooCommerce. Each verifies its sender's
 * signature over the raw body, translates what the delivery says about an
 * order into facts, and records them idempotently (see recordOrder).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { recordOrder } from '../../../db/queries/orders';
import { mergeProducts, type ProductInput } from '../../../db/queries/products';
import { getStore } from '../../../db/queries/stores';
import { isDeliveryHandled, markDeliveryHandled } from '../../../db/queries/webhook-deliveries';
import type { Store } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { ApiError, notFound } from '../../errors';
import { BODY_LIMITS, decodeUtf8, parseJson, readBytes } from '../../http/body';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import { OrderSchema, PlatformResourceSchema, toOrderInput, WebhookReceiptSchema } from '../../schemas/orders';
import { SIGNATURE_TOLERANCE_S, verifyBase64Hmac, verifyVeritySignature } from '../../http/signatures';
import { parseInput } from '../../http/validation';
import { storefrontHref } from '../../views/store-links';
import { fromShopify, isShopifyProductTopic, productFromShopify, shopifyTopics, type ShopifyTopic } from '../../domain/platforms/shopify';
import { fromWoo, isWooOrderTopic, isWooProductTopic, productFromWoo } from '../../domain/platforms/woocommerce';

export const webhooks = new Hono<AppEnv>();

const WEBHOOK_BODY = { maxBytes: BODY_LIMITS.webhook, what: 'webhook body' };

/** The store and the raw body, which the signature is over. */
async function readRaw(c: Context<AppEnv>): Promise<{ store: Store; body: Uint8Array<ArrayBuffer> }> {
  const store = await getStore(c.get('db'), c.req.param('store') ?? '');
  if (!store) throw notFound('store');
  return { store, body: await readBytes(c, WEBHOOK_BODY) };
}

/** The signed body as JSON, read only once its signature held. */
const bodyJson = (body: Uint8Array) => parseJson(decodeUtf8(body, WEBHOOK_BODY.what), WEBHOOK_BODY.what);

/** A platform's product webhook: the catalogue learns identifiers, images and URLs without losing any it had. */
async function mergedProduct(c: Context<AppEnv>, store: Store, product: ProductInput) {
  const [row] = await mergeProducts(c.get('db'), store.id, [product], c.get('now'));
  return c.json({ received: true, product: { id: row!.externalId } }, 200);
}

const accepted = (c: Context<AppEnv>, order: { externalId: string; status: string }) =>
  c.json({ received: true, order: { id: order.externalId, status: order.status } }, 200);

webhooks.post('/:store/webhooks/orders', async (c) => {
  const { store, body } = await readRaw(c);
  await verifyVeritySignature(c.req.header('x-verity-signature'), body, store.webhookSecret, c.get('now'));
  // A platform's developer reads this in a delivery log: the field's path always comes first.
  const input = parseInput(OrderSchema, bodyJson(body), { name: (path) => (path ? `${path}: ` : '') });
  const order = await recordOrder(c.get('db'), store.id, toOrderInput(input, 'api'), store.settings, c.get('now'));
  return accepted(c, order);
});

webhooks.post('/:store/webhooks/shopify', async (c) => {
  const { store, body } = await readRaw(c);
  await verifyBase64Hmac(c.req.header('x-shopify-hmac-sha256'), body, store.integrations.shopifySecret, 'Shopify');
  const topic = c.req.header('x-shopify-topic') ?? '';
  // Catalogue updates merge, so a repeated delivery changes nothing: no de-duplication needed.
  if (isShopifyProductTopic(topic)) return mergedProduct(c, store, productFromShopify(bodyJson(body), storefrontHref(store)));
  if (!shopifyTopics.includes(topic as ShopifyTopic)) {
    // Acknowledge topics we do not use, or Shopify retries them for days.
    return c.json({ received: true, ignored: `topic ${topic || '(none)'}` }, 200);
  }
  // A delivery is marked handled only after it was: if handling fails, Shopify's
  // retry (same webhook id) is processed, not skipped. Handling is idempotent,
  // so two copies racing past this check do no harm.
  const deliveryId = c.req.header('x-shopify-webhook-id');
  if (deliveryId && (await isDeliveryHandled(c.get('db'), store.id, 'shopify', deliveryId))) return c.json({ received: true, duplicate: true }, 200);
  const order = await recordOrder(c.get('db'), store.id, fromShopify(topic as ShopifyTopic, bodyJson(body), c.get('now')), store.settings, c.get('now'));
  if (deliveryId) await markDeliveryHandled(c.get('db'), store.id, 'shopify', deliveryId, c.get('now'));
  return accepted(c, order);
});

webhooks.post('/:store/webhooks/woocommerce', async (c) => {
  const { store, body } = await readRaw(c);
  // WooCommerce pings a new webhook with a form body and no signature; answer so it saves.
  if ((c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded') && new TextDecoder().decode(body).startsWith('webhook_id=')) {
    return c.json({ received: true, ping: true }, 200);
  }
  await verifyBase64Hmac(c.req.header('x-wc-webhook-signature'), body, store.integrations.woocommerceSecret ?? store.webhookSecret, 'WooCommerce');
  const topic = c.req.header('x-wc-webhook-topic');
  if (!topic) throw new ApiError('VALIDATION_FAILED', 'missing X-WC-Webhook-Topic header: it says whether the body is an order');
  // One delivery URL may be given every resource's webhooks; only orders are
  // stored, the rest acknowledged so WooCommerce does not disable the hook.
  if (isWooProductTopic(topic)) return mergedProduct(c, store, productFromWoo(bodyJson(body)));
  if (!isWooOrderTopic(topic)) return c.json({ received: true, ignored: `topic ${topic}` }, 200);
  const order = await recordOrder(c.get('db'), store.id, fromWoo(topic, bodyJson(body), c.get('now')), store.settings, c.get('now'));
  return accepted(c, order);
});

/** The webhooks read raw bodies (signatures), so they are documented here rather than validated by OpenAPIHono. */
export function documentWebhooks(registry: OpenAPIHono['openAPIRegistry']): void {
  const base = {
    method: 'post' as const,
    tags: ['Webhooks'],
    // No secret key: each delivery is authenticated by its signature header over the raw body.
    security: [],
  };
  const responses = {
    200: json(WebhookReceiptSchema, 'Recorded, merged, a duplicate or an ignored topic: `received` is always true'),
    ...errorResponses(400, 401, 403, 404, 413),
  };
  const platformBody = { required: true, content: { 'application/json': { schema: PlatformResourceSchema } } };
  const header = (description: string) => z.string().openapi({ description });
  const topic = (example: string, description: string) => z.string().openapi({ example, description });

  registry.registerPath({
    ...base,
    path: '/v1/stores/{store}/webhooks/orders',
    operationId: 'receiveOrderWebhook',
    summary: 'An order from any platform or custom backend, in Verity\'s order shape',
    description:
      'Signed with the store webhook secret: `X-Verity-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, ' +
      `within ${SIGNATURE_TOLERANCE_S} s of the server's clock. Idempotent: repeated, concurrent or out-of-order deliveries ` +
      'leave one order and at most one review request.',
    request: {
      params: StoreParams,
      headers: z.object({ 'X-Verity-Signature': header('t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> with the store webhook secret') }),
      body: jsonBody(OrderSchema),
    },
    responses,
  });
  registry.registerPath({
    ...base,
    path: '/v1/stores/{store}/webhooks/shopify',
    operationId: 'receiveShopifyWebhook',
    summary: 'Shopify order and product webhooks',
    description:
      `Order topics (${shopifyTopics.join(', ')}) are recorded and de-duplicated on X-Shopify-Webhook-Id; ` +
      'products/create and products/update fill the catalogue; other topics are acknowledged and ignored. ' +
      "Signed by Shopify with the store's Shopify secret (PATCH the store with `shopifySecret`).",
    request: {
      params: StoreParams,
      headers: z.object({
        'X-Shopify-Hmac-Sha256': header('Base64 HMAC-SHA256 of the raw body with the Shopify secret'),
        'X-Shopify-Topic': topic('orders/fulfilled', 'What the body is; decides how it is read'),
        'X-Shopify-Webhook-Id': header('The delivery id; a retry with the same id is answered `duplicate`').optional(),
      }),
      body: platformBody,
    },
    responses,
  });
  registry.registerPath({
    ...base,
    path: '/v1/stores/{store}/webhooks/woocommerce',
    operationId: 'receiveWooCommerceWebhook',
    summary: 'WooCommerce order and product webhooks',
    description:
      'order.* topics are recorded, product.created and product.updated fill the catalogue, others are acknowledged. ' +
      'Signed with the WooCommerce secret (or, without one, the store webhook secret). WooCommerce\'s unsigned ' +
      'form-encoded test delivery (`webhook_id=…`) is answered `ping` so the webhook saves.',
    request: {
      params: StoreParams,
      headers: z.object({
        'X-WC-Webhook-Signature': header('Base64 HMAC-SHA256 of the raw body with the WooCommerce secret'),
        'X-WC-Webhook-Topic': topic('order.updated', 'What the body is; required'),
      }),
      body: {
        required: true,
        content: {
          'application/json': { schema: PlatformResourceSchema },
          'application/x-www-form-urlencoded': { schema: z.object({ webhook_id: z.string() }) },
        },
      },
    },
    responses,
  });
}
