/**
 * The server-rendered reviews snippet: an HTML fragment a storefront includes
 * on its server inside `<verity-reviews>`, so crawlers and shoppers without
 * JavaScript read the summary, the first page of reviews and the Product
 * JSON-LD. Its layout follows the element's, so the element's takeover
 * moves nothing below it. Words come from the widgets' own
 * catalogues.
 */
import { html, raw } from 'hono/html';
import type { PublicReviewWithReply } from '../../db/queries/reviews';
import type { ReviewSummary } from '../../db/queries/stats';
import type { Product } from '../../db/schema';
import { renderMarkdown } from '../domain/markdown';
import { urls } from '../domain/urls';
import { templates as de } from '../../widgets/src/locales/de';
import { en, type Messages } from '../../widgets/src/locales/en';
import { templates as es } from '../../widgets/src/locales/es';
import { templates as fr } from '../../widgets/src/locales/fr';
import { templates as ja } from '../../widgets/src/locales/ja';
import { jsonLdScript } from './json-ld';
import { productJsonLd } from './product-jsonld';
import { sourceLabel, verificationOf } from '../domain/import/vendors';

export const snippetLocales = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type SnippetLocale = (typeof snippetLocales)[number];

const catalogues: Record<SnippetLocale, Messages> = { en, de, fr, es, ja };

/** "4 out of 5 stars" for one review: the widgets say it only inside a longer label, so it lives here. */
const outOfFive: Record<SnippetLocale, string> = {
  en: '{n} out of 5 stars',
  de: '{n} von 5 Sternen',
  fr: '{n} sur 5 étoiles',
  es: '{n} de 5 estrellas',
  ja: '5つ星中{n}',
};

export interface SnippetData {
  product: Product;
  summary: ReviewSummary;
  /** The first page, in the element's order. */
  reviews: PublicReviewWithReply[];
  /** Whether there are more published reviews than this page. */
  more: boolean;
  /** The most helpful reviews, for the JSON-LD. */
  jsonLdReviews: PublicReviewWithReply[];
}

/**
 * Styles scoped by class, so a theme can restyle any of it. Where JavaScript
 * runs, the element will replace the snippet: the snippet then keeps room for
 * the element's buttons and tools (write, sort and filter, vote, show more,
 * 44 px targets on a phone), so nothing below moves when it does; without
 * JavaScript those are never coming and the snippet stays compact. The last
 * rule drops the room verity.js reserves for an empty element: this one has
 * the snippet's height already.
 */
const styles =
  '.verity-snippet{display:grid;gap:1rem;line-height:1.5}' +
  '.verity-snippet h2{font-size:1.25em;margin:0}' +
  ':is(.verity-snippet-average,.verity-snippet-rated,.verity-snippet-score,.verity-snippet-based,.verity-snippet-meta){margin:0}' +
  '.verity-snippet-summary{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start;min-height:8.5rem}' +
  '.verity-snippet-summary>*{flex:1 1 18rem}.verity-snippet-summary>:first-child{flex:0 0 auto;min-width:10rem}' +
  '.verity-snippet-average{font-size:2.25em;font-weight:700;line-height:1}' +
  '.verity-snippet-stars{color:var(--verity-star-color,#f59e0b);letter-spacing:1px;line-height:1}' +
  '.verity-snippet-muted,.verity-snippet-meta{color:var(--verity-muted,light-dark(#4b5563,#c4c9d2));font-size:.9em}' +
  '.verity-snippet-bars,.verity-snippet-list{display:grid;gap:.25rem;margin:0;padding:0;list-style:none}' +
  '.verity-snippet-bars li{box-sizing:border-box;display:grid;grid-template-columns:3.5em 1fr 2.5em;gap:.5rem;align-items:center;padding:.1rem}' +
  '.verity-snippet-bars meter{width:100%;height:.6rem}' +
  '.verity-snippet-list{gap:0}.verity-snippet-review{padding:1rem 0;border-top:1px solid var(--verity-border,light-dark(#d1d5db,#4b5563))}' +
  '.verity-snippet-review h3{font-size:1em;margin:.25rem 0}' +
  '.verity-snippet-meta{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}' +
  '.verity-snippet-badge{font-weight:600;color:light-dark(#047857,#6ee7b7)}' +
  '.verity-snippet-body img{max-width:100%;height:auto}' +
  '.verity-snippet-reply{margin:.5rem 0 0 1rem;padding:.5rem .75rem;border-left:3px solid var(--verity-accent,light-dark(#4f46e5,#a5b4fc))}' +
  '.verity-snippet-helpful{margin:.5rem 0 0;font-size:.9em}' +
  '.verity-snippet-empty{padding:1.5rem;text-align:center;border:1px dashed var(--verity-border,light-dark(#d1d5db,#4b5563))}' +
  ':is(.verity-snippet-write,.verity-snippet-tools,.verity-snippet-more){display:none}' +
  '@media (scripting:enabled){' +
  ':is(.verity-snippet-write,.verity-snippet-tools,.verity-snippet-more){display:block}' +
  '.verity-snippet-write{margin:1rem 0;min-height:2.5rem}.verity-snippet-empty .verity-snippet-write{margin:0}' +
  '.verity-snippet-tools{min-height:2.325rem}.verity-snippet-more{margin:1rem 0;min-height:1.875rem}.verity-snippet-helpful{min-height:1.9rem}' +
  '@media (max-width:40rem),(pointer:coarse){.verity-snippet-tools{min-height:9.75rem}' +
  ':is(.verity-snippet-helpful,.verity-snippet-write,.verity-snippet-more,.verity-snippet-bars li){min-height:2.75rem}}}' +
  'verity-reviews:has(>.verity-snippet):not(:defined){min-height:0}' +
  // As the element draws its link to the moderation figures (a.check): inline-flex, 44 px where a finger points.
  '.verity-snippet-checked a{display:inline-flex;align-items:center}' +
  '@media (max-width:40rem),(pointer:coarse){.verity-snippet-checked a{min-height:2.75rem}}';

/** The words of one locale, with `{name}` filled in and the "One" form where the locale's plural rules say so. */
function translator(locale: SnippetLocale) {
  const words = catalogues[locale];
  const plural = new Intl.PluralRules(locale);
  return (key: keyof Messages, vars: Record<string, string | number> = {}) => {
    const one = `${key}One` as keyof Messages;
    const chosen = typeof vars.count === 'number' && one in words && plural.select(vars.count) === 'one' ? one : key;
    return words[chosen].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
  };
}

/**
 * A body's HTML, rendered again from its Markdown rather than read from the
 * stored bodyHtml: the snippet lands in a store's page, with neither Verity's
 * CSP nor the widgets' DOMPurify behind it, so the renderer (which shows raw
 * HTML as text) is its one guard, even against a tampered row. Same renderer,
 * same output for every row Verity wrote.
 */
function markdownHtml(markdown: string) {
  try {
    return raw(renderMarkdown(markdown));
  } catch {
    // A stored body the renderer now refuses (a limit lowered since): its words, as text.
    return html`<p>${markdown}</p>`;
  }
}

/** Filled and empty stars as text, for the eye only: the words beside them say the rating. */
const starText = (rating: number) => {
  const full = Math.round(rating);
  return '★'.repeat(full) + '☆'.repeat(5 - full);
};

/**
 * The fragment for one product, as an HTML string.
 *
 * @example reviewsSnippet(data, { locale: 'de', baseUrl: 'https://reviews.example.com' })
 */
export function reviewsSnippet(data: SnippetData, options: { locale: SnippetLocale; baseUrl: string }): string {
  const { summary, reviews } = data;
  const { locale } = options;
  const t = translator(locale);
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const rated = (n: number | string) => outOfFive[locale].replace('{n}', String(n));
  const jsonLd = summary.count > 0 ? jsonLdScript(productJsonLd({ product: data.product, summary, reviews: data.jsonLdReviews, baseUrl: options.baseUrl })) : '';

  const summaryHtml =
    summary.count === 0
      ? html`<div class="verity-snippet-empty"><p>${t('empty')}</p><p class="verity-snippet-write" aria-hidden="true"></p></div>`
      : html`<div class="verity-snippet-summary">
  <div>
    <p class="verity-snippet-average">${number.format(summary.average)}</p>
    <p class="verity-snippet-rated"><span class="verity-snippet-stars" aria-hidden="true">${starText(summary.average)}</span> <span class="verity-snippet-muted">${rated(number.format(summary.average))}</span></p>
    <p class="verity-snippet-based verity-snippet-muted">${t('basedOn', { count: summary.count })}</p>
    <p class="verity-snippet-write" aria-hidden="true"></p>
  </div>
  <ul class="verity-snippet-bars">
    ${[5, 4, 3, 2, 1].map((n) => {
      const count = summary.histogram[n as 1];
      return html`<li><span>${t(n === 1 ? 'star' : 'stars', { n })}</span><meter min="0" max="${summary.count}" value="${count}">${count}</meter><span>${count}</span></li>`;
    })}
  </ul>
</div>
<div class="verity-snippet-tools" aria-hidden="true"></div>`;

  // An imported review says where it came from, as the element does (issue 14's disclosure).
  const badge = (r: PublicReviewWithReply) => {
    const verification = verificationOf(r);
    if (!verification) return '';
    const tool = verification === 'imported' ? sourceLabel(r.source) : undefined;
    return html`<span class="verity-snippet-badge">✓ ${tool ? t('verifiedPer', { source: tool }) : t('verified')}</span>`;
  };
  const source = (r: PublicReviewWithReply) => {
    if (r.source === 'verity') return '';
    const tool = sourceLabel(r.source);
    return html`<span class="verity-snippet-source">${tool ? t('importedFrom', { source: tool }) : t('imported')}</span>`;
  };
  const list = reviews.map(
    (r) => html`<li>
<article class="verity-snippet-review">
  <p class="verity-snippet-score"><span class="verity-snippet-stars" aria-hidden="true">${starText(r.rating)}</span> <span class="verity-snippet-rating">${rated(r.rating)}</span></p>
  ${r.title ? html`<h3>${r.title}</h3>` : ''}
  <p class="verity-snippet-meta"><span class="verity-snippet-author">${r.authorName}</span>${badge(r)}<time datetime="${new Date(r.createdAt).toISOString()}">${date.format(r.createdAt)}</time>${source(r)}</p>
  <div class="verity-snippet-body">${markdownHtml(r.body)}</div>
  ${r.reply ? html`<div class="verity-snippet-reply"><strong>${t('storeReply')}</strong>${markdownHtml(r.reply.body)}</div>` : ''}
  <p class="verity-snippet-helpful verity-snippet-muted">${t('helpful', { n: r.helpfulCount })}</p>
</article>
</li>`,
  );

  return html`<div class="verity-snippet" data-verity-snippet lang="${locale}">
<style>${raw(styles)}</style>
<h2>${t('customerReviews')}</h2>
${summaryHtml}
${reviews.length ? html`<ol class="verity-snippet-list">${list}</ol>` : ''}
${data.more ? html`<p class="verity-snippet-more" aria-hidden="true"></p>` : ''}
<p class="verity-snippet-checked verity-snippet-muted"><a href="${urls.moderationPage(options.baseUrl, data.product.storeId)}">${t('howChecked')}</a></p>
${raw(jsonLd)}
</div>`.toString();
}
