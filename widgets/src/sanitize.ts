/**
 * Server HTML (already rendered by the worker, raw HTML escaped) passes
 * through DOMPurify as the last step before it is rendered: defence in
 * depth, with a tight allow-list.
 */
import DOMPurify from 'dompurify';
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';

const config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ALLOWED_ATTR: ['href', 'title', 'rel', 'src', 'alt', 'loading'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'template'],
};

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'IMG' && !/^https:/i.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
});

/** Safe HTML for a template, or the Markdown source as plain text where DOMPurify cannot run. */
export function safeHtml(serverHtml: string, plainText: string): TemplateResult {
  if (!DOMPurify.isSupported) return html`<p>${plainText}</p>`;
  return html`${unsafeHTML(DOMPurify.sanitize(serverHtml, config) as unknown as string)}`;
}
