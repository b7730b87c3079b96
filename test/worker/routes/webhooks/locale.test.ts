/** Every order path keeps the buyer's language, which later picks the language of their emails and pages. */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orders } from '../../../../db/schema';
import { makeOrder, orderSenders, shopifyOrder, webhookHarness, wooOrder } from '../../../fixtures/orders';
import type { Harness } from '../../../helpers/harness';

let h: Harness;
let send: ReturnType<typeof orderSenders>;
beforeEach(async () => {
  ({ h, send } = await webhookHarness());
});
afterEach(() => h.close());

const localeOf = async (externalId: string) =>
  (await h.db.select({ locale: orders.locale }).from(orders).where(and(eq(orders.storeId, 'store-a'), eq(orders.externalId, externalId))).get())?.locale;

describe('the order locale', () => {
  it('keeps Shopify’s customer_locale', async () => {
    const res = await send.shopify(shopifyOrder({ customer_locale: 'de-DE' }), 'orders/create');
    expect(res.status, res.text).toBe(200);
    expect(await localeOf('450789469')).toBe('de-DE');
  });

  it('keeps the language WPML or TranslatePress writes into a WooCommerce order’s meta_data', async () => {
    await send.woo(wooOrder({ meta_data: [{ id: 1, key: 'is_vat_exempt', value: 'no' }, { id: 2, key: 'wpml_language', value: 'fr' }] }), 'order.created');
    expect(await localeOf('727')).toBe('fr');
    await send.woo(wooOrder({ id: 728, meta_data: [{ id: 3, key: 'trp_language', value: 'es_ES' }] }), 'order.created');
    expect(await localeOf('728')).toBe('es-ES');
  });

  it('takes `locale` in the generic webhook and keeps it when a later delivery does not say', async () => {
    expect((await send.generic(makeOrder({ id: 'g-1', locale: 'ja' }))).status).toBe(200);
    expect(await localeOf('g-1')).toBe('ja');
    await send.generic(makeOrder({ id: 'g-1' }));
    expect(await localeOf('g-1')).toBe('ja');
  });

  it('takes a locale column in a CSV import', async () => {
    const csv = 'order_id,email,ordered_at,locale,product_id,product_name\nc-1,ann@example.com,2026-10-01T10:00:00Z,de,tee,Tee\n';
    const res = await send.importCsv(csv);
    expect(res.status, res.text).toBe(200);
    expect(await localeOf('c-1')).toBe('de');
  });

  it('refuses a locale that is not a language tag in the generic webhook, and stores nothing', async () => {
    const res = await send.generic(makeOrder({ id: 'g-2', locale: '<script>' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.text).toContain('locale must be a language tag');
    expect(await localeOf('g-2')).toBeUndefined();
  });

  it('ignores a platform’s locale that is not a language tag instead of refusing the order', async () => {
    await send.shopify(shopifyOrder({ customer_locale: 'x'.repeat(200) }), 'orders/create');
    expect(await localeOf('450789469')).toBeNull();
  });
});
