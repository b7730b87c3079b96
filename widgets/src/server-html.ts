/**
 * Server HTML (reviews, replies, questions, answers) on the storefront. Most
 * bodies are text with some emphasis, which isInert proves harmless: those
 * render as they are. DOMPurify (12 KB gzip, more than a third of what a
 * product page loaded) is imported the first time a body has more in it;
 * until it arrives, and where it cannot run, such a body shows its Markdown
 * source as text, and every element that showed one renders again once it is
 * there.
 */
import { html, type ReactiveElement, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { isInert } from './inert-html';

let purify: typeof import('./purify').purify | undefined;
let loading: Promise<void> | undefined;
const waiting = new Set<ReactiveElement>();

/**
 * @example html`<div class="body">${serverHtml(this, r.bodyHtml, r.body)}</div>`
 */
export function serverHtml(host: ReactiveElement, bodyHtml: string, plainText: string): TemplateResult {
  if (isInert(bodyHtml)) return html`${unsafeHTML(bodyHtml)}`;
  const clean = purify?.(bodyHtml);
  if (typeof clean === 'string') return html`${unsafeHTML(clean)}`;
  if (!purify) {
    waiting.add(host);
    loading ??= import('./purify').then(
      (m) => {
        purify = m.purify;
        for (const el of waiting) el.requestUpdate();
        waiting.clear();
      },
      // An unreachable chunk leaves the text showing; the next render tries again.
      () => void (loading = undefined),
    );
  }
  return html`<p>${plainText}</p>`;
}
