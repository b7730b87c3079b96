/**
 * The one script a merchant embeds. It brings <verity-stars> itself (nearly
 * every store page shows stars, and they should not wait for a second hop),
 * which needs no Lit; every other element's chunk, Lit with it, is imported
 * when its tag appears on the page, now or later, so a collection page never
 * downloads Lit or the reviews list and nobody downloads the form until they
 * open it.
 */
import './components/verity-stars/verity-stars';
import { reservedSpace } from './reserved-space';

const chunks: Record<string, () => Promise<unknown>> = {
  'verity-reviews': () => import('./components/verity-reviews/verity-reviews'),
  'verity-review-form': () => import('./components/verity-review-form/verity-review-form'),
  'verity-questions': () => import('./components/verity-questions/verity-questions'),
  'verity-gallery': () => import('./components/verity-gallery/verity-gallery'),
};
const requested = new Set<string>();

function upgrade(root: ParentNode): void {
  for (const tag of Object.keys(chunks)) {
    if (!requested.has(tag) && root.querySelector(tag)) {
      requested.add(tag);
      void chunks[tag]!();
    }
  }
}

// Until an element's chunk arrives, its tag is an empty inline box; give it the room it will
// take, so the store's page does not move when it upgrades. A constructed sheet, not a <style>:
// a store's CSP may forbid inline styles. Adopted sheets come after the page's own in the
// cascade, so the rules sit in a layer, which any rule of the page's own CSS overrides.
const reserve = new CSSStyleSheet();
reserve.replaceSync(`@layer verity{${reservedSpace}}`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, reserve];

upgrade(document);
new MutationObserver(() => upgrade(document)).observe(document.documentElement, { childList: true, subtree: true });

export {};
