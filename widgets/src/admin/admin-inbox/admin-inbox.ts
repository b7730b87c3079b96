/**
 * `<verity-admin-inbox store member-role>`: everything that needs a decision, newest
 * first, by tab (reviews, questions, answers, reported) with counts, filters,
 * search, selection and bulk actions, and the current item in full with its
 * reply or official answer. Built for the keyboard: j/k move, x selects,
 * p/r/s publish, reject or mark as spam (the selection, else the current item),
 * e writes the reply or answer, / searches, ? lists the shortcuts.
 *
 * @event verity-admin-notice - the outcome of an action, for the shell's one alert
 * @event verity-admin-counts - how many items wait for a decision, after each load
 */
import { html, nothing } from 'lit';
import { api, type Counts, type InboxItem, type ProductRow, type Status, type Tab } from '../api';
import { AdminPage, define } from '../base';
import { emit } from '../events';
import { pageStyles } from '../styles';
import type { AdminReplyEditor } from '../admin-reply-editor/admin-reply-editor';
import '../admin-reply-editor/admin-reply-editor';
import { itemDetail, itemKey, itemLine, itemName, itemStyles } from './item';
import { inboxMedia, inboxMediaOf, inboxMediaStyles, type AdminMedia } from './media';
import { inboxStyles } from './admin-inbox.styles';
import { inboxFilters, shortcutsDialog, type Filters } from './controls';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-inbox': AdminInbox;
  }
}

const tabs: Array<{ id: Tab; label: string }> = [
  { id: 'reviews', label: 'Reviews' },
  { id: 'questions', label: 'Questions' },
  { id: 'answers', label: 'Answers' },
  { id: 'reported', label: 'Reported' },
];

const actions: Array<{ status: Status; label: string; key: string; past: string }> = [
  { status: 'published', label: 'Publish', key: 'p', past: 'Published' },
  { status: 'rejected', label: 'Reject', key: 'r', past: 'Rejected' },
  { status: 'spam', label: 'Spam', key: 's', past: 'Marked as spam' },
];


const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class AdminInbox extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    tab: { state: true },
    filters: { state: true },
    items: { state: true },
    counts: { state: true },
    nextCursor: { state: true },
    current: { state: true },
    selected: { state: true },
    loading: { state: true },
    products: { state: true },
    wide: { state: true },
    narrow: { state: true },
  };

  static override styles = [...pageStyles, itemStyles, inboxStyles, inboxMediaStyles];

  declare tab: Tab;
  declare filters: Filters;
  declare items: InboxItem[];
  declare counts: Counts | null;
  declare nextCursor: string | null;
  declare current: number;
  declare selected: Set<string>;
  declare loading: boolean;
  declare products: ProductRow[];
  /** Two panes (list and item) side by side; on a narrow screen the item opens inside the list. */
  declare wide: boolean;
  /** A phone: the filters fold away under the search box. */
  declare narrow: boolean;
  readonly #media = matchMedia('(min-width: 64rem)');
  readonly #phone = matchMedia('(max-width: 40rem)');
  #loaded = '';

  constructor() {
    super();
    this.tab = 'reviews';
    this.filters = {};
    this.items = [];
    this.counts = null;
    this.nextCursor = null;
    this.current = 0;
    this.selected = new Set();
    this.loading = true;
    this.products = [];
    this.wide = this.#media.matches;
    this.narrow = this.#phone.matches;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKey);
    this.#media.addEventListener('change', this.#onMedia);
    this.#phone.addEventListener('change', this.#onMedia);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKey);
    this.#media.removeEventListener('change', this.#onMedia);
    this.#phone.removeEventListener('change', this.#onMedia);
  }

  #onMedia = () => {
    this.wide = this.#media.matches;
    this.narrow = this.#phone.matches;
  };

  override willUpdate(): void {
    if (this.store && this.#loaded !== this.store) {
      this.#loaded = this.store;
      void this.load();
      api.products(this.store, undefined, null, 200).then((r) => (this.products = r.products), () => undefined);
    }
  }

  /** The first page for the tab and filters (again after each decision, so counts stay exact). */
  async load(keepPosition = false): Promise<void> {
    this.loading = true;
    const store = this.store;
    const result = await this.attempt(() => api.inbox(store, { tab: this.tab, ...this.filters }));
    this.loading = false;
    if (!result || store !== this.store) return;
    this.items = result.items;
    this.counts = result.counts;
    this.nextCursor = result.nextCursor;
    const keys = new Set(result.items.map(itemKey));
    this.selected = new Set([...this.selected].filter((k) => keys.has(k)));
    this.current = keepPosition ? Math.min(this.current, Math.max(0, result.items.length - 1)) : 0;
    emit(this, 'verity-admin-counts', { pending: result.counts.reviews + result.counts.questions + result.counts.answers + result.counts.reported });
  }

  async #more() {
    if (!this.nextCursor) return;
    const result = await this.attempt(() => api.inbox(this.store, { tab: this.tab, ...this.filters, cursor: this.nextCursor }));
    if (!result) return;
    this.items = [...this.items, ...result.items];
    this.nextCursor = result.nextCursor;
  }

  #setTab(tab: Tab) {
    if (tab === this.tab) return;
    this.tab = tab;
    this.selected = new Set();
    // The server refuses filters a tab has no use for (search on reported, rating outside reviews).
    const { q, product, verified } = this.filters;
    this.filters = { q: tab === 'reported' ? undefined : q, product, verified: tab === 'reviews' || tab === 'answers' ? verified : undefined };
    void this.load();
  }

  #setFilter<K extends keyof Filters>(name: K, value: Filters[K] | undefined) {
    this.filters = { ...this.filters, [name]: value };
    void this.load();
  }

  /** Publish, reject or spam: the selected items if any, else the current one. */
  async moderate(status: Status, only?: InboxItem): Promise<void> {
    const targets = only ? [only] : this.selected.size ? this.items.filter((i) => this.selected.has(itemKey(i))) : this.items.slice(this.current, this.current + 1);
    if (!targets.length || this.busy) return;
    const action = actions.find((a) => a.status === status)!;
    const done = await this.attempt(
      () => api.moderate(this.store, targets.map(({ kind, id }) => ({ kind, id })), status),
      (r) => `${action.past}: ${plural(r.updated, 'item')}`,
    );
    if (!done) return;
    if (!only) this.selected = new Set();
    await this.load(true);
    await this.#focusCurrent();
  }

  #move(by: number) {
    if (!this.items.length) return;
    this.current = Math.max(0, Math.min(this.items.length - 1, this.current + by));
    void this.#focusCurrent();
  }

  async #focusCurrent() {
    await this.updateComplete;
    const open = this.renderRoot.querySelector<HTMLElement>(`.item[data-index="${this.current}"] .open`);
    open?.focus();
    open?.scrollIntoView({ block: 'nearest' });
  }

  #toggle(item: InboxItem) {
    const key = itemKey(item);
    const next = new Set(this.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.selected = next;
  }

  #toggleAll() {
    this.selected = this.selected.size === this.items.length ? new Set() : new Set(this.items.map(itemKey));
  }

  #onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const origin = e.composedPath()[0] as HTMLElement | undefined;
    const typing = origin instanceof HTMLInputElement || origin instanceof HTMLTextAreaElement || origin instanceof HTMLSelectElement || origin?.isContentEditable;
    if (typing) {
      if (e.key === 'Escape' && origin instanceof HTMLInputElement && origin.type === 'search') origin.blur();
      if (!(origin instanceof HTMLInputElement && origin.type === 'checkbox')) return;
    }
    if (this.renderRoot.querySelector('dialog[open]')) return;
    const item = this.items[this.current];
    switch (e.key) {
      case 'j':
        this.#move(1);
        break;
      case 'k':
        this.#move(-1);
        break;
      case 'x':
        if (item) this.#toggle(item);
        break;
      case 'p':
      case 'r':
      case 's':
        void this.moderate(actions.find((a) => a.key === e.key)!.status);
        break;
      case 'e':
        void this.renderRoot.querySelector<AdminReplyEditor>('verity-admin-reply-editor')?.edit();
        break;
      case '/':
        this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
        break;
      case '?':
        this.renderRoot.querySelector<HTMLDialogElement>('dialog.help')?.showModal();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  #onTabKey(e: KeyboardEvent) {
    const at = tabs.findIndex((t) => t.id === this.tab);
    const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    this.#setTab(next.id);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus());
  }

  async #saveText(item: InboxItem, body: string) {
    const saved = await this.attempt(
      () => (item.kind === 'review' ? api.putReply(this.store, item.id, body) : api.putAnswer(this.store, item.id, body)),
      item.kind === 'review' ? 'Reply published' : 'Answer published',
    );
    if (saved) this.#patch(item, item.kind === 'review' ? { reply: { ...saved, updatedAt: new Date().toISOString() } } : { answers: [{ id: '', updatedAt: new Date().toISOString(), ...saved }] });
  }

  async #deleteText(item: InboxItem) {
    const what = item.kind === 'review' ? 'reply' : 'official answer';
    if (!confirm(`Delete the ${what}? Shoppers stop seeing it at once.`)) return;
    const done = await this.attempt(
      () => (item.kind === 'review' ? api.deleteReply(this.store, item.id) : api.deleteAnswer(this.store, item.id)).then(() => true),
      `The ${what} is deleted`,
    );
    if (done) this.#patch(item, item.kind === 'review' ? { reply: null } : { answers: [] });
  }

  /**
   * Puts the writer on the store's block list (their email, and the keyed hash
   * of their address where the server gives one) and marks this item as spam:
   * what they send next is stored as spam without a decision.
   */
  async #block(item: InboxItem) {
    const entries = [item.author.email, (item.author as { blockEntry?: string | null }).blockEntry].filter((e): e is string => Boolean(e));
    if (!entries.length || !confirm(`Block ${item.author.name}? What they send from now on is stored as spam, and this ${item.kind} is marked as spam.`)) return;
    const blocked = await this.attempt(async () => {
      const { blockList } = await api.store(this.store);
      return api.updateStore(this.store, { blockList: [...new Set([...blockList, ...entries])] });
    }, `${item.author.name} is blocked`);
    if (blocked) await this.moderate('spam', item);
  }

  /** Hides or shows one photo of a review; the review itself keeps its status. */
  async #setHidden(item: InboxItem, media: AdminMedia, hidden: boolean) {
    const done = await this.attempt(() => api.setMediaHidden(this.store, media.id, hidden), hidden ? 'The photo is hidden from shoppers' : 'The photo shows again');
    if (done) this.#patch(item, { media: inboxMediaOf(item).map((m) => (m.id === media.id ? { ...m, hidden: done.media.hidden } : m)) });
  }

  #patch(item: InboxItem, changes: Partial<InboxItem>) {
    this.items = this.items.map((i) => (i === item ? { ...i, ...changes } : i));
  }

  override render() {
    const item = this.items[this.current];
    return html`<div class="page-head">
        <h1>Inbox</h1>
        <button class="link shortcuts" @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.help')?.showModal()}>Keyboard shortcuts (?)</button>
      </div>
      <div class="tabs" role="tablist" aria-label="What to decide on" @keydown=${this.#onTabKey}>
        ${tabs.map(
          (t) => html`<button
            role="tab"
            id="tab-${t.id}"
            aria-selected=${t.id === this.tab ? 'true' : 'false'}
            aria-controls="inbox-panel"
            tabindex=${t.id === this.tab ? '0' : '-1'}
            @click=${() => this.#setTab(t.id)}
          >
            ${t.label}${this.counts ? html` <span class="count" aria-label="(${this.counts[t.id]} to decide)">${this.counts[t.id]}</span>` : nothing}
          </button>`,
        )}
      </div>
      <div id="inbox-panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${inboxFilters(this, (name, value) => this.#setFilter(name, value))} ${this.#renderBulk()}
        <div class="split ${this.wide && item ? 'wide' : ''}">
          <div class="list-pane">
            ${this.items.length
              ? html`<ul class="list" aria-label="Items">
                  ${this.items.map((it, i) => this.#renderItem(it, i))}
                </ul>`
              : html`<p class="empty card">${this.loading ? 'Loading…' : this.#emptyText()}</p>`}
            ${this.nextCursor ? html`<button class="more" @click=${this.#more} ?disabled=${this.busy}>Show more</button>` : nothing}
          </div>
          ${this.wide && item ? html`<section class="detail card" aria-label="Selected item">${this.#renderDetail(item)}</section>` : nothing}
        </div>
      </div>
      ${shortcutsDialog()}`;
  }

  #emptyText() {
    const filtered = Object.values(this.filters).some((v) => v !== undefined && v !== '');
    if (filtered) return 'Nothing matches these filters.';
    return this.tab === 'reported' ? 'No reported content waits for a decision.' : `No ${this.tab} wait for a decision. All caught up.`;
  }

  #renderBulk() {
    const all = this.items.length > 0 && this.selected.size === this.items.length;
    return html`<div class="bulk row">
      <label class="check"
        ><input type="checkbox" .checked=${all} .indeterminate=${this.selected.size > 0 && !all} ?disabled=${!this.items.length} @change=${this.#toggleAll} />
        ${this.selected.size ? `${this.selected.size} selected` : 'Select all'}</label
      >
      ${this.narrow && !this.selected.size
        ? nothing
        : actions.map(
        (a) => html`<button @click=${() => this.moderate(a.status)} ?disabled=${this.busy || !this.items.length} aria-keyshortcuts=${a.key}>
          ${a.label}${this.selected.size ? ` ${this.selected.size}` : ''} <kbd aria-hidden="true">${a.key}</kbd>
        </button>`,
      )}
    </div>`;
  }

  #renderItem(item: InboxItem, index: number) {
    const key = itemKey(item);
    const current = index === this.current;
    return html`<li class="item ${current ? 'current' : ''} ${this.selected.has(key) ? 'selected' : ''}" data-index=${index}>
      <input type="checkbox" aria-label="Select ${itemName(item)}" .checked=${this.selected.has(key)} @change=${() => this.#toggle(item)} />
      <button class="open" aria-current=${current ? 'true' : 'false'} @click=${() => (this.current = index)} @focus=${() => (this.current = index)}>${itemLine(item, { status: this.tab === 'reported', open: current && !this.wide })}</button>
      ${current && !this.wide ? html`<div class="inline-detail">${this.#renderDetail(item, true)}</div>` : nothing}
    </li>`;
  }

  #renderDetail(item: InboxItem, underLine = false) {
    // A question's `answers` holds the store's official answer, if any.
    const official = item.answers?.[0];
    return html`${itemDetail(item, underLine)} ${inboxMedia(item, this.busy, (m, hidden) => this.#setHidden(item, m, hidden))}
      <div class="row decide">
        ${actions.map(
          (a) => html`<button class=${a.status === 'published' && item.status !== 'published' ? 'primary' : ''} ?disabled=${this.busy || item.status === a.status} @click=${() => this.moderate(a.status, item)}>
            ${a.label}
          </button>`,
        )}
        ${this.owner && item.author.email ? html`<button class="danger" ?disabled=${this.busy} @click=${() => this.#block(item)}>Block author…</button>` : nothing}
      </div>
      ${item.kind === 'answer'
        ? nothing
        : html`<verity-admin-reply-editor
            label=${item.kind === 'review' ? 'Public reply' : 'Official answer'}
            .value=${item.kind === 'review' ? (item.reply?.body ?? '') : (official?.body ?? '')}
            ?busy=${this.busy}
            @verity-admin-save=${(e: CustomEvent<{ body: string }>) => this.#saveText(item, e.detail.body)}
            @verity-admin-delete=${() => this.#deleteText(item)}
          ></verity-admin-reply-editor>`}`;
  }
}

define('verity-admin-inbox', AdminInbox);
