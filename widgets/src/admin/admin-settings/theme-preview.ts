/**
 * `<verity-admin-theme-preview store>`: the store's real `<verity-stars>` and
 * `<verity-reviews>`, loaded from /widgets/verity.js as a storefront loads
 * them, with a theme and an accent colour to try. verity.js finds its tags in
 * the document (not inside shadow roots), so the widgets live in the
 * document, as children of the outermost dashboard element, and are slotted
 * down to here.
 */
import { css, html, LitElement } from 'lit';
import { api } from '../api';
import { define } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-theme-preview': ThemePreview;
  }
}

export const PREVIEW_SLOT = 'verity-preview';
const WIDGETS = '/widgets/verity.js';

export class ThemePreview extends LitElement {
  static override properties = {
    store: { type: String },
    shown: { state: true },
    theme: { state: true },
    accent: { state: true },
    product: { state: true },
  };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .controls {
        margin-bottom: 0.75rem;
      }
      .controls label {
        display: inline-flex;
        gap: 0.4rem;
        align-items: center;
      }
      input[type='color'] {
        width: 2.5rem;
        padding: 0.1rem;
      }
      .stage {
        border: 1px solid var(--verity-admin-border);
        border-radius: var(--verity-admin-radius);
        overflow: hidden;
      }
    `,
  ];

  declare store: string;
  declare theme: 'auto' | 'light' | 'dark';
  declare accent: string;
  declare product: string | null;
  /** Loaded on request: verity.js is a storefront script, with nothing to do on other visits to the settings. */
  declare shown: boolean;
  #holder: HTMLElement | null = null;

  constructor() {
    super();
    this.store = '';
    this.theme = 'light';
    this.accent = '#4f46e5';
    this.product = null;
    this.shown = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#holder?.remove();
    this.#holder = null;
  }

  async #show() {
    this.shown = true;
    const page = await api.products(this.store, undefined, null, 1).catch(() => null);
    this.product = page?.products[0]?.id ?? '';
    if (!this.product || !this.isConnected) return;
    // The outermost host: its light DOM is the document's, where verity.js looks.
    let host: HTMLElement = this;
    for (let root = host.getRootNode(); root instanceof ShadowRoot; root = host.getRootNode()) host = root.host as HTMLElement;
    const holder = document.createElement('div');
    holder.slot = PREVIEW_SLOT;
    holder.innerHTML = '<p><verity-stars></verity-stars></p><verity-reviews page-size="2"></verity-reviews>';
    holder.querySelectorAll('verity-stars, verity-reviews').forEach((el) => {
      el.setAttribute('store', this.store);
      el.setAttribute('product', this.product!);
    });
    this.#holder = holder;
    this.#apply();
    host.appendChild(holder);
    await import(/* @vite-ignore */ WIDGETS as string).catch(() => undefined);
  }

  /** Theme and colours through the CSSOM: the dashboard's CSP allows no inline style attribute. */
  #apply() {
    const holder = this.#holder;
    if (!holder) return;
    holder.style.padding = '1rem';
    holder.style.colorScheme = this.theme === 'auto' ? 'light dark' : this.theme;
    holder.style.background = this.theme === 'dark' ? '#111827' : this.theme === 'light' ? '#ffffff' : 'Canvas';
    holder.style.color = this.theme === 'dark' ? '#f3f4f6' : this.theme === 'light' ? '#1f2937' : 'CanvasText';
    holder.style.setProperty('--verity-accent', this.accent);
    holder.querySelectorAll('verity-stars, verity-reviews').forEach((el) => el.setAttribute('theme', this.theme));
  }

  override updated(): void {
    this.#apply();
  }

  override render() {
    if (!this.shown)
      return html`<p class="row"><button @click=${this.#show}>Show the preview</button> <span class="muted">your store's reviews, as the real widgets show them</span></p>`;
    if (this.product === '') return html`<p class="muted">The preview shows a product's reviews: there are no products yet.</p>`;
    return html`<div class="controls row">
        <label
          >Theme
          <select @change=${(e: Event) => (this.theme = (e.target as HTMLSelectElement).value as ThemePreview['theme'])}>
            <option value="light" ?selected=${this.theme === 'light'}>Light</option>
            <option value="dark" ?selected=${this.theme === 'dark'}>Dark</option>
            <option value="auto" ?selected=${this.theme === 'auto'}>Follow the page</option>
          </select></label
        >
        <label>Accent <input type="color" .value=${this.accent} @input=${(e: Event) => (this.accent = (e.target as HTMLInputElement).value)} /></label>
        <span class="muted">Set on your pages with the CSS property <code>--verity-accent</code> and the <code>theme</code> attribute.</span>
      </div>
      <div class="stage"><slot name=${PREVIEW_SLOT}></slot></div>`;
  }
}

define('verity-admin-theme-preview', ThemePreview);
