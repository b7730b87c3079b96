/**
 * `<verity-admin-insights store member-role>`: what the reviews say over time —
 * rating per week (or, for all time, per month), distribution, share verified, replies, unanswered
 * questions, the review-request funnel and the top and lowest-rated products.
 * Everything comes from one request (GET …/insights), answered from rollups
 * kept on write, so the page costs the same for any number of reviews.
 */
import { css, html, nothing } from 'lit';
import { api, type Insights } from '../api';
import { AdminPage, define, formatDay } from '../base';
import { pageStyles } from '../styles';
import { bars, weeklyChart } from './charts';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-insights': AdminInsights;
  }
}

const spans: Array<number | 'all'> = [4, 12, 26, 52, 'all'];
const spanLabel = (n: number | 'all') => (n === 'all' ? 'All time (by month)' : `Last ${n} weeks`);
const pct = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const of = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)} %)` : '');
const avg = (n: number | null) => (n === null ? '–' : n.toFixed(2));
// Weeks start on Monday 00:00 UTC: shown in UTC, or west of Greenwich every week would seem to start on a Sunday.
const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const weekOf = (iso: string) => utcDay.format(new Date(iso));
const utcMonth = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthOf = (month: string) => utcMonth.format(new Date(`${month}-01T00:00:00Z`));

/** "45 min", "5 h", "3 days": a duration as a merchant reads it. */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.round(ms / 3_600_000);
  if (h < 48) return `${h} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

const bucketLabel = (upTo: number | null, prev: number | null) => (upTo === null ? `over ${duration(prev)}` : `≤ ${duration(upTo)}`);

export class AdminInsights extends AdminPage {
  static override properties = { ...AdminPage.properties, data: { state: true }, weeks: { state: true } };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      }
      section.card {
        padding: 0.75rem 1rem;
        min-width: 0;
      }
      .wide {
        grid-column: 1 / -1;
      }
      h2 {
        margin-bottom: 0.5rem;
      }
      .big {
        font-size: 1.5rem;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        margin: 0 0 0.5rem;
      }
      .bars {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.3rem;
      }
      .bars li {
        display: grid;
        grid-template-columns: 6.5rem 1fr auto;
        gap: 0.5rem;
        align-items: center;
      }
      .bars svg {
        height: 0.75rem;
        width: 100%;
      }
      .num {
        font-variant-numeric: tabular-nums;
        min-width: 4rem;
        text-align: right;
      }
      .track {
        fill: var(--verity-admin-border);
        opacity: 0.5;
      }
      .fill {
        fill: var(--verity-admin-accent);
      }
      .weekly {
        width: 100%;
        height: 9rem;
        display: block;
      }
      .weekly .fill {
        opacity: 0.45;
      }
      .weekly .grid {
        stroke: var(--verity-admin-border);
        stroke-width: 1;
      }
      .line {
        fill: none;
        stroke: var(--verity-admin-warning);
        stroke-width: 2.5;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
      .legend {
        font-size: 0.8125rem;
      }
      .key {
        display: inline-block;
        width: 0.8rem;
        height: 0.6rem;
        margin-right: 0.25rem;
        background: var(--verity-admin-accent);
        opacity: 0.45;
      }
      .key.line-key {
        height: 0.2rem;
        vertical-align: middle;
        background: var(--verity-admin-warning);
        opacity: 1;
      }
      details {
        margin-top: 0.5rem;
      }
      ol {
        margin: 0;
        padding-left: 1.25rem;
      }
    `,
  ];

  declare data: Insights | null;
  /** The period: a number of weeks, or the whole history by month. */
  declare weeks: number | 'all';
  #loaded = '';

  constructor() {
    super();
    this.data = null;
    this.weeks = 26;
  }

  override willUpdate(): void {
    const key = `${this.store}|${this.weeks}`;
    if (this.store && this.#loaded !== key) {
      this.#loaded = key;
      void this.attempt(() => api.insights(this.store, this.weeks)).then((d) => d && (this.data = d));
    }
  }

  override render() {
    const d = this.data;
    return html`<div class="page-head">
        <h1>Insights</h1>
        <label
          >Period
          <select
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.weeks = v === 'all' ? 'all' : Number(v);
            }}
          >
            ${spans.map((n) => html`<option value=${n} ?selected=${n === this.weeks}>${spanLabel(n)}</option>`)}
          </select></label
        >
      </div>
      ${d ? this.#cards(d) : html`<p class="empty card">Loading…</p>`}`;
  }

  #cards(d: Insights) {
    const t = d.totals;
    const dist = [5, 4, 3, 2, 1] as const;
    const r = d.replies;
    const q = d.questions;
    const f = d.funnel;
    // All time comes by calendar month (the API's `months`), a span of weeks by week.
    const unit = d.months ? 'month' : 'week';
    const series = d.months ?? d.weeks;
    const rowsOf = d.months ? d.months.map((m) => ({ ...m, label: monthOf(m.month) })) : d.weeks.map((w) => ({ ...w, label: weekOf(w.weekStart) }));
    return html`<div class="grid">
      <section class="card wide" aria-labelledby="i-rating">
        <h2 id="i-rating">Rating over time</h2>
        <p class="figures">
          <span><span class="big">${avg(t.average)}</span> average</span><span><span class="big">${t.published}</span> published reviews</span
          ><span class="muted">since ${d.months ? monthOf(d.from.slice(0, 7)) : weekOf(d.from)}, by the ${unit} they were written</span>
        </p>
        ${weeklyChart(series, `Reviews per ${unit} and their average rating, ${series.length} ${unit}s; the table below has the numbers`)}
        <p class="legend muted"><span class="key"></span>reviews per ${unit} (scaled to the busiest) <span class="key line-key"></span>average rating (0–5)</p>
        <details>
          <summary>The ${unit}s as a table</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${d.months ? 'Month' : 'Week of'}</th>
                  <th scope="col" class="num">Reviews</th>
                  <th scope="col" class="num">Average</th>
                  <th scope="col" class="num">Verified</th>
                </tr>
              </thead>
              <tbody>
                ${rowsOf.map(
                  (w) => html`<tr>
                    <td>${w.label}</td>
                    <td class="num">${w.count}</td>
                    <td class="num">${avg(w.average)}</td>
                    <td class="num">${w.verified}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section class="card" aria-labelledby="i-dist">
        <h2 id="i-dist">Distribution</h2>
        ${bars(dist.map((n) => ({ label: `${n} star${n === 1 ? '' : 's'}`, value: d.distribution[n], text: `${d.distribution[n]}${of(d.distribution[n], t.published)}` })))}
      </section>
      <section class="card" aria-labelledby="i-verified">
        <h2 id="i-verified">Verified buyers</h2>
        <p class="figures"><span><span class="big">${pct(t.verifiedShare)}</span> of published reviews</span></p>
        ${bars(
          [
            { label: 'Verified', value: t.verified, text: String(t.verified) },
            { label: 'Unverified', value: t.published - t.verified, text: String(t.published - t.verified) },
          ],
          Math.max(1, t.published),
        )}
      </section>
      <section class="card" aria-labelledby="i-replies">
        <h2 id="i-replies">Replies</h2>
        <p class="figures">
          <span><span class="big">${pct(r.rate)}</span> replied</span><span><span class="big">${duration(r.medianMs)}</span> median to first reply</span>
        </p>
        <p class="muted">${r.replied} of ${t.published} published reviews have a reply. The median is read from the time ranges below: exact to its range.</p>
        ${bars(r.buckets.map((b, i) => ({ label: bucketLabel(b.upToMs, r.buckets[i - 1]?.upToMs ?? null), value: b.count, text: String(b.count) })))}
      </section>
      <section class="card" aria-labelledby="i-questions">
        <h2 id="i-questions">Unanswered questions</h2>
        <p class="figures">
          <span><span class="big">${q.unanswered}</span> waiting for an answer</span>
          ${q.oldestAt ? html`<span><span class="big">${duration(q.oldestAgeMs)}</span> the oldest has waited (since ${formatDay(q.oldestAt)})</span>` : nothing}
        </p>
        ${q.unanswered === 0 ? html`<p class="muted">Every published question has an answer.</p>` : html`<p><a href="/admin/stores/${encodeURIComponent(this.store)}/inbox">Answer them in the inbox</a></p>`}
      </section>
      <section class="card" aria-labelledby="i-funnel">
        <h2 id="i-funnel">Review requests</h2>
        ${bars(
          [
            { label: 'Emails sent', value: f.sent, text: String(f.sent) },
            { label: 'Link opened', value: f.opened, text: `${f.opened}${of(f.opened, f.sent)}` },
            { label: 'Review written', value: f.written, text: `${f.written}${of(f.written, f.sent)}` },
          ],
          Math.max(1, f.sent, f.opened, f.written),
        )}
        <p class="muted">Orders, counted in the week each step happened. An opening by a mail scanner counts too.</p>
      </section>
      <section class="card" aria-labelledby="i-top">
        <h2 id="i-top">Most reviewed products</h2>
        ${this.#products(d.products.byVolume)}
      </section>
      <section class="card" aria-labelledby="i-low">
        <h2 id="i-low">Lowest average rating</h2>
        ${this.#products(d.products.lowestRated)}
      </section>
    </div>`;
  }

  #products(list: Insights['products']['byVolume']) {
    if (list.length === 0) return html`<p class="muted">No published reviews yet.</p>`;
    return html`<ol>
      ${list.map((p) => html`<li><a href="/admin/stores/${encodeURIComponent(this.store)}/products/${encodeURIComponent(p.id)}">${p.name}</a> <span class="muted">· ${avg(p.average)} ★ · ${p.count} review${p.count === 1 ? '' : 's'}</span></li>`)}
    </ol>`;
  }
}

define('verity-admin-insights', AdminInsights);
