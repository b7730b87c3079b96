/** The frame of Verity's own server-rendered pages: readable without JavaScript, light and dark. */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString> | string;

/** The store a hosted page speaks for: its name (or logo) on top, linking to the storefront, and its accent colour. */
export interface PageBrand {
  name: string;
  logoUrl: string | null;
  /** Validated hex (worker/domain/branding.ts), so it may go into CSS. */
  accent: string;
  storeUrl: string | undefined;
}

export function layout(title: string, body: Content, opts: { noindex?: boolean; head?: Content; lang?: string; brand?: PageBrand } = {}) {
  const brand = opts.brand;
  const mark = brand ? (brand.logoUrl ? html`<img src="${brand.logoUrl}" alt="${brand.name}">` : html`<span>${brand.name}</span>`) : '';
  return html`<!doctype html>
<html lang="${opts.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="icon" href="data:,">
<title>${title}</title>
${opts.head ?? ''}
<style>
  :root { color-scheme: light dark; --accent: #4f46e5; --star: #f59e0b; --muted: color-mix(in srgb, currentColor 60%, transparent); }
  body { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text], textarea { box-sizing: border-box; width: 100%; font: inherit; padding: .5rem .65rem; border: 1px solid var(--muted); border-radius: .4rem; background: transparent; color: inherit; }
  textarea { min-height: 9rem; }
  fieldset { border: 0; padding: 0; margin: 1rem 0 0; }
  legend { font-weight: 600; }
  .stars { display: flex; flex-wrap: wrap; gap: .35rem; margin-top: .35rem; }
  .stars label { font-weight: 400; margin: 0; padding: .35rem .6rem; border: 1px solid var(--muted); border-radius: 2rem; cursor: pointer; }
  .stars input { accent-color: var(--accent); }
  .stars label:has(input:checked) { border-color: var(--star); background: color-mix(in srgb, var(--star) 18%, transparent); }
  button { margin-top: 1.25rem; font: inherit; font-weight: 600; padding: .6rem 1.3rem; border: 0; border-radius: .4rem; background: var(--accent); color: #fff; cursor: pointer; }
  .hint { color: var(--muted); font-size: .9rem; margin: .25rem 0 0; }
  .error { border-left: 4px solid #dc2626; padding: .5rem .75rem; background: color-mix(in srgb, #dc2626 10%, transparent); }
  .product { display: flex; gap: 1rem; align-items: center; }
  .product img { width: 72px; height: 72px; object-fit: cover; border-radius: .5rem; }
  .hp { position: absolute; left: -10000px; }
  .answer { border-top: 1px solid color-mix(in srgb, currentColor 15%, transparent); padding: .5rem 0; }
  .brand { display: block; margin-bottom: 1rem; padding-top: .75rem; border-top: 5px solid var(--accent); font-weight: 700; font-size: 1.15rem; color: inherit; text-decoration: none; }
  .brand img { display: block; max-height: 40px; max-width: 240px; }
</style>
${brand ? html`<style>:root { --accent: ${brand.accent}; }</style>` : ''}
</head>
<body>
${brand ? (brand.storeUrl ? html`<a class="brand" href="${brand.storeUrl}">${mark}</a>` : html`<div class="brand">${mark}</div>`) : ''}
${body}
</body>
</html>`;
}
