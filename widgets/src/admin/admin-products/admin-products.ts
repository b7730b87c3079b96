/**
 * `<verity-admin-products store role [product]>`: the catalogue with each
 * product's average, review count, share of verified buyers and unanswered
 * questions; with `product`, that product's reviews and questions of every
 * status.
 */
import { css, html, nothing } from 'lit';
import { api, type InboxItem, type ProductRow } from '../api';
import { AdminPage, define, starsText } from '../base';
import { itemDetail, itemStyles } from '../admin-inbox/item';
import { pageStyles } from '../styles';
import { safeHtml } from '../../sanitize';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-products': AdminProducts;
  }
}

const percent = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`);

export class AdminProducts extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    product: { type: String },
    rows: { state: true },
    nextCursor: { state: true },
    q: { state: true },
    content: { state: true },
  };

  static override styles = [
    ...pageStyles,
    itemStyles,
    css`
      :host {
        display: block;
      }
      .search input {
        width: 18rem;
      }
      td a {
        font-weight: 600;
      }
      .id {
        font-size: 0.8125rem;
      }
      section {
        margin-top: 1rem;
      }
      section h2 {
        margin-bottom: 0.5rem;
      }
      .entry {
        padding: 0.75rem 1rem;
        margin-bottom: 0.5rem;
      }
      .entry .body {
        margin-bottom: 0;
      }
      .reply {
        border-left: 3px solid var(--verity-admin-accent);
        padding: 0.25rem 0.75rem;
        margin-top: 0.5rem;
      }
      .more {
        margin-top: 0.5rem;
      }
      @media (max-width: 40rem) {
        .search,
        .search input {
          width: 100%;
        }
        .hide-narrow {
          display: none;
        }
      }
    `,
  ];

  declare product: string;
  declare rows: ProductRow[] | null;
  declare nextCursor: string | null;
  declare q: string;
  declare content: { product: ProductRow; items: InboxItem[]; nextCursor: string | null } | null;
  #loaded = '';

  constructor() {
    super();
    this.product = '';
    this.rows = null;
    this.nextCursor = null;
    this.q = '';
    this.content = null;
  }

  override willUpdate(): void {
    const key = `${this.store}/${this.product}`;
    if (!this.store || key === this.#loaded) return;
    this.#loaded = key;
    if (this.product) {
      this.content = null;
      void this.attempt(() => api.productContent(this.store, this.product)).then((c) => c && (this.content = c));
    } else void this.#search();
  }

  async #search(more = false) {
    const page = await this.attempt(() => api.products(this.store, this.q || undefined, more ? this.nextCursor : null));
    if (!page) return;
    this.rows = more ? [...(this.rows ?? []), ...page.products] : page.products;
    this.nextCursor = page.nextCursor;
  }

  async #moreContent() {
    const c = this.content;
    if (!c?.nextCursor) return;
    const page = await this.attempt(() => api.productContent(this.store, this.product, c.nextCursor));
    if (page) this.content = { ...page, items: [...c.items, ...page.items] };
  }

  override render() {
    return this.product ? this.#renderProduct() : this.#renderList();
  }

  #renderList() {
    const base = `/admin/stores/${encodeURIComponent(this.store)}/products`;
    return html`<div class="page-head">
        <h1>Products</h1>
        <form
          class="search"
          role="search"
          @submit=${(e: Event) => {
            e.preventDefault();
            this.q = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim();
            void this.#search();
          }}
        >
          <label><span class="visually-hidden">Search products</span><input type="search" name="q" placeholder="Search products" .value=${this.q} /></label>
        </form>
      </div>
      ${this.rows === null
        ? html`<p class="empty card">Loading…</p>`
        : this.rows.length === 0
          ? html`<p class="empty card">${this.q ? 'No product matches.' : 'No products yet: they appear with the first order or review, or through the API.'}</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col" class="num">Average</th>
                    <th scope="col" class="num">Reviews</th>
                    <th scope="col" class="num hide-narrow">Verified</th>
                    <th scope="col" class="num">Unanswered</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (p) => html`<tr>
                      <td><a href="${base}/${encodeURIComponent(p.id)}">${p.name}</a><div class="id muted">${p.id}</div></td>
                      <td class="num">
                        ${p.averageRating
                          ? html`<span class="stars hide-narrow" aria-hidden="true">${starsText(Math.round(p.averageRating))}</span> ${p.averageRating.toFixed(1)}`
                          : '–'}
                      </td>
                      <td class="num">${p.reviewCount ?? '–'}</td>
                      <td class="num hide-narrow">${percent(p.verifiedShare)}</td>
                      <td class="num">${p.unansweredQuestions ?? '–'}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      ${this.nextCursor ? html`<button class="more" @click=${() => this.#search(true)} ?disabled=${this.busy}>Show more</button>` : nothing}`;
  }

  #renderProduct() {
    const c = this.content;
    const entry = (item: InboxItem) => html`<article class="entry card">
      ${itemDetail(item)}
      ${item.reply ? html`<div class="reply"><strong>Your reply</strong><div class="markdown">${safeHtml(item.reply.bodyHtml, item.reply.body)}</div></div>` : nothing}
      ${item.answers?.length ? html`<div class="reply"><strong>Your answer</strong><div class="markdown">${safeHtml(item.answers[0]!.bodyHtml, item.answers[0]!.body)}</div></div>` : nothing}
    </article>`;
    const section = (kind: 'review' | 'question', title: string) => {
      const items = c!.items.filter((i) => i.kind === kind);
      return html`<section aria-labelledby="${kind}-title">
        <h2 id="${kind}-title">${title} (${items.length}${c!.nextCursor ? '+' : ''})</h2>
        ${items.length ? items.map(entry) : html`<p class="empty card">None yet.</p>`}
      </section>`;
    };
    return html`<p><a href="/admin/stores/${encodeURIComponent(this.store)}/products">← All products</a></p>
      <div class="page-head"><h1>${c?.product.name ?? this.product}</h1></div>
      ${c === null
        ? html`<p class="empty card">Loading…</p>`
        : html`<p class="muted">
              ${c.product.reviewCount} published reviews · average ${c.product.averageRating?.toFixed(1) ?? '–'} · ${percent(c.product.verifiedShare)} verified ·
              ${c.product.unansweredQuestions} unanswered questions
            </p>
            ${section('review', 'Reviews')} ${section('question', 'Questions')}
            ${c.nextCursor ? html`<button class="more" @click=${this.#moreContent} ?disabled=${this.busy}>Show more</button>` : nothing}`}`;
  }
}

define('verity-admin-products', AdminProducts);
