/**
 * `<verity-reviews store product [api] [locale] [page-size] [theme]>`: the
 * summary with a histogram that filters by rating, sort, verified-only and
 * text filters, the reviews with merchant replies, votes and reports, and
 * "show more" by keyset cursor. The form loads only when the shopper opens it.
 *
 * @event verity-loaded - first data arrived
 * @event verity-review-submitted - bubbles up from the form
 * @csspart base @csspart summary @csspart review @csspart rating @csspart body @csspart reply @csspart button
 * @cssproperty --verity-accent @cssproperty --verity-star-color @cssproperty --verity-text
 * @cssproperty --verity-muted @cssproperty --verity-background @cssproperty --verity-border @cssproperty --verity-radius
 */
import { html, nothing } from 'lit';
import { report, reviews, vote, type Review, type Summary } from '../../api';
import { define, VerityElement } from '../../base/verity-element';
import { emit } from '../../events';
import { safeHtml } from '../../sanitize';
import { stars } from '../verity-stars/verity-stars';
import { styles } from './verity-reviews.styles';

type Sort = 'recent' | 'helpful' | 'rating_desc' | 'rating_asc';

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
  };

  static override styles = [VerityElement.themeStyles, ...styles];

  declare summary: Summary | undefined;
  declare items: Review[];
  declare cursor: string | null;
  declare sort: Sort;
  declare rating: number | undefined;
  declare verifiedOnly: boolean;
  declare query: string;
  declare busy: boolean;
  declare failed: boolean;
  declare formOpen: boolean;
  /** Reviews this visitor already voted on or reported. */
  declare done: Record<string, string>;
  #searchTimer = 0;

  constructor() {
    super();
    this.items = [];
    this.cursor = null;
    this.sort = 'recent';
    this.verifiedOnly = false;
    this.query = '';
    this.busy = false;
    this.failed = false;
    this.formOpen = false;
    this.done = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.id) this.id = 'reviews';
  }

  protected override refresh(): void {
    this.summary = undefined;
    this.items = [];
    this.rating = undefined;
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
      });
      if (generation !== this.#generation) return;
      const first = !this.summary;
      this.summary = page.summary;
      this.items = reset ? page.reviews : [...this.items, ...page.reviews];
      this.cursor = page.nextCursor;
      this.failed = false;
      if (first) emit(this, 'verity-loaded', { product: this.product });
    } catch {
      if (generation === this.#generation) this.failed = true;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  private filter(rating: number | undefined) {
    this.rating = this.rating === rating ? undefined : rating;
    void this.load(true);
  }

  private async vote(r: Review, value: 'helpful' | 'unhelpful') {
    try {
      const counts = await vote(this.base, this.store, r.id, value);
      this.items = this.items.map((x) => (x.id === r.id ? { ...x, ...counts } : x));
    } catch {
      // Already voted (409) or rate limited: the counts stay as they are.
    }
    this.done = { ...this.done, [r.id]: value };
  }

  private async report(r: Review) {
    await report(this.base, this.store, r.id).catch(() => undefined);
    this.done = { ...this.done, [r.id]: 'reported' };
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
    return html`<section part="base" aria-labelledby="verity-reviews-title">
      <h2 id="verity-reviews-title">${t('customerReviews')}</h2>
      ${this.renderSummary()} ${this.renderControls()}
      ${this.formOpen
        ? html`<verity-review-form
            .store=${this.store}
            .product=${this.product}
            .api=${this.api}
            .locale=${this.locale}
            theme=${this.theme}
            @verity-review-submitted=${() => this.load(true)}
          ></verity-review-form>`
        : nothing}
      ${this.renderList()}
    </section>`;
  }

  private renderSummary() {
    const s = this.summary;
    if (!s) return html`<div class="summary" part="summary" aria-busy="true"><div class="skeleton"></div><div class="skeleton"></div></div>`;
    const t = this.t;
    return html`<div class="summary" part="summary">
      <div>
        <div class="average">${s.count ? this.formatNumber(s.average) : '–'}</div>
        ${stars(s.average, t('starsLabel', { avg: this.formatNumber(s.average), count: s.count }))}
        <div class="muted">${t('basedOn', { count: s.count })}</div>
        ${this.formOpen ? nothing : html`<p><button class="primary" part="button" @click=${this.openForm}>${t('write')}</button></p>`}
      </div>
      <ul class="bars">
        ${[5, 4, 3, 2, 1].map((n) => {
          const count = s.histogram[String(n) as '1'];
          const pct = s.count ? (count / s.count) * 100 : 0;
          return html`<li>
            <button class="bar" aria-pressed=${this.rating === n ? 'true' : 'false'} @click=${() => this.filter(n)}>
              <span class="sr-only">${t('filterStars', { n, count })}</span>
              <span aria-hidden="true">${n} ★</span><span class="track"><span class="fill" style="display:block;width:${pct}%"></span></span><span class="muted" aria-hidden="true">${count}</span>
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
      <label><input type="checkbox" .checked=${this.verifiedOnly} @change=${(e: Event) => ((this.verifiedOnly = (e.target as HTMLInputElement).checked), void this.load(true))} /> ${t('verifiedOnly')}</label>
      <label><span class="sr-only">${t('search')}</span>
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
    if (this.failed) return html`<p role="alert">${t('error')}</p>`;
    // Until the first page arrives, hold the room a page of reviews usually takes, so the
    // store's content below does not jump when it lands.
    if (!this.summary) return html`<div aria-hidden="true">${Array.from({ length: Math.min(this.pageSize, 10) }, () => html`<div class="skeleton review-skeleton"></div>`)}</div>`;
    if (this.items.length === 0) {
      return html`<div class="empty">${this.summary.count ? t('noMatch') : t('empty')}</div>`;
    }
    return html`<ul class="list" aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.items.map((r) => this.renderReview(r))}
      </ul>
      ${this.cursor
        ? html`<p><button class="link-button" part="button" ?disabled=${this.busy} @click=${() => this.load(false)}>${this.busy ? t('loading') : t('loadMore')}</button></p>`
        : nothing}`;
  }

  private renderReview(r: Review) {
    const t = this.t;
    const done = this.done[r.id];
    return html`<li class="review" part="review">
      ${stars(r.rating, t(r.rating === 1 ? 'star' : 'stars', { n: r.rating }))}
      ${r.title ? html`<h3>${r.title}</h3>` : nothing}
      <div class="meta"><span>${r.author.name}</span>${r.verified ? html`<span class="badge">✓ ${t('verified')}</span>` : nothing}<time datetime=${r.createdAt}>${this.formatDate(r.createdAt)}</time></div>
      <div class="body" part="body">${safeHtml(r.bodyHtml, r.body)}</div>
      ${r.reply ? html`<div class="reply" part="reply"><strong>${t('storeReply')}</strong>${safeHtml(r.reply.bodyHtml, r.reply.body)}</div>` : nothing}
      <div class="actions">
        <button class="link-button" ?disabled=${Boolean(done)} aria-pressed=${done === 'helpful' ? 'true' : 'false'} @click=${() => this.vote(r, 'helpful')}>${t('helpful', { n: r.helpfulCount })}</button>
        <button class="link-button" ?disabled=${Boolean(done)} aria-pressed=${done === 'unhelpful' ? 'true' : 'false'} @click=${() => this.vote(r, 'unhelpful')}>${t('notHelpful', { n: r.unhelpfulCount })}</button>
        <button class="link-button" ?disabled=${done === 'reported'} @click=${() => this.report(r)}>${done === 'reported' ? t('reported') : t('report')}</button>
      </div>
    </li>`;
  }
}

define('verity-reviews', VerityReviews);
