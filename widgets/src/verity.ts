/**
 * The one script a merchant embeds. It defines nothing itself: when a
 * `<verity-…>` tag appears on the page (now or later), the element's own
 * chunk is imported, so a collection page that only shows stars never
 * downloads the reviews list, and nobody downloads the form until they open it.
 */
const chunks: Record<string, () => Promise<unknown>> = {
  'verity-stars': () => import('./components/verity-stars/verity-stars'),
  'verity-reviews': () => import('./components/verity-reviews/verity-reviews'),
  'verity-review-form': () => import('./components/verity-review-form/verity-review-form'),
  'verity-questions': () => import('./components/verity-questions/verity-questions'),
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

upgrade(document);
new MutationObserver(() => upgrade(document)).observe(document.documentElement, { childList: true, subtree: true });

export {};
