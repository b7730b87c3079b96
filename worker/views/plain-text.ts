/**
 * Plain text from the HTML that worker/domain/markdown.ts rendered, for outputs that
 * want what a reader sees rather than Markdown syntax: structured data
 * (`reviewBody`, QAPage `text`) and a review feed's content. The HTML is our own renderer's, so its tags are few and
 * well-formed, and any `<` a reviewer typed is already an entity: removing the
 * tags and decoding entities leaves exactly the visible text.
 */
import { decodeHTML } from 'entities/decode';

/**
 * @example
 * htmlToPlainText('<p><strong>Great</strong> tee<br>fits well</p>\n<p>&lt;3</p>') // 'Great tee\nfits well\n\n<3'
 */
export function htmlToPlainText(html: string): string {
  const text = html
    // The renderer's own line breaks between tags are not text.
    .replace(/>\s*\n\s*</g, '><')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '- ')
    .replace(/<\/(?:li|tr)>/gi, '\n')
    .replace(/<\/(?:p|div|blockquote|pre|ul|ol|table)>/gi, '\n\n')
    .replace(/<img\b[^>]*?\balt="([^"]*)"[^>]*>/gi, '$1')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
