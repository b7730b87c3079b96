/** JSON-LD that is safe wherever it lands: a response body, or a <script> in someone's page. */

/**
 * JSON with `<`, `>` and `&` escaped, so no value can close a <script> element
 * or open a comment, and U+2028/2029 escaped for the consumers that still parse
 * JSON as JavaScript. Lone surrogates are already escaped by JSON.stringify.
 */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The <script type="application/ld+json"> element for `value`, as an HTML string. */
export const jsonLdScript = (value: unknown): string => `<script type="application/ld+json">${scriptJson(value)}</script>`;
