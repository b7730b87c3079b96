/** What every Verity element shares: configuration attributes, locale and theme. */
import { updateWhenLocaleChanges } from '@lit/localize';
import { css, LitElement, type PropertyValues } from 'lit';
import { scriptOrigin } from '../api';
import { getLocale, intl, resolveLocale, setLocale, t } from '../i18n';

let explicitLocale = false;

export class VerityElement extends LitElement {
  static override properties = {
    store: { type: String },
    product: { type: String },
    api: { type: String },
    locale: { type: String },
    theme: { type: String, reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
  };

  /**
   * Theme tokens; a merchant overrides any of them with CSS. Light or dark
   * comes from the CSS `color-scheme` the element inherits from the page
   * (`theme="auto"`): a page that declares `color-scheme: light dark` gets
   * elements that follow prefers-color-scheme, and a light-only store never
   * shows light text on its white page. `theme="light|dark"` forces one.
   */
  static themeStyles = css`
    :host {
      --_accent: var(--verity-accent, light-dark(#4f46e5, #a5b4fc));
      --_on-accent: var(--verity-on-accent, light-dark(#fff, #111827));
      --_star: var(--verity-star-color, #f59e0b);
      --_text: var(--verity-text, light-dark(#1f2937, #f3f4f6));
      --_muted: var(--verity-muted, light-dark(#4b5563, #c4c9d2));
      --_bg: var(--verity-background, transparent);
      --_border: var(--verity-border, light-dark(#d1d5db, #4b5563));
      --_radius: var(--verity-radius, 8px);
      --_danger: light-dark(#b91c1c, #fca5a5);
      --_success: light-dark(#047857, #6ee7b7);
      color: var(--_text);
      background: var(--_bg);
      font: inherit;
    }
    :host([theme='light']) {
      color-scheme: light;
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
    button {
      font: inherit;
      cursor: pointer;
    }
    :focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    /* On a phone, or wherever a finger points, every control is a 44 px target (WCAG 2.5.5). */
    @media (max-width: 40rem), (pointer: coarse) {
      button,
      select,
      input:not([type='radio'], [type='checkbox']),
      .check {
        min-height: 2.75rem;
      }
    }
  `;

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

/** Registers an element once, even if verity.js is loaded twice on a page. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
