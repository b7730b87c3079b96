/**
 * Server HTML (already rendered by the worker, raw HTML escaped) through
 * DOMPurify, for a template: the dashboard and the form's preview. The
 * storefront's lists use server-html.ts, which loads DOMPurify only when a
 * body needs it.
 */
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { purify } from './purify';

/** Safe HTML for a template, or the Markdown source as plain text where DOMPurify cannot run. */
export function safeHtml(serverHtml: string, plainText: string): TemplateResult {
  const clean = purify(serverHtml);
  return clean === null ? html`<p>${plainText}</p>` : html`${unsafeHTML(clean)}`;
}
