/** The events Verity's elements fire, all bubbling and composed so the host page hears them. */

export interface VerityEventMap {
  /** A review was accepted; `status` says whether it shows now or after moderation. */
  'verity-review-submitted': CustomEvent<{ id: string; status: string; product: string }>;
  /** A question was accepted. */
  'verity-question-submitted': CustomEvent<{ id: string; status: string; product: string }>;
  /** An element has its first data (<verity-gallery> says how many photos: `count`). */
  'verity-loaded': CustomEvent<{ product: string; count?: number }>;
}

export function emit<K extends keyof VerityEventMap>(from: HTMLElement, name: K, detail: VerityEventMap[K]['detail']): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap extends VerityEventMap {}
  // They bubble out of shadow roots, so a page (or a badge elsewhere on it) can listen on document.
  interface DocumentEventMap extends VerityEventMap {}
}
