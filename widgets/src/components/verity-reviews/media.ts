/**
 * What <verity-reviews> shows of photos and video: the "with photos" filter
 * and each review's thumbnails, which open the lightbox. A chunk of its own,
 * imported once the summary counts reviews with media (`mediaCount`) or a
 * page of reviews has some, so a product page without any never downloads it.
 */
import { html, nothing } from 'lit';
import type { Review, Summary } from '../../api';
import { t } from '../../i18n';
import { adoptMediaStyles, loadMediaMessages, openLightbox, thumbnail, type Slide } from '../../lightbox';
// Unused here, and imported all the same: esbuild gives each set of importers its own shared chunk, and a
// media chunk that took Lit without these would cut the product page's shared chunk in two (+500 B gzip, measured).
import '../../shared-chunk';

/** The part of <verity-reviews> the media code works with. */
export interface MediaHost extends HTMLElement {
  renderRoot: HTMLElement | DocumentFragment;
  summary: Summary | undefined;
  withMedia: boolean;
  media: MediaView | undefined;
  load(reset: boolean): Promise<void>;
  requestUpdate(): void;
}

/** What the host renders with, once attached. */
export interface MediaView {
  filter: (host: MediaHost) => unknown;
  thumbs: (host: MediaHost, r: Review) => unknown;
}

/** Puts the media code in `host` once its words are in, and renders it; again is a no-op. */
export async function attach(host: MediaHost): Promise<void> {
  if (host.media) return;
  await loadMediaMessages();
  adoptMediaStyles(host.renderRoot as ShadowRoot);
  host.media = { filter, thumbs };
  host.requestUpdate();
}

/** The "with photos" checkbox beside "verified buyers only", while the summary counts reviews with media. */
export const filter = (host: MediaHost) =>
  !(host.summary as { mediaCount?: number } | undefined)?.mediaCount
    ? nothing
    : html`<label class="check"
    ><input
      type="checkbox"
      .checked=${host.withMedia}
      @change=${(e: Event) => {
        host.withMedia = (e.target as HTMLInputElement).checked;
        void host.load(true);
      }}
    />
    ${t('withPhotos')}</label
  >`;

const slides = (r: Review): Slide[] =>
  r.media.map((m, i, all) => ({ ...m, alt: m.kind === 'video' ? t('videoAlt', { name: r.author.name }) : t('photoAlt', { n: i + 1, count: all.length, name: r.author.name }) }));

/** A review's thumbnails: buttons that open the lightbox at that photo. */
export function thumbs(host: MediaHost, r: Review) {
  const media = r.media;
  if (!media.length) return nothing;
  const all = slides(r);
  return html`<ul class="thumbs">
    ${media.map(
      (m, i) =>
        html`<li>
          <button type="button" class="thumb" @click=${(e: Event) => openLightbox(host.renderRoot as ShadowRoot, all, i, e.currentTarget as HTMLElement)}>${thumbnail(m, all[i]!.alt)}</button>
        </li>`,
    )}
  </ul>`;
}
