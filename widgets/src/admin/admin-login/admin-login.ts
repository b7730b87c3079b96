/**
 * `<verity-admin-login mode token>`: the screens before a session: sign in,
 * ask for a reset link, choose a new password from that link, and accept an
 * invitation (a new member chooses a name and password; an existing one just
 * joins).
 *
 * @event verity-admin-signed-in - detail: the new session
 */
import { css, html, LitElement, nothing } from 'lit';
import { AdminApiError, api, type Invite } from '../api';
import { define } from '../base';
import { emit } from '../events';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-login': AdminLogin;
  }
}

export type LoginMode = 'login' | 'forgot' | 'reset' | 'invite';

export class AdminLogin extends LitElement {
  static override properties = {
    mode: { type: String },
    token: { type: String },
    error: { state: true },
    info: { state: true },
    busy: { state: true },
    invite: { state: true },
  };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: grid;
        place-items: start center;
        min-height: 100vh;
        padding: 12vh 1rem 2rem;
        background: var(--verity-admin-bg);
      }
      main {
        width: 100%;
        max-width: 23rem;
      }
      .brand {
        font-weight: 700;
        font-size: 1.1rem;
        margin-bottom: 1rem;
        text-align: center;
      }
      form {
        display: grid;
        gap: 0.85rem;
        padding: 1.5rem;
      }
      input:not([type='checkbox']) {
        width: 100%;
        margin-top: 0.25rem;
      }
      label {
        font-weight: 600;
      }
      .hint {
        font-weight: 400;
        font-size: 0.8125rem;
      }
      button.primary {
        width: 100%;
        min-height: 2.5rem;
      }
      .alert {
        color: var(--verity-admin-danger);
        margin: 0;
      }
      .info {
        margin: 0;
      }
      .links {
        text-align: center;
        margin-top: 0.75rem;
      }
    `,
  ];

  declare mode: LoginMode;
  declare token: string;
  declare error: string;
  declare info: string;
  declare busy: boolean;
  declare invite: Invite | null;

  constructor() {
    super();
    this.mode = 'login';
    this.token = '';
    this.error = '';
    this.info = '';
    this.busy = false;
    this.invite = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('mode') || changed.has('token')) && this.mode === 'invite' && this.token) {
      this.invite = null;
      api.invite(this.token).then(
        (invite) => (this.invite = invite),
        (err) => (this.error = err instanceof AdminApiError ? err.message : String(err)),
      );
    }
  }

  async #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '');
    this.error = '';
    this.info = '';
    this.busy = true;
    try {
      if (this.mode === 'login') {
        emit(this, 'verity-admin-signed-in', await api.login(field('email').trim(), field('password')));
      } else if (this.mode === 'forgot') {
        await api.requestReset(field('email').trim());
        this.info = 'If an account uses this address, an email with a link to choose a new password is on its way. The link works for one hour.';
      } else if (this.mode === 'reset') {
        if (field('password') !== field('confirm')) throw new AdminApiError(400, 'VALIDATION_FAILED', 'The two passwords differ.');
        await api.confirmReset(this.token, field('password'));
        this.mode = 'login';
        this.info = 'Your password is changed. Sign in with it.';
        history.replaceState(null, '', '/admin');
      } else {
        const name = field('name').trim() || undefined;
        const password = field('password') || undefined;
        emit(this, 'verity-admin-signed-in', await api.acceptInvite(this.token, name, password));
      }
    } catch (err) {
      this.error = err instanceof AdminApiError ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  }

  #go(mode: LoginMode) {
    this.mode = mode;
    this.error = '';
    this.info = '';
  }

  #fields() {
    switch (this.mode) {
      case 'login':
        return html`<h1>Sign in</h1>
          <label>Email<input name="email" type="email" autocomplete="username" required autofocus /></label>
          <label>Password<input name="password" type="password" autocomplete="current-password" required /></label>
          <button class="primary" ?disabled=${this.busy}>Sign in</button>`;
      case 'forgot':
        return html`<h1>Reset your password</h1>
          <p class="info muted">Enter the address you sign in with. We email you a link to choose a new password.</p>
          <label>Email<input name="email" type="email" autocomplete="username" required autofocus /></label>
          <button class="primary" ?disabled=${this.busy}>Email me a link</button>`;
      case 'reset':
        return html`<h1>Choose a new password</h1>
          <label>New password <span class="hint muted">(at least 10 characters)</span><input name="password" type="password" autocomplete="new-password" minlength="10" required autofocus /></label>
          <label>Repeat it<input name="confirm" type="password" autocomplete="new-password" minlength="10" required /></label>
          <button class="primary" ?disabled=${this.busy}>Save the new password</button>`;
      case 'invite': {
        const invite = this.invite;
        if (!invite) return html`<h1>Invitation</h1><p class="info muted">${this.error ? '' : 'Loading…'}</p>`;
        return html`<h1>Join ${invite.storeName}</h1>
          <p class="info">You are invited as <strong>${invite.role}</strong> with <strong>${invite.email}</strong>.</p>
          ${invite.existingUser
            ? html`<p class="info muted">You already have a Verity account: accepting adds this store to it.</p>
                <label
                  >Your password <span class="hint muted">(not needed if you are signed in with this account here)</span
                  ><input name="password" type="password" autocomplete="current-password" autofocus
                /></label>`
            : html`<label>Your name<input name="name" autocomplete="name" required autofocus /></label>
                <label>Choose a password <span class="hint muted">(at least 10 characters)</span><input name="password" type="password" autocomplete="new-password" minlength="10" required /></label>`}
          <button class="primary" ?disabled=${this.busy}>Accept the invitation</button>`;
      }
    }
  }

  override render() {
    return html`<main>
      <div class="brand">Verity</div>
      <form class="card" @submit=${this.#submit}>
        ${this.#fields()}
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        ${this.info ? html`<p class="info" role="status">${this.info}</p>` : nothing}
      </form>
      <p class="links">
        ${this.mode === 'login'
          ? html`<button class="link" @click=${() => this.#go('forgot')}>Forgot your password?</button>`
          : html`<button class="link" @click=${() => { this.#go('login'); history.replaceState(null, '', '/admin'); }}>Back to sign in</button>`}
      </p>
    </main>`;
  }
}

define('verity-admin-login', AdminLogin);
