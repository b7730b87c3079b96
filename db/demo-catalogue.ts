/** The demo store's products: seeded by worker/domain/demo-store.ts and shown by the /demo storefront. */
export interface DemoProduct {
  externalId: string;
  name: string;
  sku: string;
  gtin?: string;
  brand: string;
  mpn: string;
  price: string;
  blurb: string;
  /** The colour of the product's drawing on the demo storefront. */
  hue: number;
}

export const demoStoreId = 'demo';

export const demoProducts: DemoProduct[] = [
  {
    externalId: 'classic-tee', name: 'Classic Organic Tee', sku: 'TEE-001', gtin: '4006381333931', brand: 'Verity Goods', mpn: 'VG-TEE-1',
    price: '€29', hue: 150, blurb: 'Heavyweight organic cotton, garment-dyed, cut to keep its shape wash after wash.',
  },
  {
    externalId: 'canvas-tote', name: 'Waxed Canvas Tote', sku: 'TOTE-002', brand: 'Verity Goods', mpn: 'VG-TOTE-2',
    price: '€45', hue: 30, blurb: 'Rain-proof waxed canvas with leather handles, roomy enough for a laptop and lunch.',
  },
  {
    externalId: 'trail-mug', name: 'Enamel Trail Mug', sku: 'MUG-003', brand: 'Verity Goods', mpn: 'VG-MUG-3',
    price: '€18', hue: 210, blurb: 'Steel with a glass-hard enamel coat: light in the pack, happy on a camp stove.',
  },
];
