/**
 * `<verity-admin-members store member-role>`: who may work on the store, with their
 * roles, the invitations still open, and a form to invite someone by email
 * (the invitation link is sent through the outbox). Owners only.
 */
import { css, html, nothing } from 'lit';
import { api, type Members, type Role } from '../api';
import { AdminPage, define, formatDay } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-members': AdminMembers;
  }
}

const roleHint: Record<Role, string> = {
  owner: 'everything: settings, members, keys',
  moderator: 'content only: moderation, replies, answers',
};

export class AdminMembers extends AdminPage {
  static override properties = { ...AdminPage.properties, data: { state: true } };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      section {
        margin-bottom: 1.25rem;
      }
      h2 {
        margin-bottom: 0.5rem;
      }
      form.card {
        padding: 1rem;
        align-items: flex-end;
      }
      form label {
        font-weight: 600;
      }
      form input[type='email'] {
        display: block;
        width: 20rem;
        margin-top: 0.25rem;
      }
      form select {
        display: block;
        margin-top: 0.25rem;
      }
      .email {
        overflow-wrap: anywhere;
      }
      @media (max-width: 40rem) {
        form label,
        form input[type='email'] {
          width: 100%;
        }
      }
    `,
  ];

  declare data: Members | null;
  #loaded = '';

  constructor() {
    super();
    this.data = null;
  }

  override willUpdate(): void {
    if (this.store && this.#loaded !== this.store) {
      this.#loaded = this.store;
      void this.#load();
    }
  }

  async #load() {
    const data = await this.attempt(() => api.members(this.store));
    if (data) this.data = data;
  }

  async #invite(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const email = String(f.get('email')).trim();
    const sent = await this.attempt(() => api.sendInvite(this.store, email, f.get('role') as Role), `Invitation sent to ${email}`);
    if (sent) {
      form.reset();
      await this.#load();
    }
  }

  async #change(work: () => Promise<unknown>, done: string) {
    if ((await this.attempt(work, done)) !== undefined) await this.#load();
  }

  override render() {
    const d = this.data;
    return html`<div class="page-head"><h1>Members</h1></div>
      <section aria-labelledby="invite-title">
        <h2 id="invite-title">Invite someone</h2>
        <form class="card row" @submit=${this.#invite}>
          <label>Email<input name="email" type="email" required autocomplete="off" /></label>
          <label
            >Invite as<select name="role">
              <option value="moderator">Moderator — ${roleHint.moderator}</option>
              <option value="owner">Owner — ${roleHint.owner}</option>
            </select></label
          >
          <button class="primary" ?disabled=${this.busy}>Send invitation</button>
        </form>
      </section>
      ${d === null
        ? html`<p class="empty card">Loading…</p>`
        : html`<section aria-labelledby="members-title">
              <h2 id="members-title">Members (${d.members.length})</h2>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Role</th>
                      <th scope="col">Since</th>
                      <th scope="col"><span class="visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${d.members.map(
                      (m) => html`<tr>
                        <td>${m.name ?? ''}<div class="email muted">${m.email}</div></td>
                        <td>
                          <select
                            aria-label="Role of ${m.email}"
                            ?disabled=${this.busy}
                            @change=${(e: Event) => this.#change(() => api.setRole(this.store, m.userId, (e.target as HTMLSelectElement).value as Role), `${m.email} is now ${(e.target as HTMLSelectElement).value}`)}
                          >
                            <option value="owner" ?selected=${m.role === 'owner'}>Owner</option>
                            <option value="moderator" ?selected=${m.role === 'moderator'}>Moderator</option>
                          </select>
                        </td>
                        <td>${formatDay(m.createdAt)}</td>
                        <td>
                          <button
                            class="danger"
                            ?disabled=${this.busy}
                            aria-label="Remove ${m.email}"
                            @click=${() => confirm(`Remove ${m.email} from this store?`) && this.#change(() => api.removeMember(this.store, m.userId).then(() => true), `${m.email} removed`)}
                          >
                            Remove
                          </button>
                        </td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="invites-title">
              <h2 id="invites-title">Open invitations (${d.invites.length})</h2>
              ${d.invites.length
                ? html`<div class="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Email</th>
                          <th scope="col">Role</th>
                          <th scope="col">Expires</th>
                          <th scope="col"><span class="visually-hidden">Actions</span></th>
                        </tr>
                      </thead>
                      <tbody>
                        ${d.invites.map(
                          (i) => html`<tr>
                            <td class="email">${i.email}</td>
                            <td>${i.role}</td>
                            <td>${formatDay(i.expiresAt)}</td>
                            <td>
                              <button aria-label="Revoke the invitation of ${i.email}" ?disabled=${this.busy} @click=${() => this.#change(() => api.revokeInvite(this.store, i.id).then(() => true), `Invitation of ${i.email} revoked`)}>
                                Revoke
                              </button>
                            </td>
                          </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`
                : html`<p class="muted">None.</p>`}
            </section>`}
      ${nothing}`;
  }
}

define('verity-admin-members', AdminMembers);
