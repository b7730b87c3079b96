/** Five stars filled to a rating, drawn with CSS so no icon font or SVG is needed. */
import { html } from 'lit';

export function stars(rating: number, label: string) {
  const pct = Math.max(0, Math.min(100, (rating / 5) * 100));
  return html`<span class="stars" role="img" aria-label=${label} part="rating"
    ><span class="stars-fill" style="width:${pct}%" aria-hidden="true">★★★★★</span
    ><span aria-hidden="true">★★★★★</span></span
  >`;
}

export const starStyles = `
  .stars { position: relative; display: inline-block; color: var(--_border); letter-spacing: 1px; line-height: 1; white-space: nowrap; }
  .stars-fill { position: absolute; inset: 0 auto 0 0; overflow: hidden; color: var(--_star); }
`;
