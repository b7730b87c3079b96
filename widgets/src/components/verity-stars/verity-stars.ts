import { html, LitElement, type PropertyValues } from 'lit';
import { scriptOrigin, summary, type Summary } from '../../summaries';
import { styles } from './verity-stars.styles';

/*
 * The star drawing lives here rather than in a module of its own so that a
 * product page's <verity-reviews> reuses this chunk (which the page loads for
 * its star badge anyway) instead of fetching one more small file.
 */

/** Five stars filled to a rating, drawn with CSS so no icon font or SVG is needed. */
export function stars(rating: number, label: string) {
  const pct = Math.max(0, Math.min(100, (rating / 5) * 100));
  return html`<span class="stars" role="img" aria-label=${label} part="rating"
    ><span class="stars-fill" style="width:${pct}%" aria-hidden="true">★★★★★</span
    ><span aria-hidden="true">★★★★★</span></span
  >`;
}

/** [many, one, none]: the label for screen readers, per language (kept tiny: no catalogue loads here). */
const labels: Record<string, [string, string, string]> = {
  en: ['{avg} out of 5 stars, {count} reviews', '{avg} out of 5 stars, {count} review', 'No reviews yet'],
  de: ['{avg} von 5 Sternen, {count} Bewertungen', '{avg} von 5 Sternen, {count} Bewertung', 'Noch keine Bewertungen'],
  fr: ['{avg} sur 5 étoiles, {count} avis', '{avg} sur 5 étoiles, {count} avis', 'Pas encore d’avis'],
  es: ['{avg} de 5 estrellas, {count} reseñas', '{avg} de 5 estrellas, {count} reseña', 'Aún no hay reseñas'],
  ja: ['5つ星中{avg}、レビュー{count}件', '5つ星中{avg}、レビュー{count}件', 'レビューはまだありません'],
};

/**
 * A product's average and review count, for product cards and collection
 * pages, or "No reviews yet" (never five empty stars, which read as a rating
 * of zero). Every star badge on a page shares one batched summaries request,
 * and each asks again when a review of its product is published on the page
 * (it listens for `verity-review-submitted` on the document). Deliberately
 * free of the shared element base and message catalogues, so a collection
 * page loads Lit and this file only (budget: 8 KB gzip).
 *
 * @summary A product's star rating and review count, linking to its reviews.
 * @fires verity-loaded - The summary arrived; `detail: { product }`.
 * @csspart base - The link around the stars and the count.
 * @csspart rating - The stars.
 * @cssprop --verity-star-color - Filled stars.
 * @cssprop --verity-border - Empty stars.
 * @cssprop --verity-muted - The count.
 */
export class VerityStars extends LitElement {
  /** VerityElement.define, written out: this element is free of the base (see above). */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  static override properties = {
    store: { type: String },
    product: { type: String },
    api: { type: String },
    locale: { type: String },
    href: { type: String },
    theme: { type: String, reflect: true },
    data: { state: true },
  };

  static override styles = styles;

  /** The store's id in Verity. */
  declare store: string;
  /** The product's id: the one the store's platform uses. */
  declare product: string;
  /** Verity's base URL; by default, where verity.js came from. */
  declare api: string;
  /** A language tag (en, de, fr, es, ja); by default the page's `<html lang>`. */
  declare locale: string;
  /** Where the badge links to: the product page's reviews. */
  declare href: string;
  /** `auto` (the page's `color-scheme`), `light` or `dark`. */
  declare theme: string;
  declare data: Summary | undefined;

  constructor() {
    super();
    this.store = this.product = this.api = this.locale = '';
    this.href = '#reviews';
    this.theme = 'auto';
  }

  /** A review published anywhere on the page: the badges of its product ask for their summary again, past every cache. */
  #published = (e: DocumentEventMap['verity-review-submitted']) => {
    if (e.detail.status === 'published' && e.detail.product === this.product) this.load(true);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('verity-review-submitted', this.#published);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('verity-review-submitted', this.#published);
  }

  // Fetched before the first render and again if store, product or api change (single-page storefronts).
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!(changed.has('store') || changed.has('product') || changed.has('api'))) return;
    this.data = undefined;
    this.load();
  }

  private load(fresh?: boolean) {
    if (!this.store || !this.product) return;
    const product = this.product;
    summary((this.api || scriptOrigin).replace(/\/$/, ''), this.store, product, fresh).then(
      (s) => {
        if (product !== this.product) return; // switched meanwhile
        this.data = s;
        this.dispatchEvent(new CustomEvent('verity-loaded', { detail: { product: this.product }, bubbles: true, composed: true }));
      },
      () => (this.data = undefined),
    );
  }

  protected override render() {
    const lang = (this.locale || document.documentElement.lang || 'en').toLowerCase().split('-')[0]!;
    const [many, one, none] = labels[lang] ?? labels.en!;
    const s = this.data;
    const label = s && new Intl.PluralRules(lang).select(s.count) === 'one' ? one : many;
    const avg = s ? new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(s.average) : '';
    // Stars are drawn at once (empty) so nothing moves when the numbers arrive; with no reviews, only the words.
    const zero = s?.count === 0;
    return html`<a part="base" href=${this.href}
      >${zero ? '' : stars(s?.average ?? 0, s ? label.replace('{avg}', avg).replace('{count}', String(s.count)) : '…')}<span class="count" aria-hidden=${!zero}
        >${s ? (s.count ? `${avg} (${s.count})` : none) : '\u00a0'}</span
      ></a
    >`;
  }
}

VerityStars.define('verity-stars');

declare global {
  interface HTMLElementTagNameMap {
    'verity-stars': VerityStars;
  }
}
