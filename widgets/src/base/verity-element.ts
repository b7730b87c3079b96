/** What every Verity element shares: configuration attributes, locale and theme. */
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyValues } from 'lit';
import { scriptOrigin } from '../api';
import { getLocale, intl, resolveLocale, setLocale, t } from '../i18n';

let explicitLocale = false;

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

  declare store: string;
  declare product: string;
  declare api: string;
  declare locale: string;
  declare theme: string;
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
