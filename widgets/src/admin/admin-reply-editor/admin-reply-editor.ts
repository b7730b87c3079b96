/**
 * `<verity-admin-reply-editor label value>`: Markdown in a textarea with a live
 * preview, for the store's public reply to a review or official answer to a
 * question. The preview is marked's rendering passed through DOMPurify with
 * the widgets' allow-list, so it shows what shoppers will see; the server
 * renders the stored copy itself.
 *
 * @event verity-admin-save - detail `{ body }`: the merchant saved the text
 * @event verity-admin-delete - the merchant removed the existing text
 */
import { css, html, LitElement, nothing } from 'lit';
import { marked } from 'marked';
import { safeHtml } from '../../sanitize';
import { define } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementEventMap {
    'verity-admin-save': CustomEvent<{ body: string }>;
    'verity-admin-delete': CustomEvent<void>;
  }
  interface HTMLElementTagNameMap {
    'verity-admin-reply-editor': AdminReplyEditor;
  }
}

let ids = 0;

export class AdminReplyEditor extends LitElement {
  static override properties = {
    label: { type: String },
    value: { type: String },
    busy: { type: Boolean },
    draft: { state: true },
    editing: { state: true },
  };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .panes {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.75rem;
      }
      @media (max-width: 40rem) {
        .panes {
          grid-template-columns: 1fr;
        }
      }
      textarea {
        min-height: 8rem;
      }
      .preview {
        border: 1px dashed var(--verity-admin-border);
        border-radius: var(--verity-admin-radius);
        padding: 0.4rem 0.6rem;
        min-height: 8rem;
        overflow-wrap: anywhere;
      }
      .label {
        font-weight: 600;
        margin-bottom: 0.25rem;
      }
      .published {
        border-left: 3px solid var(--verity-admin-accent);
        padding: 0.25rem 0.75rem;
        overflow-wrap: anywhere;
      }
      .actions {
        margin-top: 0.5rem;
      }
    `,
  ];

  declare label: string;
  /** The text as stored (empty when there is none yet). */
  declare value: string;
  declare busy: boolean;
  declare draft: string;
  declare editing: boolean;
  readonly #id = `editor-${++ids}`;

  constructor() {
    super();
    this.label = 'Public reply';
    this.value = '';
    this.busy = false;
    this.draft = '';
    this.editing = false;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new value (another item, or the saved text) ends editing and resets the draft.
    if (changed.has('value')) {
      this.draft = this.value;
      this.editing = false;
    }
  }

  /** Opens the editor and puts the caret in it (also the inbox's way in from the keyboard). */
  async edit(): Promise<void> {
    this.editing = true;
    await this.updateComplete;
    this.renderRoot.querySelector('textarea')?.focus();
  }

  #save() {
    const body = this.draft.trim();
    if (!body) return;
    this.dispatchEvent(new CustomEvent('verity-admin-save', { detail: { body }, bubbles: true, composed: true }));
  }

  #delete() {
    this.dispatchEvent(new CustomEvent('verity-admin-delete', { bubbles: true, composed: true }));
  }

  override render() {
    if (!this.editing && this.value) {
      return html`<div class="label">${this.label}</div>
        <div class="published markdown">${safeHtml(marked.parse(this.value, { async: false }), this.value)}</div>
        <div class="row actions">
          <button @click=${() => this.edit()} ?disabled=${this.busy}>Edit ${this.label.toLowerCase()}</button>
          <button class="danger" @click=${this.#delete} ?disabled=${this.busy}>Delete ${this.label.toLowerCase()}</button>
        </div>`;
    }
    if (!this.editing) {
      return html`<button @click=${() => this.edit()} ?disabled=${this.busy}>Write a ${this.label.toLowerCase()}</button>`;
    }
    return html`<div class="panes">
        <div>
          <label class="label" for=${this.#id}>${this.label} (Markdown)</label>
          <textarea
            id=${this.#id}
            .value=${this.draft}
            @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) this.#save();
              if (e.key === 'Escape') this.#cancel();
            }}
            maxlength="5000"
          ></textarea>
        </div>
        <div>
          <div class="label" id="${this.#id}-preview">Preview</div>
          <div class="preview markdown" aria-labelledby="${this.#id}-preview" role="region">
            ${this.draft.trim() ? safeHtml(marked.parse(this.draft, { async: false }), this.draft) : html`<span class="muted">Nothing to show yet.</span>`}
          </div>
        </div>
      </div>
      <div class="row actions">
        <button class="primary" @click=${this.#save} ?disabled=${this.busy || !this.draft.trim()}>${this.value ? 'Save changes' : `Publish ${this.label.toLowerCase()}`}</button>
        <button @click=${this.#cancel} ?disabled=${this.busy}>Cancel</button>
        <span class="muted">Ctrl+Enter saves · shown on the storefront at once</span>
        ${this.value ? html`<button class="danger" @click=${this.#delete} ?disabled=${this.busy}>Delete</button>` : nothing}
      </div>`;
  }

  #cancel = () => {
    this.draft = this.value;
    this.editing = false;
  };
}

define('verity-admin-reply-editor', AdminReplyEditor);
