/**
 * `<verity-admin-outbox store member-role>`: the emails Verity sends for the store
 * (review requests, invitations, notifications): queued, sent or failed with
 * the reason, and a retry for failed ones, one or all.
 */
import { css, html, nothing } from 'lit';
import { api, type OutboxEmail } from '../api';
import { AdminPage, define, formatDate } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-outbox': AdminOutbox;
  }
}

const filters = [
  { value: '', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
] as const;

export class AdminOutbox extends AdminPage {
  static override properties = { ...AdminPage.properties, emails: { state: true }, status: { state: true }, nextCursor: { state: true } };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .reason {
        color: var(--verity-admin-danger);
        font-size: 0.8125rem;
        overflow-wrap: anywhere;
      }
      .to {
        overflow-wrap: anywhere;
      }
      .more {
        margin-top: 0.5rem;
      }
      .filter button[aria-pressed='true'] {
        background: var(--verity-admin-selected);
        border-color: var(--verity-admin-accent);
        font-weight: 600;
      }
    `,
  ];

  declare emails: OutboxEmail[] | null;
  declare status: string;
  declare nextCursor: string | null;
  #loaded = '';

  constructor() {
    super();
    this.emails = null;
    this.status = '';
    this.nextCursor = null;
  }

  override willUpdate(): void {
    if (this.store && this.#loaded !== this.store) {
      this.#loaded = this.store;
      void this.#load();
    }
  }

  async #load() {
    const r = await this.attempt(() => api.outbox(this.store, this.status || undefined));
    if (r) {
      this.emails = r.emails;
      this.nextCursor = r.nextCursor;
    }
  }

  async #retry(email?: OutboxEmail) {
    const done = email
      ? await this.attempt(() => api.retryEmail(this.store, email.id), `The email to ${email.to} is queued again`)
      : await this.attempt(() => api.retryFailed(this.store), (r) => (r.requeued ? `Queued again: ${r.requeued}` : 'Nothing to retry'));
    if (done) await this.#load();
  }

  async #more() {
    const r = await this.attempt(() => api.outbox(this.store, this.status || undefined, this.nextCursor));
    if (r) {
      this.emails = [...(this.emails ?? []), ...r.emails];
      this.nextCursor = r.nextCursor;
    }
  }

  override render() {
    const failed = this.emails?.some((e) => e.status === 'failed');
    return html`<div class="page-head">
        <h1>Outbox</h1>
        <div class="row">
          <div class="filter row" role="group" aria-label="Show">
            ${filters.map(
              (f) => html`<button
                aria-pressed=${this.status === f.value ? 'true' : 'false'}
                @click=${() => {
                  this.status = f.value;
                  void this.#load();
                }}
              >
                ${f.label}
              </button>`,
            )}
          </div>
          ${failed && this.owner ? html`<button @click=${() => this.#retry()} ?disabled=${this.busy}>Retry all failed</button>` : nothing}
        </div>
      </div>
      ${this.emails === null
        ? html`<p class="empty card">Loading…</p>`
        : this.emails.length === 0
          ? html`<p class="empty card">No emails${this.status ? ` ${this.status}` : ''}.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">To</th>
                    <th scope="col">Email</th>
                    <th scope="col">Status</th>
                    <th scope="col">When</th>
                    <th scope="col"><span class="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.emails.map(
                    (m) => html`<tr>
                      <td class="to">${m.to}</td>
                      <td>
                        ${m.subject} <span class="badge">${m.purpose}</span>${m.lastError ? html`<div class="reason">${m.lastError}</div>` : nothing}
                      </td>
                      <td><span class="badge ${m.status}">${m.status}</span>${m.attempts > 1 ? html` <span class="muted">${m.attempts} tries</span>` : nothing}</td>
                      <td>
                        ${m.sentAt ? html`sent ${formatDate(m.sentAt)}` : m.nextAttemptAt ? html`next try ${formatDate(m.nextAttemptAt)}` : formatDate(m.createdAt)}
                      </td>
                      <td>
                        ${m.status === 'failed' && this.owner
                          ? html`<button aria-label="Retry the email to ${m.to}" @click=${() => this.#retry(m)} ?disabled=${this.busy}>Retry</button>`
                          : nothing}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      ${this.nextCursor ? html`<button class="more" @click=${this.#more} ?disabled=${this.busy}>Show more</button>` : nothing}`;
  }
}

define('verity-admin-outbox', AdminOutbox);
