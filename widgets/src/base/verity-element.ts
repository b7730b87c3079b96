import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyValues } from 'lit';
import { scriptOrigin } from '../api';
import { getLocale, intl, resolveLocale, setLocale, t } from '../i18n';

let explicitLocale = false;

/**
 * What every Verity element but <verity-stars> shares: the attributes that say
 * what to show and where from, the locale, and the theme. Its CSS custom
 * properties are the theme tokens a merchant sets on the page; each has a
 * light and a dark default (see base/verity-element.styles.ts).
 *
 * @cssprop --verity-accent - Buttons, links and focus rings.
 * @cssprop --verity-on-accent - Text on the accent colour.
 * @cssprop --verity-star-color - Filled stars and the histogram's bars.
 * @cssprop --verity-text - Text.
 * @cssprop --verity-muted - Secondary text: dates, counts, hints.
 * @cssprop --verity-background - The element's background (transparent by default).
 * @cssprop --verity-border - Borders, separators and empty stars.
 * @cssprop --verity-radius - Corner radius of boxes and buttons.
 */
export class VerityElement extends LitElement {
  /**
   * Registers the element under `tag`, once: where the tag is taken already (a
   * second copy of verity.js on the page, from another build or origin), the
   * first class stays and nothing throws. Each component's module ends with it.
   *
   * @example VerityReviews.define('verity-reviews');
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  static override properties = {
    store: { type: String },
    product: { type: String },
    api: { type: String },
    locale: { type: String },
    theme: { type: String, reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
  };

  /** The store's id in Verity. */
  declare store: string;
  /** The product's id: the one the store's platform uses. */
  declare product: string;
  /** Verity's base URL; by default, where verity.js came from. */
  declare api: string;
  /** A language tag (en, de, fr, es, ja); by default the page's `<html lang>`. The first element with one sets it for the page. */
  declare locale: string;
  /** `auto` (the page's `color-scheme`), `light` or `dark`. */
  declare theme: string;
  /** How many items a page of the list shows. */
  declare pageSize: number;
  /** Messages in the active locale (see i18n.ts). */
  protected readonly t = t;

  constructor() {
    super();
    this.store = '';
    this.product = '';
    this.api = '';
    this.locale = '';
    this.theme = 'auto';
    this.pageSize = 5;
    updateWhenLocaleChanges(this);
  }

  /** The API origin: the `api` attribute, else where verity.js came from. */
  protected get base(): string {
    return (this.api || scriptOrigin).replace(/\/$/, '');
  }

  /**
   * Fetches what the element shows. Runs before the first render and again
   * whenever `store`, `product` or `api` change, so a single-page storefront
   * can reuse one element across product pages.
   */
  protected refresh(): void {}

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('product') || changed.has('api')) this.refresh();
    // One locale per page: an explicit `locale` attribute wins (and switching
    // it switches every element); without one, the page's `<html lang>`.
    if ((changed.has('locale') && this.locale) || (!this.hasUpdated && !explicitLocale)) {
      if (this.locale) explicitLocale = true;
      // A failed locale load (an unreachable chunk) leaves the page in English.
      setLocale(resolveLocale(this.locale)).catch(() => undefined);
    }
  }

  /** The active locale, for Intl and for what the API stores with a review. */
  protected get lang_(): string {
    return getLocale();
  }

  protected formatNumber(n: number, digits = 1): string {
    return intl(`number${digits}`, (l) => new Intl.NumberFormat(l, { maximumFractionDigits: digits, minimumFractionDigits: digits })).format(n);
  }

  protected formatDate(iso: string): string {
    return intl('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(new Date(iso));
  }
}
