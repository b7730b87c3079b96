/** Text made safe inside HTML (and XML) content and quoted attributes. */

/**
 * Escapes the five characters that can end text or an attribute value. `'`
 * becomes `&#39;`, not `&apos;`, which some email clients do not know.
 *
 * @example escapeHtml(`<a href="x">'&'</a>`) // '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
 */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
