import { html, nothing } from 'lit';
import { gallery, type GalleryItem } from '../../api-media';
import { VerityElement } from '../../base/verity-element';
import { errorMessage } from '../../errors';
import { emit } from '../../events';
import { adoptMediaStyles, loadMediaMessages, openLightbox, thumbnail, type Slide } from '../../lightbox';
import '../../shared-chunk';
import { styles } from './verity-gallery.styles';

/**
 * Customer photos and videos from a product's published reviews, or from the
 * whole store's without `product`, newest first, each opening an accessible
 * lightbox (Escape closes it, the arrow keys step through, focus returns to
 * the photo). It asks the API only once it is scrolled near the viewport, so a
 * gallery far down a page costs nothing until a shopper gets there; with no
 * photos at all it shows nothing.
 *
 * @summary A grid of customer photos of a product or of the whole store, with a lightbox.
 * @fires verity-loaded - The first page of photos arrived; `detail: { product, count }` (`product` is empty for the whole store).
 * @csspart base - The whole element.
 * @csspart button - "Show more".
 */
export class VerityGallery extends VerityElement {
  static override properties = {
    ...VerityElement.properties,
    items: { state: true },
    cursor: { state: true },
    busy: { state: true },
    failed: { state: true },
    loaded: { state: true },
  };

  static override styles = styles;

  declare items: GalleryItem[];
  declare cursor: string | null;
  declare busy: boolean;
  /** Why the photos could not be loaded, for the shopper; empty when they were. */
  declare failed: string;
  declare loaded: boolean;
  /** Whether the element has come near the viewport: only then does it ask for data. */
  #seen = false;
  #observer: IntersectionObserver | undefined;
  #generation = 0;

  constructor() {
    super();
    this.pageSize = 12;
    this.items = [];
    this.cursor = null;
    this.busy = false;
    this.failed = '';
    this.loaded = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#seen) return;
    // 200 px early: the first photos are usually there by the time the shopper is.
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.#observer?.disconnect();
        this.#seen = true;
        void this.load(true);
      },
      { rootMargin: '200px' },
    );
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }

  protected override refresh(): void {
    this.items = [];
    this.cursor = null;
    this.loaded = false;
    if (this.#seen) void this.load(true);
  }

  async load(reset: boolean): Promise<void> {
    if (!this.store) return;
    const generation = ++this.#generation;
    this.busy = true;
    try {
      const [page] = await Promise.all([gallery(this.base, this.store, { product: this.product || undefined, limit: this.pageSize, cursor: reset ? null : this.cursor }), loadMediaMessages()]);
      if (generation !== this.#generation) return;
      adoptMediaStyles(this.renderRoot as ShadowRoot);
      this.items = reset ? page.items : [...this.items, ...page.items];
      this.cursor = page.nextCursor;
      this.failed = '';
      if (!this.loaded) emit(this, 'verity-loaded', { product: this.product, count: this.items.length });
      this.loaded = true;
    } catch (err) {
      const message = await errorMessage(err);
      if (generation === this.#generation) this.failed = message;
    } finally {
      if (generation === this.#generation) this.busy = false;
    }
  }

  #slides = (): Slide[] => this.items.map((m) => ({ ...m, alt: this.t(m.kind === 'video' ? 'videoAlt' : 'galleryAlt', { name: m.authorName, rating: m.rating }) }));

  protected override render() {
    if (this.failed) return html`<p role="alert">${this.failed}</p>`;
    if (!this.items.length) return nothing;
    const slides = this.#slides();
    return html`<section part="base" aria-labelledby="verity-gallery-title">
      <h2 id="verity-gallery-title">${this.t('galleryTitle')}</h2>
      <ul class="grid" aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.items.map(
          (m, i) =>
            html`<li>
              <button type="button" class="thumb" @click=${(e: Event) => openLightbox(this.renderRoot as ShadowRoot, slides, i, e.currentTarget as HTMLElement)}>${thumbnail(m, slides[i]!.alt)}</button>
            </li>`,
        )}
      </ul>
      ${this.cursor
        ? html`<p><button class="link-button" part="button" ?disabled=${this.busy} @click=${() => this.load(false)}>${this.busy ? this.t('loading') : this.t('loadMore')}</button></p>`
        : nothing}
    </section>`;
  }
}

VerityGallery.define('verity-gallery');

declare global {
  interface HTMLElementTagNameMap {
    'verity-gallery': VerityGallery;
  }
}
