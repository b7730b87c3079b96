/**
 * The demo store that `npm start` creates on an empty database, so a new user
 * has something to look at and keys to try the merchant API with.
 */
import type { Db } from '../../db/client';
import { demoProducts as products } from '../../db/demo-catalogue';
import { recordOrder } from '../../db/queries/orders';
import { upsertProducts } from '../../db/queries/products';
import { insertAnswer, insertQuestion } from '../../db/queries/questions';
import { insertReview, upsertReply } from '../../db/queries/reviews';
import { getStore } from '../../db/queries/stores';
import { base64url, randomId } from '../lib/crypto';
import { renderMarkdown } from './markdown';
import { createStore, type StoreKeys } from './store-keys';
import { addMember, createAdminUser } from './admin-accounts';
import { DAY_MS as day } from '../../db/time';

export interface DemoInfo extends StoreKeys {
  store: string;
  products: string[];
  /** The demo store's owner, to sign in to /admin with. */
  admin: { email: string; password: string };
}

export const DEMO_OWNER_EMAIL = 'owner@demo.example';


const reviews: Array<{ product: string; rating: number; title: string; body: string; name: string; verified: boolean; daysAgo: number; reply?: string }> = [
  { product: 'classic-tee', rating: 5, title: 'Softest tee I own', body: 'Washed it **ten times** and it still looks new. Size runs true.', name: 'Maya R.', verified: true, daysAgo: 2, reply: 'Thank you, Maya! Glad it holds up.' },
  { product: 'classic-tee', rating: 4, title: 'Great fabric, slightly long', body: 'Lovely organic cotton. A bit long in the body for me, so I tuck it in.', name: 'Jonas', verified: true, daysAgo: 6 },
  { product: 'classic-tee', rating: 2, title: 'Shrank after drying', body: 'Fits well at first but shrank a size in the dryer. Air-dry it.', name: 'Priya', verified: false, daysAgo: 9, reply: 'Sorry about that, Priya — we have sent you a replacement and added *air-dry* to the care label.' },
  { product: 'classic-tee', rating: 5, title: 'Bought three more', body: 'Colours are rich and the neckline keeps its shape.\n\n- navy\n- sage\n- oat', name: 'Tom K.', verified: true, daysAgo: 14 },
  { product: 'classic-tee', rating: 3, title: 'Fine', body: 'Nice enough, nothing special for the price.', name: 'Alex', verified: false, daysAgo: 20 },
  { product: 'classic-tee', rating: 4, title: 'Good weight for autumn', body: 'Thick enough to wear alone in September. The oat colour is lovely.', name: 'Hannah', verified: true, daysAgo: 27 },
  { product: 'classic-tee', rating: 5, title: 'Finally a tee that fits', body: 'Shoulders sit where they should and the sleeves do not flare.', name: 'Kenji', verified: true, daysAgo: 33 },
  { product: 'classic-tee', rating: 1, title: 'Seam came apart', body: 'The side seam opened after a month. Customer service replaced it quickly, though.', name: 'Rosa', verified: true, daysAgo: 41, reply: 'Thanks for telling us, Rosa. We traced it to one batch and have fixed the stitching.' },
  { product: 'canvas-tote', rating: 5, title: 'Carries everything', body: 'Laptop, groceries, a baguette. The waxed canvas shrugs off rain.', name: 'Léa', verified: true, daysAgo: 3 },
  { product: 'canvas-tote', rating: 4, title: 'Sturdy', body: 'Straps are comfortable. Wish it had an inner pocket.', name: 'Sam', verified: true, daysAgo: 11 },
  { product: 'trail-mug', rating: 1, title: 'Chipped on arrival', body: 'The rim was chipped out of the box.', name: 'Chris', verified: true, daysAgo: 4, reply: 'We are sorry, Chris. A new mug is on its way, and we have changed our packaging.' },
  { product: 'trail-mug', rating: 5, title: 'Camp favourite', body: 'Light, tough, and coffee stays warm long enough.', name: 'Ana', verified: false, daysAgo: 8 },
];


export async function seedDemo(db: Db, options: { origins: string[]; now: number }): Promise<DemoInfo> {
  const { keys } = await createStore(db, { id: 'demo', name: 'Verity Demo Store', allowedOrigins: options.origins }, options.now);
  const rows = await upsertProducts(
    db,
    'demo',
    // Relative: the demo storefront is on this server, whatever origin it is reached at; pages resolve it against the public origin.
    products.map(({ externalId, name, sku, gtin, brand, mpn }) => ({ externalId, name, sku, gtin, brand, mpn, url: `/demo/products/${externalId}` })),
    options.now,
  );
  const idOf = new Map(rows.map((r) => [r.externalId, r.id]));
  for (const [i, r] of reviews.entries()) {
    const at = options.now - r.daysAgo * day;
    const review = await insertReview(db, randomId('rv'), {
      storeId: 'demo',
      productId: idOf.get(r.product)!,
      rating: r.rating,
      title: r.title,
      body: r.body,
      bodyHtml: renderMarkdown(r.body),
      authorName: r.name,
      authorEmail: `demo-buyer-${i}@example.com`,
      verified: r.verified,
      orderId: r.verified ? `demo-order-${1000 + i}` : null,
      status: 'published',
      locale: 'en',
      now: at,
    });
    if (r.reply) await upsertReply(db, review.id, { body: r.reply, bodyHtml: renderMarkdown(r.reply) }, at + day / 2);
  }
  // Recent buyers (fulfilled two days ago: their review requests are due in five days), so a
  // question asked in the demo emails real-looking owners.
  const store = (await getStore(db, 'demo'))!;
  for (const [i, buyer] of ['ines', 'kofi', 'mei'].entries()) {
    await recordOrder(
      db,
      'demo',
      {
        externalId: `demo-order-${2000 + i}`,
        customerEmail: `${buyer}@example.com`,
        customerName: buyer[0]!.toUpperCase() + buyer.slice(1),
        orderedAt: options.now - 5 * day,
        fulfilledAt: options.now - 2 * day,
        cancelledAt: null,
        refunded: false,
        items: [{ externalId: 'classic-tee', name: 'Classic Organic Tee' }],
        source: 'import',
      },
      store.settings,
      options.now,
    );
  }
  const question = await insertQuestion(db, {
    id: randomId('qn'),
    storeId: 'demo',
    productId: idOf.get('classic-tee')!,
    body: 'Does the tee shrink after washing?',
    bodyHtml: renderMarkdown('Does the tee shrink after washing?'),
    authorName: 'Noor',
    authorEmail: 'noor@example.com',
    status: 'published',
    createdAt: options.now - 5 * day,
  });
  for (const [kind, name, body] of [
    ['official', 'Verity Demo Store', 'It is pre-shrunk, so it keeps its size at 30 °C. Tumble-drying on high heat can shrink it a little.'],
    ['owner', 'Jonas', 'Mine has been through a dozen washes and still fits the same.'],
  ] as const) {
    await insertAnswer(db, {
      id: randomId('an'),
      storeId: 'demo',
      questionId: question.id,
      body,
      bodyHtml: renderMarkdown(body),
      authorName: name,
      authorEmail: kind === 'official' ? null : 'demo-buyer-1@example.com',
      kind,
      orderId: kind === 'owner' ? 'demo-order-1001' : null,
      status: 'published',
      createdAt: options.now - 4 * day,
    });
  }
  // A fresh password per database, shown once like the keys: a demo left reachable has no well-known login.
  const admin = { email: DEMO_OWNER_EMAIL, password: base64url(crypto.getRandomValues(new Uint8Array(12))) };
  const owner = await createAdminUser(db, { ...admin, name: 'Demo Owner' }, options.now);
  await addMember(db, 'demo', owner, 'owner', { kind: 'system', id: 'demo', label: 'demo setup' }, options.now);
  return { store: 'demo', ...keys, products: products.map((p) => p.externalId), admin };
}
