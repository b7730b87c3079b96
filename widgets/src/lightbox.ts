/**
 * The photo viewer that <verity-reviews> and <verity-gallery> open from a
 * thumbnail: a modal <dialog> in the element's shadow root, so the page
 * behind is inert and screen readers hear only the photo, its alt text and
 * the controls. Tab stays inside, Escape closes, ArrowLeft/ArrowRight step
 * through the set, and focus goes back to the thumbnail that opened it. Its
 * words (locales/media/) and styles come with it, on pages that have media.
 */
import { css, html, render } from 'lit';
import type { Media } from './api-media';
import { addMessages, t } from './i18n';
import { enMedia } from './locales/media/en';

export interface Slide extends Pick<Media, 'kind' | 'url' | 'posterUrl' | 'width' | 'height' | 'contentType'> {
  /** What the photo shows, for those who cannot see it: whose review, which of how many. */
  alt: string;
}

let loading: Promise<void> | undefined;

/**
 * The media words, joined to the page's catalogue before the first thumbnail
 * renders; asked for then, not when this module loads: a <verity-gallery> far
 * down the page fetches its language's words only once it has photos to show.
 */
export const loadMediaMessages = (): Promise<void> =>
  (loading ??= addMessages(enMedia, {
    de: () => import('./locales/media/de'),
    fr: () => import('./locales/media/fr'),
    es: () => import('./locales/media/es'),
    ja: () => import('./locales/media/ja'),
    // A translation that cannot load leaves the English words, and is asked for again next time.
  }).catch(() => {
    loading = undefined;
  }));

const styles = css`
  dialog.lightbox { max-width: min(96vw, 72rem); max-height: 96vh; padding: 0.75rem; border: 0; border-radius: var(--_radius); background: light-dark(#fff, #111827); color: var(--_text); }
  dialog.lightbox::backdrop { background: rgb(0 0 0 / 0.8); }
  .lightbox figure { margin: 0; display: grid; gap: 0.5rem; justify-items: center; }
  .lightbox img, .lightbox video { max-width: 100%; max-height: calc(96vh - 7rem); width: auto; height: auto; object-fit: contain; }
  .lightbox .bar { display: flex; gap: 0.5rem; align-items: center; justify-content: space-between; margin-top: 0.5rem; }
  .lightbox button { min-height: 2.75rem; min-width: 2.75rem; }
`;

/** The thumbnail's image (a video shows its poster), sized by the media's own aspect so nothing moves as it loads. */
export const thumbnail = (m: Pick<Media, 'thumbnailUrl' | 'posterUrl' | 'kind' | 'width' | 'height'>, alt: string) =>
  html`<img src=${m.kind === 'video' ? (m.posterUrl ?? '') : m.thumbnailUrl} alt=${alt} width=${m.width} height=${m.height} loading="lazy" decoding="async" />${m.kind === 'video' ? html`<span class="play" aria-hidden="true">▶</span>` : ''}`;

/** The lightbox's styles and the thumbnails' (a square grid of buttons), for a shadow root that shows media. */
export const thumbStyles = css`
  .thumbs { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 0; padding: 0; list-style: none; }
  .thumb { position: relative; display: block; width: 5rem; height: 5rem; padding: 0; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; background: none; }
  .thumb img { display: block; width: 100%; height: 100%; object-fit: cover; }
  .thumb .play { position: absolute; inset: 0; display: grid; place-items: center; color: #fff; font-size: 1.5rem; text-shadow: 0 0 4px #000; }
`;

function adopt(root: ShadowRoot) {
  for (const sheet of [styles.styleSheet, thumbStyles.styleSheet]) if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Adopts the thumbnails' styles into an element's shadow root (a constructed sheet: a store's CSP may forbid inline styles). */
export const adoptMediaStyles = adopt;

/**
 * Opens `slides` at `index` over the page; closing gives focus back to `opener`.
 *
 * @example openLightbox(this.renderRoot as ShadowRoot, slides, 0, button);
 */
export function openLightbox(root: ShadowRoot, slides: Slide[], index: number, opener: HTMLElement): void {
  adopt(root);
  root.querySelector('dialog.lightbox')?.remove();
  const dialog = document.createElement('dialog');
  dialog.className = 'lightbox';
  let at = index;
  const go = (step: number) => {
    at = (at + step + slides.length) % slides.length;
    draw();
    // The button pressed may have gone (one slide left): keep focus in the dialog.
    if (!dialog.contains(root.activeElement)) dialog.querySelector<HTMLElement>('button')?.focus();
  };
  const close = () => dialog.close();
  const draw = () => {
    const s = slides[at]!;
    dialog.setAttribute('aria-label', `${t('viewer')}: ${s.alt}`);
    render(
      html`<figure>
          ${s.kind === 'video'
            ? html`<video src=${s.url} poster=${s.posterUrl ?? ''} controls playsinline aria-label=${s.alt} width=${s.width} height=${s.height}></video>`
            : html`<img src=${s.url} alt=${s.alt} width=${s.width} height=${s.height} />`}
          <figcaption>${s.alt}</figcaption>
        </figure>
        <div class="bar">
          ${slides.length > 1 ? html`<button type="button" class="link-button" @click=${() => go(-1)}>← ${t('previous')}</button>` : ''}
          <span aria-live="polite">${slides.length > 1 ? t('position', { n: at + 1, count: slides.length }) : ''}</span>
          ${slides.length > 1 ? html`<button type="button" class="link-button" @click=${() => go(1)}>${t('next')} →</button>` : ''}
          <button type="button" class="link-button" data-close @click=${close}>${t('close')}</button>
        </div>`,
      dialog,
    );
  };
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      // A playing video's own controls take the arrows (seeking).
      if (e.target instanceof HTMLVideoElement) return;
      e.preventDefault();
      go((e.key === 'ArrowRight') === (getComputedStyle(dialog).direction !== 'rtl') ? 1 : -1);
    } else if (e.key === 'Tab') {
      // A modal dialog makes the page inert, but Tab would still leave for the browser's own toolbar: cycle inside.
      const stops = [...dialog.querySelectorAll<HTMLElement>('button, video')];
      const i = stops.indexOf(root.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? stops.length - 1 : i - 1) : i === stops.length - 1 ? 0 : i + 1;
      e.preventDefault();
      stops[next]?.focus();
    }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });
  // Before the element's own rendering, which Lit may replace whole (a snippet giving way to the list).
  root.prepend(dialog);
  draw();
  dialog.showModal();
  dialog.querySelector<HTMLElement>('[data-close]')?.focus();
}
