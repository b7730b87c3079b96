/**
 * `<verity-admin-emails store member-role>`: the owner edits the subject and
 * text of each buyer email kind per language, with a live preview the server
 * renders (so it is the email buyers get), and can go back to the built-in text.
 * The preview shows the HTML part in an `<iframe sandbox>` (no scripts, an
 * opaque origin) loaded from the server (GET …/email-templates/preview.html),
 * which gives it a CSP of its own: its inline styles would break the
 * dashboard's strict one (style-src 'self'), which an srcdoc or blob: frame
 * inherits. The text part is below it. The text is plain: placeholders come
 * from the kind's fixed list, and the server escapes what the merchant writes.
 */
import { css, html, nothing } from 'lit';
import { api, type EmailPreview, type EmailTemplate } from '../api';
import { AdminPage, define } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-emails': AdminEmails;
  }
}

const kindLabels: Record<EmailTemplate['kind'], string> = {
  request: 'Review request',
  reminder: 'Reminder',
  askBuyer: 'Question to a past buyer',
  answered: 'Your question was answered',
};
const localeLabels: Record<EmailTemplate['locale'], string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ja: '日本語' };

/** Well under the 16 KB of request line and headers Node and Cloudflare accept. */
const MAX_PREVIEW_URL = 12_000;

export class AdminEmails extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    templates: { state: true },
    kind: { state: true },
    locale: { state: true },
    subject: { state: true },
    body: { state: true },
    preview: { state: true },
    previewError: { state: true },
    previewHtmlUrl: { state: true },
  };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .editor {
        display: grid;
        gap: 1rem;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
      @media (max-width: 56rem) {
        .editor {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      label {
        display: block;
        margin-top: 0.5rem;
      }
      input,
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
      textarea {
        min-height: 12rem;
      }
      .preview-frame {
        display: block;
        width: 100%;
        height: 36rem;
        border: 1px solid var(--verity-admin-border, #d1d5db);
        border-radius: 0.5rem;
        background: #fff;
      }
      .preview-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font: 0.875rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      }
      code {
        font: 0.8125rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      }
    `,
  ];

  declare templates: EmailTemplate[] | null;
  declare kind: EmailTemplate['kind'];
  declare locale: EmailTemplate['locale'];
  declare subject: string;
  declare body: string;
  declare preview: EmailPreview | null;
  declare previewError: string;
  declare previewHtmlUrl: string;
  #loaded = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.templates = null;
    this.kind = 'request';
    this.locale = 'en';
    this.subject = '';
    this.body = '';
    this.preview = null;
    this.previewError = '';
    this.previewHtmlUrl = '';
  }

  override willUpdate(): void {
    if (this.store && this.#loaded !== this.store) {
      this.#loaded = this.store;
      void this.#load();
    }
  }

  get #current(): EmailTemplate | undefined {
    return this.templates?.find((t) => t.kind === this.kind && t.locale === this.locale);
  }

  async #load() {
    const r = await this.attempt(() => api.emailTemplates(this.store));
    if (!r) return;
    this.templates = r.templates;
    this.#pick(this.kind, this.locale);
  }

  #pick(kind: EmailTemplate['kind'], locale: EmailTemplate['locale']) {
    this.kind = kind;
    this.locale = locale;
    const t = this.#current;
    this.subject = t?.subject ?? '';
    this.body = t?.body ?? '';
    void this.#preview();
  }

  #replace(saved: EmailTemplate) {
    this.templates = (this.templates ?? []).map((t) => (t.kind === saved.kind && t.locale === saved.locale ? saved : t));
    this.#pick(saved.kind, saved.locale);
  }

  /** Typing waits a moment before asking, so a sentence is one request, not one per key. */
  #edited() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#preview(), 300);
  }

  async #preview() {
    const input = { kind: this.kind, locale: this.locale, subject: this.subject, body: this.body };
    try {
      this.preview = await api.previewEmail(this.store, input);
      this.previewError = '';
      // Asked only for wording the server just accepted; a text past what a URL carries (servers take 16 KB) keeps the text part alone.
      const url = api.previewEmailHtmlUrl(this.store, input);
      this.previewHtmlUrl = url.length <= MAX_PREVIEW_URL ? url : '';
    } catch (err) {
      this.previewError = err instanceof Error ? err.message : String(err);
    }
  }

  async #save(e: Event) {
    e.preventDefault();
    const saved = await this.attempt(
      () => api.putEmailTemplate(this.store, this.kind, this.locale, { subject: this.subject, body: this.body }),
      `Saved: ${kindLabels[this.kind]} (${localeLabels[this.locale]})`,
    );
    if (saved) this.#replace(saved);
  }

  async #reset() {
    const reset = await this.attempt(() => api.resetEmailTemplate(this.store, this.kind, this.locale), 'Back to the built-in text');
    if (reset) this.#replace(reset);
  }

  override render() {
    const current = this.#current;
    return html`<div class="page-head"><h1>Emails</h1></div>
      ${this.templates === null
        ? html`<p class="empty card">Loading…</p>`
        : html`<div class="row">
              <label
                >Email
                <select name="kind" @change=${(e: Event) => this.#pick((e.target as HTMLSelectElement).value as EmailTemplate['kind'], this.locale)}>
                  ${Object.entries(kindLabels).map(([k, label]) => html`<option value=${k} ?selected=${this.kind === k}>${label}</option>`)}
                </select></label
              >
              <label
                >Language
                <select name="locale" @change=${(e: Event) => this.#pick(this.kind, (e.target as HTMLSelectElement).value as EmailTemplate['locale'])}>
                  ${Object.entries(localeLabels).map(([l, label]) => html`<option value=${l} ?selected=${this.locale === l}>${label}</option>`)}
                </select></label
              >
              <span class="badge">${current?.custom ? 'Your wording' : 'Built-in wording'}</span>
            </div>
            <div class="editor">
              <form class="card" @submit=${this.#save}>
                <label for="subject">Subject</label>
                <input id="subject" name="subject" .value=${this.subject} @input=${(e: Event) => ((this.subject = (e.target as HTMLInputElement).value), this.#edited())} maxlength="200" required />
                <label for="body">Text</label>
                <textarea id="body" name="body" .value=${this.body} @input=${(e: Event) => ((this.body = (e.target as HTMLTextAreaElement).value), this.#edited())} maxlength="5000" required></textarea>
                <p class="muted">
                  Plain text; a blank line starts a new paragraph. Placeholders: ${current?.placeholders.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`)}. The products, star
                  links and unsubscribe link are added below your text.
                </p>
                <div class="row">
                  <button class="primary" ?disabled=${this.busy}>Save</button>
                  <button type="button" @click=${this.#reset} ?disabled=${this.busy || !current?.custom}>Reset to default</button>
                </div>
              </form>
              <section class="card" aria-label="Preview">
                <h2>Preview</h2>
                ${this.previewError
                  ? html`<p class="error" role="alert">${this.previewError}</p>`
                  : this.preview
                    ? html`<p><strong>Subject:</strong> <span class="preview-subject">${this.preview.subject}</span></p>
                        ${this.previewHtmlUrl
                          ? html`<iframe class="preview-frame" sandbox src=${this.previewHtmlUrl} title="Email preview" referrerpolicy="no-referrer"></iframe>`
                          : html`<p class="muted">This text is too long to show as the HTML email here; the text version follows.</p>`}
                        <details ?open=${!this.previewHtmlUrl}>
                          <summary>Text version</summary>
                          <pre class="preview-text">${this.preview.text}</pre>
                        </details>`
                    : nothing}
              </section>
            </div>`}`;
  }
}

define('verity-admin-emails', AdminEmails);
