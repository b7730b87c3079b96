/** The dashboard's events: prefixed, bubbling and composed, so the app shell hears them from any page. */
import type { Session } from './api';

export interface AdminEventMap {
  /** Something to tell the merchant: a failure (shown as an alert) or a confirmation. */
  'verity-admin-notice': CustomEvent<{ kind: 'error' | 'done'; message: string }>;
  /** Login, a reset or an accepted invite produced a session. */
  'verity-admin-signed-in': CustomEvent<Session>;
  /** A page changed how many items wait for a decision (the shell shows it beside "Inbox"). */
  'verity-admin-counts': CustomEvent<{ pending: number }>;
}

export function emit<K extends keyof AdminEventMap>(from: HTMLElement, name: K, detail: AdminEventMap[K]['detail']): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap extends AdminEventMap {}
}
