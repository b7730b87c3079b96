/**
 * DOMPurify with Verity's allow-list, the last step before server HTML is
 * rendered: defence in depth. No Lit here, so the storefront can import it
 * lazily as a chunk of its own (see server-html.ts).
 */
import DOMPurify from 'dompurify';

const config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ALLOWED_ATTR: ['href', 'title', 'rel', 'src', 'alt', 'loading'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'template'],
};

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'IMG' && !/^https:/i.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
});

/**
 * The allow-listed part of `html`, or null where DOMPurify cannot run (then show the text instead).
 *
 * @example purify('<p onclick="x()">hi</p>') // '<p>hi</p>'
 */
export function purify(html: string): string | null {
  return DOMPurify.isSupported ? (DOMPurify.sanitize(html, config) as unknown as string) : null;
}
