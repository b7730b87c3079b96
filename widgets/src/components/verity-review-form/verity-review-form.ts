import { html, nothing } from 'lit';
import { ApiFailure, storeConfig, submitLinkReview, submitReview } from '../../api';
import { VerityElement } from '../../base/verity-element';
import { errorMessage, loadActionMessages } from '../../errors';
import { emit } from '../../events';
import { addMessages } from '../../i18n';
import { enForm } from '../../locales/form/en';
import { serverHtml } from '../../server-html';
import type { Challenge } from '../../turnstile';
import { MediaPicker } from './media-picker';
import { styles } from './verity-review-form.styles';

type Errors = Partial<Record<'rating' | 'title' | 'body' | 'media' | 'name' | 'email' | 'form', string>>;

/**
 * An accessible star input (a radio group in the order it is drawn, 1 to 5:
 * Tab enters on the checked star or the first, ArrowRight and ArrowUp raise
 * the rating, ArrowLeft and ArrowDown lower it, Space picks the focused star;
 * screen readers hear "1 star" … "5 stars"), title, Markdown body with a live
 * preview (marked, loaded with the form), name, email (not with a signed
 * `token`), photos and a video (picked or dropped, previewed, re-encoded in
 * the browser and uploaded before the review is sent), a honeypot, inline errors from the API's per-field details, the
 * API's other failures as translated sentences, and submitted/pending states.
 * When the store asks for Cloudflare Turnstile, the challenge shows above the
 * button (in the light DOM, through the `turnstile` slot), and the button
 * waits for its token.
 *
 * @summary The form to write a review, on a product page or behind a review request's link.
 * @fires verity-review-submitted - The API accepted the review; `detail: { id, status, product }`.
 * @csspart form - The form.
 * @csspart button - The submit button.
 * @slot turnstile - Where the Turnstile challenge goes; the form puts it there itself.
 */
export class VerityReviewForm extends VerityElement {
  static override properties = {
    ...VerityElement.properties,
    token: { type: String },
    authorName: { type: String, attribute: 'author-name' },
    rating: { type: Number },
    previewHtml: { state: true },
    errors: { state: true },
    state: { state: true },
  };

  static override styles = styles;

  /** A signed review link's token: the review is then the order's, verified, and asks no email. */
  declare token: string;
  /** A name to start with (the hosted review page passes the order's). */
  declare authorName: string;
  /** The star chosen so far, 0 for none; the hosted page sets the one clicked in the email. */
  declare rating: number;
  declare previewHtml: string;
  declare errors: Errors;
  declare state: 'editing' | 'sending' | 'published' | 'pending';
  #marked: Promise<(md: string) => string> | undefined;
  #challenge: Challenge | undefined;
  #media = new MediaPicker(this, () => ({ api: this.base, store: this.store }));

  constructor() {
    super();
    this.token = '';
    this.authorName = '';
    this.rating = 0;
    this.previewHtml = '';
    this.errors = {};
    this.state = 'editing';
  }

  protected override firstUpdated(): void {
    // A signed link's review is the order's: its endpoint asks no Turnstile token.
    // Imported, not bundled in: <verity-questions> loads it too, and a shared chunk would land on every product page.
    if (!this.token) {
      const waiting = () => loadActionMessages().then(() => this.t('turnstileWaiting'));
      void import('../../turnstile').then((m) => (this.#challenge = m.challenge(this, 'turnstile', this.base, this.store, this.theme, () => this.requestUpdate(), { config: storeConfig, waiting })));
    }
  }

  /** Focuses the star input as Tab would: the checked star, else the first. */
  override focus(): void {
    (this.renderRoot.querySelector<HTMLInputElement>('input[name="rating"]:checked') ?? this.renderRoot.querySelector<HTMLInputElement>('input[name="rating"]'))?.focus();
  }

  /**
   * Arrow keys move along the stars as they are drawn. Native radios would
   * move ArrowUp to the previous star (lower) and wrap from 5 to 1; a rating
   * scale goes up with ArrowUp and stops at its ends.
   */
  private starKey(e: KeyboardEvent) {
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step = ({ ArrowUp: 1, ArrowDown: -1, ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 } as Record<string, number>)[e.key];
    if (!step) return;
    e.preventDefault();
    const n = Math.min(5, Math.max(1, Number((e.target as HTMLInputElement).value) + step));
    const star = this.renderRoot.querySelector<HTMLInputElement>(`#star-${n}`)!;
    star.checked = true;
    star.focus();
    this.rating = n;
  }

  private async preview(markdown: string) {
    // marked is only fetched once someone types, and only on this (already lazy) form.
    this.#marked ??= import('marked').then(({ Marked }) => {
      const m = new Marked({ gfm: true, breaks: true, async: false });
      return (md: string) => m.parse(md.replace(/</g, '&lt;')) as string;
    });
    const render = await this.#marked;
    this.previewHtml = markdown.trim() ? render(markdown) : '';
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.t;
    const errors: Errors = {};
    if (!this.rating) errors.rating = t('errRating');
    if (!field('body')) errors.body = t('errBody');
    if (!field('name')) errors.name = t('errName');
    if (!this.token && !/^[^\s@]+@[^\s@]+$/.test(field('email'))) errors.email = t('errEmail');
    this.errors = errors;
    if (Object.keys(errors).length) return this.focusFirstError();
    this.state = 'sending';
    // Uploads still on their way are waited for; a refused one stops the review until the shopper removes it.
    const media = await this.#media.ids();
    if (!media) {
      this.state = 'editing';
      this.errors = { media: t('errMedia') };
      return this.focusFirstError();
    }
    try {
      const review = {
        rating: this.rating,
        title: field('title') || undefined,
        body: field('body'),
        ...(field('website') ? { website: field('website') } : {}),
        ...(media.length ? { media } : {}),
      };
      const created = this.token
        ? await submitLinkReview(this.base, this.store, this.token, { ...review, name: field('name') })
        : await submitReview(this.base, this.store, this.product, {
            ...review,
            author: { name: field('name'), email: field('email') },
            locale: this.lang_,
            turnstileToken: this.#challenge?.token,
          });
      this.state = created.status === 'published' ? 'published' : 'pending';
      emit(this, 'verity-review-submitted', { id: created.id, status: created.status, product: this.product });
    } catch (err) {
      this.state = 'editing';
      const fieldErrors: Errors = {};
      if (err instanceof ApiFailure) {
        for (const issue of err.error.details?.issues ?? []) {
          // `media.2` (an upload id refused) is the media field's; `author.name` is the name's.
          const path = issue.path.split('.');
          const key = (path[0] === 'media' ? 'media' : (path.pop() ?? 'form')) as keyof Errors;
          fieldErrors[['rating', 'title', 'body', 'media', 'name', 'email'].includes(key) ? key : 'form'] = issue.message;
        }
      }
      if (!Object.keys(fieldErrors).length) fieldErrors[err instanceof ApiFailure && err.error.code === 'INVALID_MEDIA' ? 'media' : 'form'] = await errorMessage(err);
      this.errors = fieldErrors;
      await this.focusFirstError();
    } finally {
      this.#challenge?.reset();
    }
  }

  /** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
  private async focusFirstError() {
    await this.updateComplete;
    const first = (['rating', 'title', 'body', 'media', 'name', 'email'] as const).find((name) => this.errors[name]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  private error(name: keyof Errors) {
    const message = this.errors[name];
    return message ? html`<p class="error" id="error-${name}">${message}</p>` : nothing;
  }

  protected override render() {
    const t = this.t;
    if (this.state === 'published' || this.state === 'pending') {
      return html`<div class="done" role="status">${this.state === 'published' ? t('thanksPublished') : t('thanksPending')}</div>`;
    }
    const described = (name: keyof Errors, extra = '') => [this.errors[name] ? `error-${name}` : '', extra].filter(Boolean).join(' ') || nothing;
    return html`<form part="form" novalidate @submit=${this.submit}>
      <fieldset aria-describedby=${described('rating')}>
        <legend>${t('yourRating')}</legend>
        <div class="stars" @keydown=${this.starKey}>
          ${[1, 2, 3, 4, 5].map(
            (n) => html`<input type="radio" id="star-${n}" name="rating" value=${n} .checked=${this.rating === n} @change=${() => (this.rating = n)} /><label
                for="star-${n}"
                class=${n <= this.rating ? 'on' : ''}
                title=${t(n === 1 ? 'star' : 'stars', { n })}
                ><span aria-hidden="true">★</span><span class="hp">${t(n === 1 ? 'star' : 'stars', { n })}</span></label
              >`,
          )}
        </div>
        ${this.error('rating')}
      </fieldset>
      <label>${t('title')}<input type="text" name="title" maxlength="150" aria-describedby=${described('title')} /></label>
      ${this.error('title')}
      <label
        >${t('body')}<textarea name="body" required maxlength="5000" aria-describedby=${described('body', 'body-hint')} @input=${(e: Event) => this.preview((e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <p class="hint" id="body-hint">${t('bodyHint')}</p>
      ${this.error('body')}
      ${this.previewHtml ? html`<div class="preview" aria-label=${t('preview')}>${serverHtml(this, this.previewHtml, '')}</div>` : nothing}
      ${this.#media.render(this.errors.media)}
      <label>${t('name')}<input type="text" name="name" value=${this.authorName} required maxlength="80" autocomplete="name" aria-describedby=${described('name')} /></label>
      ${this.error('name')}
      ${this.token
        ? nothing
        : html`<label>${t('email')}<input type="email" name="email" required maxlength="254" autocomplete="email" aria-describedby=${described('email')} /></label>${this.error('email')}`}
      <div class="hp" aria-hidden="true"><label>Website<input type="text" name="website" tabindex="-1" autocomplete="off" /></label></div>
      ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
      <slot name="turnstile"></slot>
      <button type="submit" part="button" ?disabled=${this.state === 'sending' || Boolean(this.#challenge?.wait)}>
        ${this.state === 'sending' ? t('sending') : (this.#challenge?.wait ?? t('submit'))}
      </button>
    </form>`;
  }
}

// The form's messages come with it (a product page that never opens it never loads them);
// they are in place before the element exists, so it never flashes English.
await addMessages(enForm, {
  de: () => import('../../locales/form/de'),
  fr: () => import('../../locales/form/fr'),
  es: () => import('../../locales/form/es'),
  ja: () => import('../../locales/form/ja'),
});
VerityReviewForm.define('verity-review-form');

declare global {
  interface HTMLElementTagNameMap {
    'verity-review-form': VerityReviewForm;
  }
}
