/**
 * Cloudflare Turnstile for the storefront forms, when the store asks for it
 * (GET …/config): loaded by a form when it opens, never by a product page
 * before that. The store's config is read once per store per page, the script
 * once per page.
 *
 * The challenge renders into a container in the host's light DOM, slotted into
 * the form: Cloudflare documents explicit rendering into an element of the
 * document and says nothing of shadow roots, and the script is reported to
 * fail inside one, so the element's own shadow root is not used. (A
 * <verity-review-form> that <verity-reviews> opens is itself in that
 * element's shadow root, and so is its light DOM: reaching the document
 * there needs <verity-reviews> to forward the `turnstile` slot, and the
 * container to go on the outermost host.)
 *
 * It imports no module of the widgets (the caller hands it what it needs): a
 * lazy chunk that shared api.ts or i18n.ts would make esbuild split the chunks
 * every product page loads, and that costs their gzip budget some 500 bytes.
 */
import type { StoreConfig } from './api';

interface TurnstileApi {
  render(container: HTMLElement, options: Record<string, unknown>): string | undefined;
  reset(widgetId?: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

/** What a form reads from its challenge: the token to send, and why the button waits (undefined: it does not). */
export interface Challenge {
  token?: string;
  wait?: string;
  /** A token is good for one write: after each submit the shopper gets a fresh one. */
  reset(): void;
}

/** What the form hands over from the modules it has loaded already. */
export interface Sources {
  /** api.ts `storeConfig`: called once per store per page. */
  config: (base: string, store: string) => Promise<StoreConfig>;
  /** The button's sentence while it waits for a token, in the page's language (`turnstileWaiting`, locales/actions/). */
  waiting: () => Promise<string>;
}

const configs = new Map<string, Promise<StoreConfig>>();
let script: Promise<TurnstileApi> | undefined;

function config(sources: Sources, base: string, store: string): Promise<StoreConfig> {
  const key = `${base} ${store}`;
  let found = configs.get(key);
  if (!found) configs.set(key, (found = sources.config(base, store).catch((err: unknown) => (configs.delete(key), Promise.reject(err)))));
  return found;
}

function load(url: string): Promise<TurnstileApi> {
  return (script ??= new Promise<TurnstileApi>((resolve, reject) => {
    if (window.turnstile) return resolve(window.turnstile);
    const tag = document.createElement('script');
    tag.src = url;
    tag.async = true;
    tag.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('no window.turnstile')));
    tag.onerror = () => reject(new Error('the script did not load'));
    document.head.appendChild(tag);
  }).catch((err: unknown) => {
    script = undefined;
    throw err;
  }));
}

/**
 * Starts the challenge for one form of `host`, shown where the form has
 * `<slot name=${slot}>`; `changed` asks the element to render again.
 *
 * @example this.#challenge = challenge(this, 'turnstile', this.base, this.store, this.theme, () => this.requestUpdate(), { config: storeConfig, waiting });
 */
export function challenge(host: HTMLElement, slot: string, base: string, store: string, theme: string, changed: () => void, sources: Sources): Challenge {
  const c: Challenge = { reset() {} };
  let waiting = '';
  const set = (token?: string) => {
    c.token = token;
    c.wait = token ? undefined : waiting;
    changed();
  };
  void (async () => {
    // Without the config (offline, a proxy's error) the form sends without a token; the API says if one was needed.
    const turnstile = (await config(sources, base, store).catch(() => null))?.turnstile;
    if (!turnstile) return;
    waiting = await sources.waiting();
    set();
    try {
      const api = await load(turnstile.scriptUrl);
      const container = document.createElement('div');
      container.slot = slot;
      host.appendChild(container);
      const id = api.render(container, { sitekey: turnstile.siteKey, theme, callback: set, 'error-callback': () => set(), 'expired-callback': () => set() });
      c.reset = () => {
        set();
        api.reset(id);
      };
    } catch {
      // A blocked script must not lock the form: it sends, and TURNSTILE_FAILED tells the shopper. The developer needs the cause.
      console.error(`[verity] the Turnstile script ${turnstile.scriptUrl} did not load: allow its origin in this page's script-src and frame-src`);
      c.wait = undefined;
      changed();
    }
  })();
  return c;
}
