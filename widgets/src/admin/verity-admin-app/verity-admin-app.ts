/**
 * `<verity-admin-app>`: the dashboard at /admin. Routes by path
 * (`/admin/stores/<store>/<page>[/<id>]`, plus `/admin/reset/<token>` and
 * `/admin/invite/<token>` before a session), switches between the stores the
 * user belongs to, signs out, and shows every page's outcome in one place:
 * failures in an alert, confirmations in a status line.
 */
import { html, LitElement, nothing } from 'lit';
import { api, SIGNED_OUT, useSession, type Role, type Session } from '../api';
import { define } from '../base';
import { pageStyles } from '../styles';
import { appStyles } from './verity-admin-app.styles';
import '../admin-login/admin-login';
import '../admin-inbox/admin-inbox';
import '../admin-products/admin-products';
import '../admin-settings/admin-settings';
import { PREVIEW_SLOT } from '../admin-settings/theme-preview';
import '../admin-members/admin-members';
import '../admin-outbox/admin-outbox';
import '../admin-audit/admin-audit';
import '../admin-insights/admin-insights';
import '../admin-emails/admin-emails';
import '../admin-import/admin-import';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-app': VerityAdminApp;
  }
}

type Page = 'inbox' | 'products' | 'settings' | 'members' | 'outbox' | 'audit' | 'insights' | 'emails' | 'import';

const pages: Array<{ id: Page; label: string; owner?: boolean }> = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'products', label: 'Products' },
  { id: 'insights', label: 'Insights' },
  { id: 'settings', label: 'Settings' },
  { id: 'members', label: 'Members', owner: true },
  { id: 'outbox', label: 'Outbox' },
  { id: 'audit', label: 'Audit log' },
  { id: 'emails', label: 'Emails', owner: true },
  { id: 'import', label: 'Import & export', owner: true },
];

export interface Route {
  screen: 'login' | 'reset' | 'invite' | 'page';
  token?: string;
  store?: string;
  page?: Page;
  id?: string;
}

/** Reads a dashboard path; anything unknown lands on the first store's inbox. */
export function parseRoute(path: string): Route {
  const parts = path.replace(/^\/admin\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if ((parts[0] === 'reset' || parts[0] === 'invite') && parts[1]) return { screen: parts[0], token: parts[1] };
  if (parts[0] === 'stores' && parts[1]) {
    const page = pages.find((p) => p.id === parts[2])?.id ?? 'inbox';
    return { screen: 'page', store: parts[1], page, id: parts[3] };
  }
  return { screen: 'page' };
}

export const pathOf = (store: string, page: Page, id?: string) =>
  `/admin/stores/${encodeURIComponent(store)}/${page}${id ? `/${encodeURIComponent(id)}` : ''}`;

const pageSheet = new CSSStyleSheet();
pageSheet.replaceSync('html{color-scheme:light dark;background:light-dark(#f6f7f9,#111418)}body{margin:0}');

export class VerityAdminApp extends LitElement {
  static override properties = {
    session: { state: true },
    route: { state: true },
    notice: { state: true },
    pending: { state: true },
  };

  static override styles = [...pageStyles, appStyles];

  /** undefined while the session is being read; null when signed out. */
  declare session: Session | null | undefined;
  declare route: Route;
  declare notice: { kind: 'error' | 'done'; message: string; n: number } | null;
  declare pending: number | null;
  #notices = 0;

  constructor() {
    super();
    this.session = undefined;
    this.route = parseRoute(location.pathname);
    this.notice = null;
    this.pending = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The shell page has no stylesheet of its own (its CSP allows no inline style): the page around the app is set here.
    if (!document.adoptedStyleSheets.includes(pageSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
    window.addEventListener('popstate', this.#onPop);
    window.addEventListener(SIGNED_OUT, this.#onSignedOut);
    this.addEventListener('click', this.#onClick);
    this.addEventListener('verity-admin-notice', (e) => this.#show(e.detail.kind, e.detail.message));
    this.addEventListener('verity-admin-counts', (e) => (this.pending = e.detail.pending));
    this.addEventListener('verity-admin-signed-in', (e) => this.#signedIn(e.detail));
    if (this.route.screen === 'page') {
      api.session().then(
        (s) => this.#signedIn(s),
        () => this.#signedIn(null),
      );
    } else this.session = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPop);
    window.removeEventListener(SIGNED_OUT, this.#onSignedOut);
  }

  #signedIn(session: Session | null) {
    useSession(session);
    this.session = session;
    if (!session) return;
    // Signed in from a reset or invitation link: those screens are done. From a deep link: stay there.
    if (this.route.screen !== 'page') this.route = { screen: 'page' };
    const store = session.stores.find((s) => s.id === this.route.store) ?? session.stores[0];
    if (store && !this.route.store) this.navigate(pathOf(store.id, 'inbox'), true);
  }

  #onSignedOut = () => {
    useSession(null);
    this.session = null;
    this.#show('error', 'Your session ended. Sign in again to continue.');
  };

  #onPop = () => (this.route = parseRoute(location.pathname));

  /** Same-origin links under /admin change the page without a reload. */
  #onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || a.target || a.origin !== location.origin || !a.pathname.startsWith('/admin')) return;
    e.preventDefault();
    this.navigate(a.pathname);
  };

  navigate(path: string, replace = false): void {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.route = parseRoute(path);
    this.notice = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main h1, main')?.focus?.());
  }

  #show(kind: 'error' | 'done', message: string) {
    // A counter in the key makes the same sentence twice be announced twice.
    this.notice = { kind, message, n: ++this.#notices };
  }

  async #signOut() {
    try {
      await api.logout();
    } catch {
      // Signed out on this side regardless: the cookie is what matters, and the server clears it or it has expired.
    }
    useSession(null);
    this.session = null;
    history.pushState(null, '', '/admin');
    this.route = { screen: 'page' };
  }

  override updated(): void {
    const page = pages.find((p) => p.id === this.route.page);
    const store = this.session?.stores.find((s) => s.id === this.route.store);
    document.title = this.session && page && store ? `${page.label} · ${store.name} · Verity` : 'Verity dashboard';
  }

  override render() {
    if (this.route.screen === 'reset' || this.route.screen === 'invite') return html`<verity-admin-login mode=${this.route.screen} token=${this.route.token ?? ''}></verity-admin-login>`;
    if (this.session === undefined) return html`<p class="loading muted" role="status">Loading…</p>`;
    if (this.session === null) return html`${this.#renderNotice()}<verity-admin-login></verity-admin-login>`;
    const session = this.session;
    const store = session.stores.find((s) => s.id === this.route.store);
    if (!store) {
      return html`${this.#header(session, undefined)}
        <main tabindex="-1">
          <h1>${session.stores.length ? 'Not one of your stores' : 'No store yet'}</h1>
          <p>${session.stores.length ? html`Pick a store above.` : 'Ask an owner to invite you to their store.'}</p>
        </main>`;
    }
    return html`${this.#header(session, store)}
      <main tabindex="-1">${this.#renderNotice()}${this.#page(store.id, store.role)}</main>`;
  }

  #renderNotice() {
    const n = this.notice;
    // Both live regions stay in the page so screen readers announce what is put in them.
    return html`<div class="notice error" role="alert">${n?.kind === 'error' ? html`<span>${n.message}</span><button class="link" @click=${() => (this.notice = null)}>Dismiss</button>` : nothing}</div>
      <div class="notice done" role="status">${n?.kind === 'done' ? n.message : nothing}</div>`;
  }

  #header(session: Session, store: Session['stores'][number] | undefined) {
    const role: Role = store?.role ?? 'moderator';
    return html`<header class="bar">
      <div class="top">
        <a class="brand" href="/admin">Verity</a>
        ${session.stores.length > 1
          ? html`<label class="switcher"
              ><span class="visually-hidden">Store</span
              ><select @change=${(e: Event) => this.navigate(pathOf((e.target as HTMLSelectElement).value, this.route.page ?? 'inbox'))}>
                ${store ? nothing : html`<option value="" selected>Choose a store</option>`}
                ${session.stores.map((s) => html`<option value=${s.id} ?selected=${s.id === store?.id}>${s.name}</option>`)}
              </select></label
            >`
          : html`<span class="store-name">${store?.name ?? ''}</span>`}
        <span class="user muted">${session.user.email}${store ? html` · ${role}` : nothing}</span>
        <button class="signout" @click=${this.#signOut}>Sign out</button>
      </div>
      ${store
        ? html`<nav aria-label="Dashboard">
            ${pages
              .filter((p) => !p.owner || role === 'owner')
              .map(
                (p) => html`<a href=${pathOf(store.id, p.id)} aria-current=${p.id === this.route.page ? 'page' : 'false'}
                  >${p.label}${p.id === 'inbox' && this.pending ? html` <span class="count">${this.pending}</span>` : nothing}</a
                >`,
              )}
          </nav>`
        : nothing}
    </header>`;
  }

  #page(store: string, role: Role) {
    switch (this.route.page) {
      case 'products':
        return html`<verity-admin-products store=${store} member-role=${role} product=${this.route.id ?? ''}></verity-admin-products>`;
      case 'settings':
        return html`<verity-admin-settings store=${store} member-role=${role}><slot name=${PREVIEW_SLOT} slot=${PREVIEW_SLOT}></slot></verity-admin-settings>`;
      case 'members':
        return html`<verity-admin-members store=${store} member-role=${role}></verity-admin-members>`;
      case 'outbox':
        return html`<verity-admin-outbox store=${store} member-role=${role}></verity-admin-outbox>`;
      case 'insights':
        return html`<verity-admin-insights store=${store} member-role=${role}></verity-admin-insights>`;
      case 'audit':
        return html`<verity-admin-audit store=${store} member-role=${role}></verity-admin-audit>`;
      case 'emails':
        return html`<verity-admin-emails store=${store} member-role=${role}></verity-admin-emails>`;
      case 'import':
        return html`<verity-admin-import store=${store} member-role=${role}></verity-admin-import>`;
      default:
        return html`<verity-admin-inbox store=${store} member-role=${role}></verity-admin-inbox>`;
    }
  }
}

define('verity-admin-app', VerityAdminApp);
