/** Product webhooks and line items fill what search engines match reviews on, without ever erasing it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeGtin } from '../../../../worker/domain/gtin';
import { orderSenders, shopifyOrder, wooOrder, webhookHarness } from '../../../fixtures/orders';
import { ORIGIN_A, type Harness } from '../../../helpers/harness';

let h: Harness;
let send: ReturnType<typeof orderSenders>;
beforeEach(async () => {
  ({ h, send } = await webhookHarness());
});
afterEach(() => h.close());

const product = async (id: string) =>
  (await h.call('GET', '/v1/admin/stores/store-a/products?limit=200', { key: h.a.keys.secretKey })).body.products.find((p: { id: string }) => p.id === id);

/** A products/update payload as Shopify's REST webhooks send it. */
const shopifyProduct = (overrides: Record<string, unknown> = {}) => ({
  id: 632910392,
  title: 'IPod Nano - 8GB',
  vendor: 'Apple',
  handle: 'ipod-nano',
  image: { src: 'https://cdn.shopify.com/s/files/1/ipod-nano.png' },
  variants: [
    { sku: 'IPOD2008PINK', barcode: 'not-a-barcode' },
    { sku: 'IPOD2008RED', barcode: '4006381333931' },
  ],
  ...overrides,
});

describe('GTINs', () => {
  it('keeps only real GTINs, by length and check digit', () => {
    expect(normalizeGtin('4006381333931')).toBe('4006381333931');
    expect(normalizeGtin('400-638 133393-1')).toBe('4006381333931');
    expect(normalizeGtin('036000291452')).toBe('036000291452');
    expect(normalizeGtin('96385074')).toBe('96385074');
    expect(normalizeGtin('4006381333932')).toBeNull();
    expect(normalizeGtin('12345')).toBeNull();
    expect(normalizeGtin('00000000')).toBeNull();
    expect(normalizeGtin('N/A')).toBeNull();
    expect(normalizeGtin(null)).toBeNull();
  });
});

describe('Shopify products/create and products/update', () => {
  it('fill name, page, image, SKU, barcode and vendor into the catalogue', async () => {
    const res = await send.shopify(shopifyProduct(), 'products/update');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ received: true, product: { id: '632910392' } });
    expect(await product('632910392')).toMatchObject({
      name: 'IPod Nano - 8GB',
      url: `${ORIGIN_A}/products/ipod-nano`,
      imageUrl: 'https://cdn.shopify.com/s/files/1/ipod-nano.png',
      sku: 'IPOD2008PINK',
      gtin: '4006381333931',
      brand: 'Apple',
      identified: true,
      missingForSearch: [],
    });
  });

  it('never erase what the catalogue knows when a later delivery leaves a field out', async () => {
    await h.call('PUT', '/v1/admin/stores/store-a/products/632910392', { key: h.a.keys.secretKey, json: { name: 'Nano', mpn: 'MC-123' } });
    await send.shopify(shopifyProduct({ vendor: null, variants: [], image: null }), 'products/update');
    await send.shopify(shopifyProduct(), 'products/update');
    await send.shopify(shopifyProduct({ vendor: '', variants: [{ sku: null, barcode: null }], image: null }), 'products/update');
    expect(await product('632910392')).toMatchObject({ mpn: 'MC-123', gtin: '4006381333931', brand: 'Apple', imageUrl: expect.stringContaining('ipod-nano') });
  });

  it('take the brand from line items of orders too', async () => {
    await send.shopify(shopifyOrder({ line_items: [{ product_id: 777, title: 'Lamp', sku: 'L-1', vendor: 'Lumen' }] }), 'orders/create');
    expect(await product('777')).toMatchObject({ brand: 'Lumen', sku: 'L-1' });
  });

  it('refuse a product without an id, changing nothing', async () => {
    const res = await send.shopify(shopifyProduct({ id: '  ' }), 'products/create');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Shopify payload: id/);
  });
});

describe('WooCommerce product.created and product.updated', () => {
  it('fill permalink, image, SKU, GTIN and brand', async () => {
    const payload = { id: 794, name: 'Premium Quality', permalink: 'https://shop-a.example/product/premium-quality/', sku: 'PQ-1', global_unique_id: '9638-5074', images: [{ src: 'https://shop-a.example/wp-content/uploads/pq.jpg' }], brands: [{ name: 'Woo Brand' }] };
    const res = await send.woo(payload, 'product.updated');
    expect(res.status, res.text).toBe(200);
    expect(await product('794')).toMatchObject({ url: payload.permalink, imageUrl: payload.images[0]!.src, sku: 'PQ-1', gtin: '96385074', brand: 'Woo Brand', identified: true });
  });

  it('keep order line items filling the catalogue as before', async () => {
    await send.woo(wooOrder(), 'order.created');
    expect(await product('93')).toMatchObject({ name: 'Woo mug', sku: 'WM-1', identified: false });
  });
});

describe('the generic order webhook and the import', () => {
  it('fill brand and MPN, what Google matches a product on without a GTIN', async () => {
    await send.generic({ id: 'o-mpn', customer: { email: 'm@example.com', name: 'M' }, createdAt: '2026-11-01T10:00:00Z', items: [{ productId: 'drill', name: 'Drill', brand: 'Bosch', mpn: 'GSR-12V' }] });
    expect(await product('drill')).toMatchObject({ brand: 'Bosch', mpn: 'GSR-12V', identified: true });
    const csv = 'order_id,email,name,ordered_at,product_id,product_name,brand,mpn\no-csv,c@example.com,C,2026-11-01T10:00:00Z,saw,Saw,Makita,XSH03Z\n';
    expect((await send.importCsv(csv)).status).toBeLessThan(300);
    expect(await product('saw')).toMatchObject({ brand: 'Makita', mpn: 'XSH03Z', identified: true });
  });
});

describe('GET /v1/admin/stores/:store/products', () => {
  it('says which products search engines cannot match, and pages through them', async () => {
    const key = h.a.keys.secretKey;
    await h.call('POST', '/v1/admin/stores/store-a/products', {
      key,
      json: [
        { id: 'with-gtin', name: 'A', gtin: '4006381333931', url: 'https://shop-a.example/a', imageUrl: 'https://shop-a.example/a.jpg' },
        { id: 'brand-mpn', name: 'B', brand: 'Acme', mpn: 'X-1' },
        { id: 'brand-only', name: 'C', brand: 'Acme' },
      ],
    });
    const all = (await h.call('GET', '/v1/admin/stores/store-a/products', { key })).body.products;
    const by = (id: string) => all.find((p: { id: string }) => p.id === id);
    expect(by('with-gtin')).toMatchObject({ identified: true, missingForSearch: [] });
    expect(by('brand-mpn')).toMatchObject({ identified: true, missingForSearch: ['url', 'imageUrl'] });
    expect(by('brand-only')).toMatchObject({ identified: false, missingForSearch: ['gtin', 'mpn', 'url', 'imageUrl'] });

    const first = await h.call('GET', '/v1/admin/stores/store-a/products?missing=identifiers&limit=2', { key });
    expect(first.status).toBe(200);
    const second = await h.call('GET', `/v1/admin/stores/store-a/products?missing=identifiers&limit=2&cursor=${first.body.nextCursor}`, { key });
    const ids = [...first.body.products, ...second.body.products].map((p: { id: string }) => p.id);
    // The harness's own tee, mug and tote have no identifiers either.
    expect(ids).toEqual(['brand-only', 'mug', 'tee', 'tote']);
    expect(second.body.nextCursor).toBeNull();
    expect((await h.call('GET', '/v1/admin/stores/store-a/products?missing=everything', { key })).body.error.message).toMatch(/missing must be "identifiers"/);
    expect((await h.call('GET', '/v1/admin/stores/store-b/products', { key })).status).toBe(403);
  });
});
