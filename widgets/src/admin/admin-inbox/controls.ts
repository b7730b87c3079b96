/** The inbox's filter row and its list of keyboard shortcuts. */
import { html, nothing } from 'lit';
import type { InboxQuery, ProductRow, Status, Tab } from '../api';

export type Filters = Omit<InboxQuery, 'tab' | 'cursor'>;
export type SetFilter = <K extends keyof Filters>(name: K, value: Filters[K] | undefined) => void;

export interface FilterState {
  tab: Tab;
  filters: Filters;
  products: ProductRow[];
  /** A phone: the selects fold under the search box. */
  narrow: boolean;
}

export const shortcuts: Array<[string, string]> = [
  ['j / k', 'next / previous item'],
  ['x', 'select or unselect the item'],
  ['p', 'publish (the selection, else the item)'],
  ['r', 'reject'],
  ['s', 'mark as spam'],
  ['e', 'write the reply or official answer'],
  ['/', 'search'],
  ['?', 'show these shortcuts'],
];

/** Only the filters a tab takes: the server refuses the others (rating outside reviews, search on reported…). */
export function inboxFilters({ tab, filters: f, products, narrow }: FilterState, set: SetFilter) {
  const reviews = tab === 'reviews';
  const bool = (v: string) => (v === '' ? undefined : v === 'true');
  const active = (['status', 'rating', 'product', 'verified', 'hasReply'] as const).filter((k) => f[k] !== undefined).length;
  const selects = html`${tab === 'reported'
      ? nothing
      : html`<label
          ><span class="visually-hidden">Status</span
          ><select @change=${(e: Event) => set('status', ((e.target as HTMLSelectElement).value || undefined) as Status | undefined)}>
            ${(['pending', 'published', 'rejected', 'spam'] as const).map((s) => html`<option value=${s} ?selected=${(f.status ?? 'pending') === s}>${s[0]!.toUpperCase() + s.slice(1)}</option>`)}
          </select></label
        >`}
    ${reviews
      ? html`<label
          ><span class="visually-hidden">Rating</span
          ><select @change=${(e: Event) => set('rating', Number((e.target as HTMLSelectElement).value) || undefined)}>
            <option value="">Any rating</option>
            ${[5, 4, 3, 2, 1].map((n) => html`<option value=${n} ?selected=${f.rating === n}>${n} star${n > 1 ? 's' : ''}</option>`)}
          </select></label
        >`
      : nothing}
    <label
      ><span class="visually-hidden">Product</span
      ><select @change=${(e: Event) => set('product', (e.target as HTMLSelectElement).value || undefined)}>
        <option value="">All products</option>
        ${products.map((p) => html`<option value=${p.id} ?selected=${f.product === p.id}>${p.name}</option>`)}
      </select></label
    >
    ${reviews || tab === 'answers'
      ? html`<label
          ><span class="visually-hidden">Verified</span
          ><select @change=${(e: Event) => set('verified', bool((e.target as HTMLSelectElement).value))}>
            <option value="">Verified or not</option>
            <option value="true" ?selected=${f.verified === true}>${reviews ? 'Verified buyers' : 'By an owner'}</option>
            <option value="false" ?selected=${f.verified === false}>${reviews ? 'Not verified' : 'By shoppers'}</option>
          </select></label
        >`
      : nothing}
    ${reviews
      ? html`<label
          ><span class="visually-hidden">Reply</span
          ><select @change=${(e: Event) => set('hasReply', bool((e.target as HTMLSelectElement).value))}>
            <option value="">Replied or not</option>
            <option value="false" ?selected=${f.hasReply === false}>No reply yet</option>
            <option value="true" ?selected=${f.hasReply === true}>Replied</option>
          </select></label
        >`
      : nothing}`;
  return html`<div class="filters row">
    ${tab === 'reported'
      ? nothing
      : html`<label class="search"
      ><span class="visually-hidden">Search</span
      ><input
        type="search"
        placeholder="Search text, author or email  ( / )"
        .value=${f.q ?? ''}
        @change=${(e: Event) => set('q', (e.target as HTMLInputElement).value.trim() || undefined)}
    /></label>`}
    ${narrow
      ? html`<details class="fold" ?open=${active > 0}>
          <summary>Filters${active ? ` (${active})` : ''}</summary>
          <div class="selects">${selects}</div>
        </details>`
      : selects}
  </div>`;
}

export function shortcutsDialog() {
  return html`<dialog class="help card" aria-labelledby="help-title">
    <h2 id="help-title">Keyboard shortcuts</h2>
    <dl>${shortcuts.map(([k, what]) => html`<dt><kbd>${k}</kbd></dt><dd>${what}</dd>`)}</dl>
    <form method="dialog"><button class="primary" autofocus>Close</button></form>
  </dialog>`;
}
