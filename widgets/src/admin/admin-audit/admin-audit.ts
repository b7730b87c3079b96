/**
 * `<verity-admin-audit store member-role>`: who changed what and when, newest first,
 * filtered by action or by who acted (pick a name in the list); read-only, as the log itself.
 */
import { css, html, nothing } from 'lit';
import { api, type AuditEntry } from '../api';
import { AdminPage, define, formatDate } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-audit': AdminAudit;
  }
}

/** The actions the log records (worker side: dashboard-api contract). */
export const auditActions = [
  'review.status',
  'review.delete',
  'reply.create',
  'reply.update',
  'reply.delete',
  'question.status',
  'answer.status',
  'answer.official.create',
  'answer.official.update',
  'answer.official.delete',
  'answer.accept',
  'settings.update',
  'keys.rotate',
  'member.invite',
  'member.join',
  'member.role',
  'member.remove',
  'author.erase',
  'outbox.retry',
  'product.update',
  'email-template.update',
  'email-template.reset',
];

function describe(details: AuditEntry['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export class AdminAudit extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    entries: { state: true },
    nextBefore: { state: true },
    action: { state: true },
    actor: { state: true },
    actorLabel: { state: true },
  };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      .filters {
        margin-bottom: 0.75rem;
      }
      code {
        font: 0.8125rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      }
      .details {
        font-size: 0.8125rem;
        overflow-wrap: anywhere;
      }
      td:first-child {
        white-space: nowrap;
      }
      .more {
        margin-top: 0.5rem;
      }
    `,
  ];

  declare entries: AuditEntry[] | null;
  declare nextBefore: number | null;
  declare action: string;
  /** An actor's id (a user id or a key's prefix), and the name shown for it. */
  declare actor: string;
  declare actorLabel: string;
  #loaded = '';

  constructor() {
    super();
    this.entries = null;
    this.nextBefore = null;
    this.action = '';
    this.actor = '';
    this.actorLabel = '';
  }

  #byActor(id: string, label: string) {
    this.actor = id;
    this.actorLabel = label;
    void this.#load();
  }

  override willUpdate(): void {
    if (this.store && this.#loaded !== this.store) {
      this.#loaded = this.store;
      void this.#load();
    }
  }

  async #load(more = false) {
    const r = await this.attempt(() => api.audit(this.store, { action: this.action || undefined, actor: this.actor || undefined, before: more ? this.nextBefore : null }));
    if (!r) return;
    this.entries = more ? [...(this.entries ?? []), ...r.entries] : r.entries;
    this.nextBefore = r.nextBefore;
  }

  override render() {
    return html`<div class="page-head"><h1>Audit log</h1></div>
      <form
        class="filters row"
        role="search"
        @submit=${(e: Event) => {
          e.preventDefault();
          const f = new FormData(e.target as HTMLFormElement);
          this.action = String(f.get('action') ?? '');
          void this.#load();
        }}
      >
        <label
          ><span class="visually-hidden">Action</span
          ><select name="action">
            <option value="">Every action</option>
            ${auditActions.map((a) => html`<option value=${a} ?selected=${this.action === a}>${a}</option>`)}
          </select></label
        >
        <button>Filter</button>
        ${this.actor
          ? html`<span class="badge">by ${this.actorLabel}</span
              ><button class="link" @click=${() => this.#byActor('', '')} type="button">Everyone</button>`
          : html`<span class="muted">Pick a name in the list to see only what they did.</span>`}
      </form>
      ${this.entries === null
        ? html`<p class="empty card">Loading…</p>`
        : this.entries.length === 0
          ? html`<p class="empty card">Nothing recorded${this.action || this.actor ? ' that matches' : ' yet'}.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">On</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.entries.map(
                    (e) => html`<tr>
                      <td>${formatDate(e.at)}</td>
                      <td>
                        <button class="link" title="Only what ${e.actor.label} did" @click=${() => this.#byActor(e.actor.id, e.actor.label)}>${e.actor.label}</button
                        >${e.actor.kind === 'user' ? nothing : html` <span class="muted">(${e.actor.kind})</span>`}
                      </td>
                      <td><code>${e.action}</code></td>
                      <td>${e.target ? html`<span class="muted">${e.target.kind}</span> <code>${e.target.id}</code>` : nothing}</td>
                      <td class="details">${describe(e.details)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      ${this.nextBefore ? html`<button class="more" @click=${() => this.#load(true)} ?disabled=${this.busy}>Older entries</button>` : nothing}`;
  }
}

define('verity-admin-audit', AdminAudit);
