/** What every dashboard page shares: the store and role it shows, and one way to report the outcome of an action. */
import { LitElement } from 'lit';
import { AdminApiError, type Role } from './api';
import { emit } from './events';

export class AdminPage extends LitElement {
  static override properties = {
    store: { type: String },
    // Not `role`: that is the element's ARIA role.
    memberRole: { type: String, attribute: 'member-role' },
    busy: { state: true },
  };

  declare store: string;
  declare memberRole: Role;
  /** An action is under way: its buttons are disabled so a double click sends nothing twice. */
  declare busy: boolean;

  constructor() {
    super();
    this.store = '';
    this.memberRole = 'moderator';
    this.busy = false;
  }

  protected get owner(): boolean {
    return this.memberRole === 'owner';
  }

  protected notify(kind: 'error' | 'done', message: string): void {
    emit(this, 'verity-admin-notice', { kind, message });
  }

  /** Runs an API call; a failure becomes the shell's one alert, a success its optional confirmation. */
  protected async attempt<T>(work: () => Promise<T>, done?: string | ((result: T) => string)): Promise<T | undefined> {
    this.busy = true;
    try {
      const result = await work();
      if (done) this.notify('done', typeof done === 'string' ? done : done(result));
      return result;
    } catch (err) {
      this.notify('error', err instanceof AdminApiError ? err.message : String(err));
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}

/** Registers an element once, even if admin.js is loaded twice. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

export const formatDate = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
export const formatDay = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));
export const starsText = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating);
