/**
 * Whether server HTML can do nothing but show text, so it may skip DOMPurify.
 * The whole string must be text, character references, and these tags with
 * no attributes at all: DOMPurify's allow-list less the ones that carry a
 * URL (a, img), that the parser rearranges (table) or that marked gives an
 * attribute (pre's code). None is raw text, foreign content or a form
 * control, so whatever their nesting the parse is those elements and text.
 * Anything else — an attribute, another tag, a comment, a `<`, `>` or `&` on
 * its own — and the body goes through DOMPurify.
 */
const INERT = /^(?:[^<>&]|&(?:[a-z][a-z\d]{1,31}|#\d{1,7}|#x[\da-f]{1,6});|<\/?(?:p|strong|em|del|code|blockquote|ul|ol|li)>|<br>)*$/i;

/**
 * @example
 * isInert('<p>Great <strong>tee</strong> &amp; fast</p>\n') // true
 * isInert('<p><a href="https://example.com/">x</a></p>') // false: it goes through DOMPurify
 */
export function isInert(html: string): boolean {
  return INERT.test(html);
}
