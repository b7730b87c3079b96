/**
 * The fallback for stores that cannot include the server snippet: the same
 * Product JSON-LD (GET …/jsonld) as one `<script type="application/ld+json"
 * data-verity-jsonld>` in the page's head per element — replaced when its
 * product or rating changes, removed with the element. A chunk of its own,
 * imported only when needed, so a page with the snippet never downloads it;
 * it fetches itself, like summaries.ts, to stay out of api.ts's chunk.
 */

interface Placed {
  /** Bumped by every call: only the latest call's answer is written. */
  turn: number;
  script?: HTMLScriptElement;
}
const placed = new WeakMap<Element, Placed>();

/**
 * Puts the product's JSON-LD in the head for `owner`, or takes it away (`product` null).
 * A product without published reviews has nothing to mark up, so it gets none.
 */
export async function syncJsonLd(owner: Element, api: string, store: string, product: string | null): Promise<void> {
  const state = placed.get(owner) ?? { turn: 0 };
  placed.set(owner, state);
  const turn = ++state.turn;
  let text = '';
  if (product) {
    // Asked for when the product or its rating changed: revalidate (a 304 when nothing did) rather
    // than take the browser's copy, which public answers allow for 10 s.
    const res = await fetch(`${api}/v1/stores/${encodeURIComponent(store)}/products/${encodeURIComponent(product)}/jsonld`, { cache: 'no-cache' }).catch(() => undefined);
    text = res?.ok ? await res.text() : '';
    if (turn !== state.turn) return;
  }
  // Already escaped for a <script> by the server; `"@type"` is absent only from the empty graph.
  if (!text.includes('"@type"')) {
    state.script?.remove();
    state.script = undefined;
    return;
  }
  const script = (state.script ??= document.createElement('script'));
  script.type = 'application/ld+json';
  script.dataset.verityJsonld = '';
  script.textContent = text;
  if (!script.isConnected) document.head.appendChild(script);
}
