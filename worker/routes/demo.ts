/** /demo: the demo store's storefront, as a merchant's pages would embed the widgets. */
import { Hono, type Context } from 'hono';
import { demoProducts, demoStoreId, type DemoProduct } from '../../db/demo-catalogue';
import type { AppEnv } from '../context';
import { demoCollectionPage, demoLocales, demoProductPage, demoThemes, demoToolbarScript, type DemoView } from '../views/demo';
import { messagePage } from '../views/review-link';
import { reviewsSnippet } from '../views/reviews-snippet';
import { loadReviewsSnippet } from '../domain/reviews-snippet';

const pick = <T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

function view(c: Context<AppEnv>): DemoView {
  return {
    origin: c.get('baseUrl'),
    store: demoStoreId,
    locale: pick(demoLocales, c.req.query('locale'), 'en'),
    theme: pick(demoThemes, c.req.query('theme'), 'auto'),
  };
}

export const demo = new Hono<AppEnv>();

/** The product page with the reviews snippet inside its <verity-reviews>, as a store's server would include it. */
async function productPage(c: Context<AppEnv>, product: DemoProduct) {
  const v = view(c);
  const data = await loadReviewsSnippet(c.get('db'), demoStoreId, product.externalId);
  return c.html(demoProductPage(v, product, data ? reviewsSnippet(data, { locale: v.locale, baseUrl: c.get('baseUrl') }) : ''));
}

demo.get('/demo', (c) => productPage(c, demoProducts[0]!));
demo.get('/demo/toolbar.js', (c) =>
  c.body(demoToolbarScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
);
demo.get('/demo/collection', (c) => c.html(demoCollectionPage(view(c), demoProducts)));
demo.get('/demo/products/:product', (c) => {
  const product = demoProducts.find((p) => p.externalId === c.req.param('product'));
  if (!product) return c.html(messagePage('Not in the demo store', 'The demo store sells a tee, a tote and a mug.', 'error'), 404);
  return productPage(c, product);
});
