import { scriptOrigin, summary, type Summary } from '../../summaries';
import { styles } from './verity-stars.styles';

/** [many, one, none]: the label for screen readers, per language (kept tiny: no catalogue loads here). */
const labels: Record<string, [string, string, string]> = {
  en: ['{avg} out of 5 stars, {count} reviews', '{avg} out of 5 stars, {count} review', 'No reviews yet'],
  de: ['{avg} von 5 Sternen, {count} Bewertungen', '{avg} von 5 Sternen, {count} Bewertung', 'Noch keine Bewertungen'],
  fr: ['{avg} sur 5 étoiles, {count} avis', '{avg} sur 5 étoiles, {count} avis', 'Pas encore d’avis'],
  es: ['{avg} de 5 estrellas, {count} reseñas', '{avg} de 5 estrellas, {count} reseña', 'Aún no hay reseñas'],
  ja: ['5つ星中{avg}、レビュー{count}件', '5つ星中{avg}、レビュー{count}件', 'レビューはまだありません'],
};

// One stylesheet and one template for every badge on the page: a collection page has dozens.
const sheet = new CSSStyleSheet();
sheet.replaceSync(styles);
const template = document.createElement('template');
// The markup <verity-reviews> draws with Lit (its stars.ts): five stars filled to a rating with CSS, no icon font or SVG.
template.innerHTML =
  '<a part="base"><span class="stars" role="img" part="rating"><span class="stars-fill" aria-hidden="true">★★★★★</span><span aria-hidden="true">★★★★★</span></span><span class="count"></span></a>';

/** A badge's shadow root, with the shared sheet and a copy of the template; returns its link. */
function shadow(host: HTMLElement): HTMLAnchorElement {
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  root.append(template.content.cloneNode(true));
  return root.firstChild as HTMLAnchorElement;
}

/**
 * A product's average and review count, for product cards and collection
 * pages, or "No reviews yet" (never five empty stars, which read as a rating
 * of zero). Every star badge on a page shares one batched summaries request,
 * and each asks again when a review of its product is published on the page
 * (it listens for `verity-review-submitted` on the document). A plain
 * HTMLElement, free of Lit, the shared element base and message catalogues,
 * so a collection page loads verity.js and the summaries batcher only
 * (budget: 5 KB gzip). Attributes and properties are one: setting either
 * re-renders, and a change of store, product or api fetches again.
 *
 * @summary A product's star rating and review count, linking to its reviews.
 * @fires verity-loaded - The summary arrived; `detail: { product }`.
 * @csspart base - The link around the stars and the count.
 * @csspart rating - The stars.
 * @cssprop --verity-star-color - Filled stars.
 * @cssprop --verity-border - Empty stars.
 * @cssprop --verity-muted - The count.
 */
export class VerityStars extends HTMLElement {
  /** VerityElement.define, written out: this element is free of the base (see above). */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  static observedAttributes = ['store', 'product', 'api', 'locale', 'href', 'theme'];

  // Each attribute is also a property that reads and writes it, as on the browser's own elements.
  static {
    const fallback: Record<string, string> = { href: '#reviews', theme: 'auto' };
    for (const name of this.observedAttributes)
      Object.defineProperty(this.prototype, name, {
        get(this: HTMLElement) {
          return this.getAttribute(name) ?? fallback[name] ?? '';
        },
        set(this: HTMLElement, value: string) {
          this.setAttribute(name, value);
        },
      });
  }

  // Declared only: a field of the class's own would hide the accessors.
  /**
   * The store's id in Verity.
   * @attr
   */
  public declare store: string;
  /**
   * The product's id: the one the store's platform uses.
   * @attr
   */
  public declare product: string;
  /**
   * Verity's base URL; by default, where verity.js came from.
   * @attr
   */
  public declare api: string;
  /**
   * A language tag (en, de, fr, es, ja); by default the page's `<html lang>`.
   * @attr
   */
  public declare locale: string;
  /**
   * Where the badge links to: the product page's reviews.
   * @attr
   * @default '#reviews'
   */
  public declare href: string;
  /**
   * `auto` (the page's `color-scheme`), `light` or `dark`.
   * @attr
   * @default 'auto'
   */
  public declare theme: string;

  #data: Summary | undefined;
  /** Store, product or api changed since the last fetch. */
  #stale = false;
  #queued = false;
  readonly #link = shadow(this);
  readonly #stars = this.#link.firstChild as HTMLElement;

  attributeChangedCallback(name: string): void {
    if (name === 'store' || name === 'product' || name === 'api') this.#stale = true;
    this.#update();
  }

  /** A review published anywhere on the page: the badges of its product ask for their summary again, past every cache. */
  #published = (e: DocumentEventMap['verity-review-submitted']) => {
    if (e.detail.status === 'published' && e.detail.product === this.product) this.#load(true);
  };

  connectedCallback(): void {
    // A storefront's script may have set a property before this class was defined: that value
    // hides the accessor, so it goes through the setter instead (as Lit does).
    const props = this as unknown as Record<string, string>;
    for (const name of VerityStars.observedAttributes) {
      if (!Object.hasOwn(this, name)) continue;
      const value = props[name]!;
      delete props[name];
      props[name] = value;
    }
    document.addEventListener('verity-review-submitted', this.#published);
    this.#update();
  }

  disconnectedCallback(): void {
    document.removeEventListener('verity-review-submitted', this.#published);
  }

  /**
   * Renders (and fetches, if needed) once per microtask, as Lit would: the attributes a parser or
   * a script sets one after another make one fetch, and every badge upgraded together asks in the
   * same tick, so summaries.ts batches them into one request. Not before the badge is on the page.
   */
  #update(): void {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.isConnected) return; // connectedCallback asks again
      if (this.#stale) {
        this.#stale = false;
        this.#data = undefined;
        this.#load();
      }
      this.#render();
    });
  }

  #load(fresh?: boolean): void {
    const { store, product } = this;
    if (!store || !product) return;
    summary((this.api || scriptOrigin).replace(/\/$/, ''), store, product, fresh).then(
      (s) => {
        if (product !== this.product) return; // switched meanwhile
        this.#data = s;
        this.#render();
        this.dispatchEvent(new CustomEvent('verity-loaded', { detail: { product }, bubbles: true, composed: true }));
      },
      () => {
        if (product !== this.product) return;
        this.#data = undefined;
        this.#render();
      },
    );
  }

  #render(): void {
    const lang = (this.locale || document.documentElement.lang || 'en').toLowerCase().split('-')[0]!;
    const [many, one, none] = labels[lang] ?? labels.en!;
    const s = this.#data;
    const label = s && new Intl.PluralRules(lang).select(s.count) === 'one' ? one : many;
    const avg = s ? new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(s.average) : '';
    // Stars are drawn at once (empty) so nothing moves when the numbers arrive; with no reviews, only the words.
    const zero = s?.count === 0;
    const link = this.#link;
    const stars = this.#stars;
    const count = link.lastChild as HTMLElement;
    link.setAttribute('href', this.href);
    if (zero) stars.remove();
    else if (!stars.parentNode) link.insertBefore(stars, count);
    stars.setAttribute('aria-label', s ? label.replace('{avg}', avg).replace('{count}', String(s.count)) : '…');
    // The CSSOM, not a style attribute: a store's CSP may forbid inline styles.
    (stars.firstChild as HTMLElement).style.width = `${Math.max(0, Math.min(100, ((s?.average ?? 0) / 5) * 100))}%`;
    count.setAttribute('aria-hidden', String(!zero));
    count.textContent = s ? (s.count ? `${avg} (${s.count})` : none) : '\u00a0';
  }
}

VerityStars.define('verity-stars');

declare global {
  interface HTMLElementTagNameMap {
    'verity-stars': VerityStars;
  }
}
