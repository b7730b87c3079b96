/** The public page of a store's moderation figures: how reviews are checked, and the counts per month. */
import { html } from 'hono/html';
import type { ModerationFigures } from '../schemas/insights';
import { layout } from './layout';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function moderationPage(figures: ModerationFigures, opts: { jsonUrl: string; storeUrl?: string }) {
  const { store, months, totals, policy } = figures;
  const body = html`<main><h1>How reviews are checked at ${store.name}</h1>
<p>${store.name} collects its reviews with Verity. This page is generated from the store’s current settings and its review records, so it changes when they do.</p>
<h2>The moderation policy</h2>
<ul>${policy.map((sentence) => html`<li>${sentence}</li>`)}</ul>
<h2>Reviews received, per month</h2>
${months.length === 0
  ? html`<p>No reviews received in the last two years.</p>`
  : html`<p class="hint">Each review is counted in the month it was received, under its current status. “Verified” is the share of published reviews written by buyers of a recorded order.</p>
<div class="scroll"><table>
<thead><tr><th scope="col">Month</th><th scope="col">Received</th><th scope="col">Published</th><th scope="col">Rejected</th><th scope="col">Spam</th><th scope="col">Waiting</th><th scope="col">Verified</th></tr></thead>
<tbody>${[...months].reverse().map(
      (m) => html`<tr><th scope="row">${monthName(m.month)}</th><td>${m.received}</td><td>${m.published}</td><td>${m.rejected}</td><td>${m.spam}</td><td>${m.pending}</td><td>${percent(m.verifiedShare)}</td></tr>`,
    )}</tbody>
<tfoot><tr><th scope="row">Total</th><td>${totals.received}</td><td>${totals.published}</td><td>${totals.rejected}</td><td>${totals.spam}</td><td>${totals.pending}</td><td>${percent(totals.verifiedShare)}</td></tr></tfoot>
</table></div>`}
<p class="hint">The same figures as <a href="${opts.jsonUrl}">JSON</a>.${opts.storeUrl ? html` Back to <a href="${opts.storeUrl}">${store.name}</a>.` : ''}</p></main>`;
  const head = html`<style>
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; font-variant-numeric: tabular-nums; }
  th, td { padding: .35rem .3rem; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); text-align: right; }
  th[scope=row], thead th:first-child { text-align: left; font-weight: 600; }
  tfoot th, tfoot td { font-weight: 600; border-bottom: 0; }
</style>`;
  return layout(`How reviews are checked — ${store.name}`, body, { head });
}
