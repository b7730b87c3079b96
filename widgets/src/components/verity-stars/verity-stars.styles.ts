/**
 * The badge's stylesheet, as plain strings: the collection page loads no Lit,
 * and <verity-reviews> draws its stars with the same rules (through unsafeCSS).
 */

// Not Lit's css: the build minifies every css`` template, and String.raw leaves this one a string.
const css = String.raw;

export const starStyles = css`
  .stars { position: relative; display: inline-block; color: var(--_border); letter-spacing: 1px; line-height: 1; white-space: nowrap; }
  .stars-fill { position: absolute; inset: 0 auto 0 0; overflow: hidden; color: var(--_star); }
`;

/** Free of the base's tokens (the stars page loads no base): it defines the three it reads. */
export const styles =
  starStyles +
  css`
    :host { --_star: var(--verity-star-color, #f59e0b); --_border: var(--verity-border, light-dark(#d1d5db, #6b7280)); --_muted: var(--verity-muted, light-dark(#4b5563, #c4c9d2)); display: inline-block; min-height: 1.25em; }
    @media (pointer: coarse), (max-width: 40rem) { a { min-height: 44px; } }
    :host([theme='light']) { color-scheme: light; }
    :host([theme='dark']) { color-scheme: dark; }
    a { display: inline-flex; gap: 0.35em; align-items: center; color: inherit; text-decoration: none; }
    a:hover .count { text-decoration: underline; }
    .count { color: var(--_muted); font-size: 0.9em; }
  `;
