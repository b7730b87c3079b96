import { html, nothing } from 'lit';
import { ApiFailure, report, reviews, vote, type ReportReason, type Review, type ReviewQuery, type Summary } from '../../api';
import { VerityElement } from '../../base/verity-element';
import { errorMessage, loadActionMessages } from '../../errors';
import { emit } from '../../events';
import { serverHtml } from '../../server-html';
import { stars } from './stars';
import { styles } from './verity-reviews.styles';

type Sort = ReviewQuery['sort'];

/** The tools Verity imports from, by the names their users know; another `source` shows as it is. */
const tools: Record<string, string> = { judgeme: 'Judge.me', yotpo: 'Yotpo', okendo: 'Okendo', stamped: 'Stamped' };
const toolName = (source: string) => tools[source] ?? source;

/**
 * The summary with a histogram that filters by rating, sort, verified-only and
 * text filters, the reviews with merchant replies, votes and reports (the
 * shopper picks a reason), and "show more" by keyset cursor. A product without
 * reviews shows one invitation to write the first. The form loads only when
 * the shopper opens it.
 *
 * Server snippet: put the HTML of GET …/snippet inside the element. It stays
 * shown until the element has its data (or if that never comes), then the
 * element takes its place, keeping at least its height (nothing below moves),
 * and removes the snippet's content but its JSON-LD, which stays the page's
 * only one. Without a snippet the element adds the product's
 * JSON-LD to the page's head once (`<script type="application/ld+json"
 * data-verity-jsonld>`), updates it when the product or its rating changes and
 * removes it when the element goes.
 *
 * @summary A product's rating summary and reviews, with votes, reports and the review form.
 * @attr {string} structured-data - `off`: add no JSON-LD to the page (for a theme that renders its own).
 * @slot - The server-rendered snippet (GET …/snippet), shown until the element has its data.
 * @fires verity-loaded - The first page of reviews arrived; `detail: { product }`.
 * @fires verity-review-submitted - From the form inside, once the API accepted a review; `detail: { id, status, product }`.
 * @csspart base - The whole element.
 * @csspart summary - The average, stars and histogram (or the invitation to write the first review).
 * @csspart review - One review.
 * @csspart rating - A review's stars, and the average's.
 * @csspart body - A review's text.
 * @csspart reply - The store's reply to a review.
 * @csspart source - Where an imported review was written ("Imported from Judge.me"); absent on a review written here.
 * @csspart button - "Write a review" and "Show more".
 */
export class VerityReviews extends VerityElement {
  static override properties = {
    ...VerityElement.properties,
    summary: { state: true },
    items: { state: true },
    cursor: { state: true },
    sort: { state: true },
    rating: { state: true },
    verifiedOnly: { state: true },
    query: { state: true },
    busy: { state: true },
    failed: { state: true },
    formOpen: { state: true },
    done: { state: true },
    reporting: { state: true },
    alerts: { state: true },
    reported: { state: true },
  };

  static override styles = styles;

  declare summary: Summary | undefined;
  declare items: Review[];
  declare cursor: string | null;
  declare sort: Sort;
  declare rating: number | undefined;
  declare verifiedOnly: boolean;
  declare query: string;
  declare busy: boolean;
  /** Why the reviews could not be loaded, for the shopper; empty when they were. */
  declare failed: string;
  declare formOpen: boolean;
  /** Reviews this visitor already voted on, and how. */
  declare done: Record<string, string>;
  /** Reviews this visitor reported. */
  declare reported: Record<string, boolean>;
  /** The review whose report dialog is open, and whether its report is on its way. */
  declare reporting: { id: string; sending: boolean } | undefined;
  /** What went wrong with a vote or report, by review. */
  declare alerts: Record<string, string>;
  /**
   * Only reviews with photos or video: the media code's filter sets it, then reloads.
   * @internal
   */
  withMedia = false;
  /**
   * The thumbnails, the lightbox and the filter: loaded (media.ts puts itself here) once there are reviews with media.
   * @internal
   */
  media: import('./media').MediaView | undefined;
  /** The report dialog, imported with its words when a shopper first presses "Report". */
  #reportDialog: typeof import('./report-dialog').reportDialog | undefined;
  #searchTimer = 0;

  constructor() {
    super();
    this.items = [];
    this.cursor = null;
    this.sort = 'recent';
    this.verifiedOnly = false;
    this.query = '';
    this.busy = false;
    this.failed = '';
    this.formOpen = false;
    this.done = {};
    this.reported = {};
    this.alerts = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.id) this.id = 'reviews';
    if (this.summary) this.#jsonLd(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#jsonLd(false);
  }

  /** The server-rendered snippet inside the element (GET …/snippet), if the store included one. */
  #snippet = () => this.querySelector('[data-verity-snippet]');
  /** The snippet's height when the element took its place, held until the list first changes. */
  #reserve = 0;
  /** Whether this element put JSON-LD in the page, so it takes it away again. */
  #ld = false;

  /** The fallback JSON-LD, wanted unless a snippet carries it or the store turned it off. */
  #jsonLd(on: boolean) {
    const want = on && !this.#snippet() && this.getAttribute('structured-data') !== 'off';
    if (!want && !this.#ld) return;
    this.#ld = want;
    void import('../../json-ld').then((m) => m.syncJsonLd(this, this.base, this.store, want ? this.product : null));
  }

  protected override refresh(): void {
    // A snippet is of the product the page was served with; another product's would mislead.
    if (this.hasUpdated) this.#snippet()?.remove();
    this.summary = undefined;
    this.items = [];
    this.rating = undefined;
    this.withMedia = false;
    this.formOpen = false;
    void this.load(true);
  }

  /** Bumped by every load; a response that is no longer the latest (the shopper typed on, or changed a filter) is dropped. */
  #generation = 0;

  async load(reset: boolean): Promise<void> {
    if (!this.store || !this.product) return;
    const generation = ++this.#generation;
    this.busy = true;
    try {
      const page = await reviews(this.base, this.store, this.product, {
        sort: this.sort,
        rating: this.rating,
        verified: this.verifiedOnly,
        q: this.query.trim() || undefined,
        limit: this.pageSize,
        cursor: reset ? null : this.cursor,
        media: this.withMedia,
      });
      if (generation !== this.#generation) return;
      const first = !this.summary;
      const count = this.summary?.count;
      const snippet = first && this.#snippet();
      this.#reserve = snippet ? this.offsetHeight : 0;
      // Its words now render in the shadow root, so the page has them once; its JSON-LD stays, the page's only one.
      if (snippet) snippet.replaceChildren(...snippet.querySelectorAll('script'));
      this.summary = page.summary;
      // The filter needs the summary's count; thumbnails, a review with media on this page.
      if (page.summary.mediaCount || page.reviews.some((r) => r.media.length)) void import('./media').then((m) => m.attach(this));
      if (page.summary.count !== count) this.#jsonLd(true);
      this.items = reset ? page.reviews : [...this.items, ...page.reviews];
      this.cursor = page.nextCursor;
      this.failed = '';
      if (first) emit(this, 'verity-loaded', { product: this.product });
    } catch (err) {
      const message = await errorMessage(err);
      if (generation === this.#generation) this.failed = message;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  private filter(rating: number | undefined) {
    this.rating = this.rating === rating ? undefined : rating;
    void this.load(true);
  }

  private async vote(r: Review, value: 'helpful' | 'unhelpful') {
    this.alerts = { ...this.alerts, [r.id]: '' };
    try {
      const counts = await vote(this.base, this.store, r.id, value);
      this.items = this.items.map((x) => (x.id === r.id ? { ...x, ...counts } : x));
    } catch (err) {
      // Already voted (another tab, or before a reload): the counts stay and the buttons close, as after a vote.
      if (!(err instanceof ApiFailure && err.error.code === 'ALREADY_VOTED')) {
        this.alerts = { ...this.alerts, [r.id]: await errorMessage(err) };
        return;
      }
    }
    this.done = { ...this.done, [r.id]: value };
  }

  /** Opens the reasons for a report, with focus on the first. */
  private async openReport(r: Review) {
    [, { reportDialog: this.#reportDialog }] = await Promise.all([loadActionMessages(), import('./report-dialog')]);
    this.reporting = { id: r.id, sending: false };
    this.alerts = { ...this.alerts, [r.id]: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('.report input')?.focus();
  }

  /** Closes the dialog and gives focus back to the button that opened it, or to the confirmation. */
  private async closeReport(id: string) {
    this.reporting = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-report="${id}"]`)?.focus();
  }

  private async sendReport(r: Review, reason: ReportReason) {
    this.reporting = { id: r.id, sending: true };
    try {
      await report(this.base, this.store, r.id, reason);
    } catch (err) {
      // CONFLICT: this browser reported it before, so the report the shopper wants is there.
      if (!(err instanceof ApiFailure && err.error.code === 'CONFLICT')) {
        this.alerts = { ...this.alerts, [r.id]: this.t('reportFailed', { reason: await errorMessage(err) }) };
        this.reporting = { id: r.id, sending: false };
        return;
      }
    }
    this.reported = { ...this.reported, [r.id]: true };
    await this.closeReport(r.id);
  }

  private async openForm() {
    await import('../verity-review-form/verity-review-form');
    this.formOpen = true;
    await this.updateComplete;
    // The form renders in its own update: wait for it, or there is no star input to focus yet.
    const form = this.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('verity-review-form');
    await form?.updateComplete;
    form?.focus();
  }

  protected override render() {
    const t = this.t;
    const form = this.formOpen
      ? html`<verity-review-form
          .store=${this.store}
          .product=${this.product}
          .api=${this.api}
          .locale=${this.locale}
          theme=${this.theme}
          @verity-review-submitted=${() => this.load(true)}
        ></verity-review-form>`
      : nothing;
    // No reviews at all: one invitation, not an average of nothing over an empty histogram with tools to sort it.
    // The form keeps its place in both layouts, so the first review's thanks survive the switch to the full one.
    const none = this.summary?.count === 0 && !this.failed;
    // Until the data arrives (or if it never does) the server's snippet is what shows.
    if (!this.summary && this.#snippet()) return html`<slot></slot>`;
    // `.style` sets the CSSOM's cssText, not the style attribute: a store's CSP may forbid inline styles (see stars.ts).
    return html`<section part="base" aria-labelledby="verity-reviews-title" .style=${this.#reserve ? `min-height:${this.#reserve}px` : ''}>
      <h2 id="verity-reviews-title">${t('customerReviews')}</h2>
      ${none
        ? html`<div class="empty" part="summary">
            <p>${t('empty')}</p>
            ${this.formOpen ? nothing : this.writeButton()}
          </div>`
        : html`${this.renderSummary()} ${this.renderControls()}`}
      ${form} ${none ? nothing : this.renderList()}
      <p class="muted"><a class="check" href="${this.base}/stores/${encodeURIComponent(this.store)}/moderation">${t('howChecked')}</a></p>
    </section>`;
  }

  private writeButton() {
    return html`<button class="primary" part="button" @click=${this.openForm}>${this.t('write')}</button>`;
  }

  private renderSummary() {
    const s = this.summary;
    if (!s) return html`<div class="summary" part="summary" aria-busy="true"><div class="skeleton"></div><div class="skeleton"></div></div>`;
    const t = this.t;
    return html`<div class="summary" part="summary">
      <div>
        <div class="average">${this.formatNumber(s.average)}</div>
        ${stars(s.average, t('starsLabel', { avg: this.formatNumber(s.average), count: s.count }))}
        <div class="muted">${t('basedOn', { count: s.count })}</div>
        ${this.formOpen ? nothing : html`<p>${this.writeButton()}</p>`}
      </div>
      <ul class="bars">
        ${[5, 4, 3, 2, 1].map((n) => {
          const count = s.histogram[String(n) as '1'];
          const pct = s.count ? (count / s.count) * 100 : 0;
          return html`<li>
            <button class="bar" aria-pressed=${this.rating === n ? 'true' : 'false'} @click=${() => this.filter(n)}>
              <span class="sr-only">${t('filterStars', { n, count })}</span>
              <span aria-hidden="true">${n} ★</span><span class="track"><span class="fill" .style=${`width:${pct}%`}></span></span><span class="muted" aria-hidden="true">${count}</span>
            </button>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private renderControls() {
    const t = this.t;
    return html`<div class="controls">
      <label>${t('sort')}
        <select @change=${(e: Event) => ((this.sort = (e.target as HTMLSelectElement).value as Sort), void this.load(true))}>
          <option value="recent">${t('sortRecent')}</option>
          <option value="helpful">${t('sortHelpful')}</option>
          <option value="rating_desc">${t('sortHighest')}</option>
          <option value="rating_asc">${t('sortLowest')}</option>
        </select>
      </label>
      <label class="check"><input type="checkbox" .checked=${this.verifiedOnly} @change=${(e: Event) => ((this.verifiedOnly = (e.target as HTMLInputElement).checked), void this.load(true))} /> ${t('verifiedOnly')}</label>
      ${this.media?.filter(this)}
      <label class="search"><span class="sr-only">${t('search')}</span>
        <input type="search" placeholder=${t('search')} .value=${this.query} @input=${(e: Event) => {
          this.query = (e.target as HTMLInputElement).value;
          clearTimeout(this.#searchTimer);
          this.#searchTimer = window.setTimeout(() => void this.load(true), 250);
        }} />
      </label>
      ${this.rating ? html`<button class="link-button" @click=${() => this.filter(undefined)}>${t('clearFilter')}</button>` : nothing}
    </div>`;
  }

  private renderList() {
    const t = this.t;
    if (this.failed) return html`<p role="alert">${this.failed}</p>`;
    // Until the first page arrives, hold the room a page of reviews usually takes, so the
    // store's content below does not jump when it lands.
    if (!this.summary) return html`<div aria-hidden="true">${Array.from({ length: Math.min(this.pageSize, 10) }, () => html`<div class="skeleton review-skeleton"></div>`)}</div>`;
    if (this.items.length === 0) return html`<div class="empty">${t('noMatch')}</div>`;
    return html`<ul class="list" aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.items.map((r) => this.renderReview(r))}
      </ul>
      ${this.cursor
        ? html`<p><button class="link-button" part="button" ?disabled=${this.busy} @click=${() => this.load(false)}>${this.busy ? t('loading') : t('loadMore')}</button></p>`
        : nothing}`;
  }

  /** Whose word a verified badge is: Verity's, from an order it knows, or the tool the review was imported from. */
  private verifiedLabel(r: Review) {
    if (r.verification !== 'imported') return this.t('verified');
    return r.source === 'import' ? this.t('verifiedPerImport') : this.t('verifiedPer', { source: toolName(r.source) });
  }

  private renderReview(r: Review) {
    const t = this.t;
    const done = this.done[r.id];
    const reporting = this.reporting?.id === r.id ? this.reporting : undefined;
    return html`<li class="review" part="review">
      ${stars(r.rating, t(r.rating === 1 ? 'star' : 'stars', { n: r.rating }))}
      ${r.title ? html`<h3>${r.title}</h3>` : nothing}
      <div class="meta"><span>${r.author.name}</span>${r.verified ? html`<span class="badge">✓ ${this.verifiedLabel(r)}</span>` : nothing}<time datetime=${r.createdAt}>${this.formatDate(r.createdAt)}</time>${r.editedAt ? html`<span class="edited">${t('edited')}</span>` : nothing}${r.source === 'verity' ? nothing : html`<span part="source" class="source">${r.source === 'import' ? t('imported') : t('importedFrom', { source: toolName(r.source) })}</span>`}</div>
      <div class="body" part="body">${serverHtml(this, r.bodyHtml, r.body)}</div>
      ${this.media?.thumbs(this, r)}
      ${r.reply ? html`<div class="reply" part="reply"><strong>${t('storeReply')}</strong>${serverHtml(this, r.reply.bodyHtml, r.reply.body)}</div>` : nothing}
      <div class="actions">
        <button class="link-button" ?disabled=${Boolean(done)} aria-pressed=${done === 'helpful' ? 'true' : 'false'} @click=${() => this.vote(r, 'helpful')}>${t('helpful', { n: r.helpfulCount })}</button>
        <button class="link-button" ?disabled=${Boolean(done)} aria-pressed=${done === 'unhelpful' ? 'true' : 'false'} @click=${() => this.vote(r, 'unhelpful')}>${t('notHelpful', { n: r.unhelpfulCount })}</button>
        ${this.reported[r.id]
          ? html`<span class="note" role="status" tabindex="-1" data-report=${r.id}>${t('reported')}</span>`
          : html`<button class="link-button" data-report=${r.id} aria-expanded=${reporting ? 'true' : 'false'} @click=${() => (reporting ? this.closeReport(r.id) : this.openReport(r))}>${t('report')}</button>`}
      </div>
      ${reporting && this.#reportDialog ? this.#reportDialog(this.t, reporting.sending, (reason) => this.sendReport(r, reason), () => this.closeReport(r.id)) : nothing}
      ${this.alerts[r.id] ? html`<p class="error" role="alert">${this.alerts[r.id]}</p>` : nothing}
    </li>`;
  }
}

VerityReviews.define('verity-reviews');

declare global {
  interface HTMLElementTagNameMap {
    'verity-reviews': VerityReviews;
  }
}
