/**
 * The /demo storefront: a plain product page and a collection page using the
 * demo store, with the elements pasted exactly as a merchant would, and the
 * snippet shown on the page. The toolbar only flips attributes a merchant
 * could set (`locale`, `theme`); everything else is the widgets' own.
 */
import { html, raw } from 'hono/html';
import type { DemoProduct } from '../../db/demo-catalogue';
import { reservedSpace } from '../../widgets/src/reserved-space';

export const demoLocales = ['en', 'de', 'fr', 'es', 'ja'] as const;
export const demoThemes = ['auto', 'light', 'dark'] as const;
export interface DemoView {
  origin: string;
  store: string;
  locale: (typeof demoLocales)[number];
  theme: (typeof demoThemes)[number];
}

const localeNames: Record<DemoView['locale'], string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ja: '日本語' };

/** A drawing of each product, so the demo needs no images from anywhere. */
const drawings: Record<string, string> = {
  'classic-tee': '<path d="M38 22 L26 28 L14 40 L24 52 L32 46 L32 92 L88 92 L88 46 L96 52 L106 40 L94 28 L82 22 C78 30 70 34 60 34 C50 34 42 30 38 22 Z"/>',
  'canvas-tote': '<path d="M24 44 L96 44 L90 96 L30 96 Z"/><path d="M44 44 C44 22 76 22 76 44" fill="none" stroke-width="6"/>',
  'trail-mug': '<path d="M26 34 L82 34 L80 90 C80 94 76 96 72 96 L36 96 C32 96 28 94 28 90 Z"/><path d="M82 46 C100 46 100 78 80 78" fill="none" stroke-width="7"/>',
};

function drawing(p: DemoProduct, size: number) {
  return raw(
    `<svg viewBox="0 0 120 120" width="${size}" height="${size}" role="img" aria-label="${p.name}" ` +
      `style="background:hsl(${p.hue} 45% 88%);border-radius:12px" fill="hsl(${p.hue} 40% 42%)" stroke="hsl(${p.hue} 40% 42%)">` +
      `${drawings[p.externalId] ?? '<circle cx="60" cy="60" r="30"/>'}</svg>`,
  );
}

function page(view: DemoView, title: string, body: ReturnType<typeof html>, snippet: string) {
  const themeAttr = view.theme === 'auto' ? '' : view.theme;
  return html`<!doctype html>
<html lang="${view.locale}" data-theme="${themeAttr}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${title} · Verity Goods (demo)</title>
<style>
  :root { color-scheme: light dark; --page: #fbfaf7; --ink: #1c1917; --soft: #57534e; --line: #e7e5e4; --brand: #166534; }
  @media (prefers-color-scheme: dark) { :root:not([data-theme='light']) { --page: #161514; --ink: #f5f5f4; --soft: #c8c4bf; --line: #3a3734; --brand: #86efac; } }
  :root[data-theme='dark'] { color-scheme: dark; --page: #161514; --ink: #f5f5f4; --soft: #c8c4bf; --line: #3a3734; --brand: #86efac; }
  :root[data-theme='light'] { color-scheme: light; }
  body { margin: 0; background: var(--page); color: var(--ink); font: 16px/1.55 Georgia, 'Noto Serif', serif; }
  header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
  header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding-top: 1rem; padding-bottom: 1rem; border-bottom: 1px solid var(--line); }
  header a.brand { font-size: 1.35rem; font-weight: 700; color: var(--ink); text-decoration: none; letter-spacing: .02em; }
  nav a { color: var(--ink); margin-right: 1rem; }
  .tools { display: flex; gap: .75rem; font: 14px system-ui, sans-serif; color: var(--soft); }
  .tools select { font: inherit; color: var(--ink); background: var(--page); border: 1px solid var(--line); border-radius: 6px; padding: .2rem .4rem; }
  .product { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2.5rem; padding: 2rem 0; }
  .product svg { width: 100%; height: auto; max-width: 26rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .4rem; }
  .price { font-size: 1.4rem; margin: .75rem 0; }
  .buy { font: 600 1rem system-ui, sans-serif; background: var(--brand); color: var(--page); border: 0; border-radius: 999px; padding: .75rem 1.75rem; cursor: pointer; }
  section { padding: 1.5rem 0; border-top: 1px solid var(--line); }
  h2 { font-size: 1.35rem; margin: 0 0 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1.5rem; padding: 2rem 0; }
  .card a { color: var(--ink); text-decoration: none; }
  .card h3 { font-size: 1.1rem; margin: .6rem 0 .2rem; }
  .card svg { width: 100%; height: auto; }
  .embed { font: 14px system-ui, sans-serif; color: var(--soft); }
  .embed pre { overflow-x: auto; background: color-mix(in srgb, var(--ink) 6%, transparent); color: var(--ink); padding: 1rem; border-radius: 8px; font: 13px/1.5 ui-monospace, monospace; }
  footer { padding-bottom: 3rem; color: var(--soft); font: 14px system-ui, sans-serif; }
  @media (max-width: 44rem) { .product { grid-template-columns: 1fr; } }
  /* As the README suggests: room for the elements before verity.js runs, so nothing moves. */
  ${raw(reservedSpace)}
</style>
<script type="module" src="/widgets/verity.js"></script>
</head>
<body>
<header>
  <a class="brand" href="/demo">Verity Goods</a>
  <nav aria-label="Shop"><a href="/demo/collection">Shop all</a><a href="/demo">Classic Tee</a></nav>
  <form class="tools" method="get" aria-label="Demo settings">
    <label>Language <select name="locale">${demoLocales.map((l) => html`<option value="${l}" ${l === view.locale ? 'selected' : ''}>${localeNames[l]}</option>`)}</select></label>
    <label>Theme <select name="theme">${demoThemes.map((t) => html`<option value="${t}" ${t === view.theme ? 'selected' : ''}>${t}</option>`)}</select></label>
    <noscript><button>Apply</button></noscript>
  </form>
</header>
<main>
${body}
<section class="embed" aria-labelledby="embed-title">
  <h2 id="embed-title">Embed this on your store</h2>
  <p>One script tag, then the elements wherever they belong. Style them with CSS custom properties; see the README.</p>
  <pre><code>${snippet}</code></pre>
</section>
</main>
<footer>A demo storefront for <a href="/docs">Verity</a>: reviews and questions are real and stored in this server's database.</footer>
<script type="module" src="/demo/toolbar.js"></script>
</body>
</html>`;
}

/** The toolbar's script, served as a file: the pages' CSP runs no inline script. */
export const demoToolbarScript = `// Demo toolbar: flips the same attributes a merchant would set, and keeps them in the URL.
const form = document.querySelector('.tools');
const elements = () => document.querySelectorAll('verity-stars, verity-reviews, verity-questions, verity-gallery');
form.addEventListener('change', () => {
  const locale = form.locale.value, theme = form.theme.value;
  document.documentElement.lang = locale;
  document.documentElement.dataset.theme = theme === 'auto' ? '' : theme;
  for (const el of elements()) { el.setAttribute('locale', locale); el.setAttribute('theme', theme); }
  const url = new URL(location.href);
  url.searchParams.set('locale', locale);
  url.searchParams.set('theme', theme);
  history.replaceState(null, '', url);
});
`;

const attrs = (view: DemoView) => `store="${view.store}" locale="${view.locale}" theme="${view.theme}"`;

/** `reviewsHtml`: the product's reviews snippet (GET …/snippet), shown inside <verity-reviews> as a store's server would include it. */
export function demoProductPage(view: DemoView, product: DemoProduct, reviewsHtml = '') {
  const p = product.externalId;
  const snippet =
    `<script type="module" src="${view.origin}/widgets/verity.js"></script>\n\n` +
    `<verity-stars store="${view.store}" product="${p}" href="#reviews"></verity-stars>\n` +
    `<verity-reviews id="reviews" store="${view.store}" product="${p}">\n` +
    `  <!-- optional, for search engines and shoppers without JavaScript: your server includes\n` +
    `       ${view.origin}/v1/stores/${view.store}/products/${p}/snippet here -->\n` +
    `</verity-reviews>\n` +
    `<verity-questions store="${view.store}" product="${p}"></verity-questions>\n` +
    `<!-- customer photos; without product="…", the whole store's -->\n` +
    `<verity-gallery store="${view.store}" product="${p}"></verity-gallery>`;
  return page(
    view,
    product.name,
    html`<div class="product">
  <div>${drawing(product, 420)}</div>
  <div>
    <h1>${product.name}</h1>
    ${raw(`<verity-stars ${attrs(view)} product="${p}" href="#reviews"></verity-stars>`)}
    <p class="price">${product.price}</p>
    <p>${product.blurb}</p>
    <button class="buy" type="button">Add to cart</button>
  </div>
</div>
<section aria-label="Reviews">
  ${raw(`<verity-reviews id="reviews" ${attrs(view)} product="${p}">${reviewsHtml}</verity-reviews>`)}
  ${raw(`<verity-gallery ${attrs(view)} product="${p}"></verity-gallery>`)}
</section>
<section aria-label="Questions and answers">
  ${raw(`<verity-questions ${attrs(view)} product="${p}"></verity-questions>`)}
</section>`,
    snippet,
  );
}

export function demoCollectionPage(view: DemoView, products: DemoProduct[]) {
  const snippet =
    `<script type="module" src="${view.origin}/widgets/verity.js"></script>\n\n` +
    `<!-- one per product card; all of them share one request -->\n` +
    products.map((p) => `<verity-stars store="${view.store}" product="${p.externalId}" href="/products/${p.externalId}#reviews"></verity-stars>`).join('\n');
  return page(
    view,
    'Shop all',
    html`<h1 style="margin-top:2rem">Shop all</h1>
<div class="grid">
  ${products.map(
    (p) => html`<article class="card">
    <a href="/demo/products/${p.externalId}">${drawing(p, 240)}<h3>${p.name}</h3></a>
    ${raw(`<verity-stars ${attrs(view)} product="${p.externalId}" href="/demo/products/${p.externalId}#reviews"></verity-stars>`)}
    <p>${p.price}</p>
  </article>`,
  )}
</div>`,
    snippet,
  );
}
