import { html } from 'lit';

/**
 * Five stars filled to a rating, drawn with CSS so no icon font or SVG is needed: the markup and
 * the rules (`starStyles`) of <verity-stars>, whose badge is drawn without Lit to keep a
 * collection page small, written here as a template for the reviews list.
 *
 * The fill's width is a property binding: assigning a string to `element.style` sets its
 * `cssText` through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' allows,
 * where a `style="…"` attribute is blocked (the stars would show full). Smaller than `styleMap`.
 */
export function stars(rating: number, label: string) {
  const pct = Math.max(0, Math.min(100, (rating / 5) * 100));
  return html`<span class="stars" role="img" aria-label=${label} part="rating"
    ><span class="stars-fill" .style=${`width:${pct}%`} aria-hidden="true">★★★★★</span
    ><span aria-hidden="true">★★★★★</span></span
  >`;
}
