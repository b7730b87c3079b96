/**
 * Plain text of the HTML Verity's Markdown renderer produced, for places that
 * must not carry markup or Markdown: structured data (`reviewBody`) and feeds.
 * The input is our own renderer's output, so dropping tags is exact; what
 * remains is decoded by a well-kept entity decoder (marked passes a shopper's
 * `&eacute;` through as is).
 */
import { decodeHTML } from 'entities';

const BLOCK_END = /<\/(?:p|li|blockquote|pre|h[1-6]|tr|table|ul|ol)>/gi;

export function htmlToPlainText(html: string): string {
  const text = html.replace(/<br\s*\/?>/gi, '\n').replace(BLOCK_END, '\n').replace(/<[^>]*>/g, '');
  return decodeHTML(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
