/** The styles every element built on VerityElement starts from; each component's styles file puts its own after them. */
import { css } from 'lit';

/**
 * Theme tokens; a merchant overrides any of them with CSS. Light or dark
 * comes from the CSS `color-scheme` the element inherits from the page
 * (`theme="auto"`): a page that declares `color-scheme: light dark` gets
 * elements that follow prefers-color-scheme, and a light-only store never
 * shows light text on its white page. `theme="light|dark"` forces one.
 *
 * After the tokens: the controls more than one element draws, written once.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--verity-accent, light-dark(#4f46e5, #a5b4fc));
    --_on-accent: var(--verity-on-accent, light-dark(#fff, #111827));
    --_star: var(--verity-star-color, #f59e0b);
    --_text: var(--verity-text, light-dark(#1f2937, #f3f4f6));
    --_muted: var(--verity-muted, light-dark(#4b5563, #c4c9d2));
    --_bg: var(--verity-background, transparent);
    --_border: var(--verity-border, light-dark(#d1d5db, #4b5563));
    --_radius: var(--verity-radius, 8px);
    --_danger: light-dark(#b91c1c, #fca5a5);
    --_success: light-dark(#047857, #6ee7b7);
    color: var(--_text);
    background: var(--_bg);
    font: inherit;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  /* On a phone, or wherever a finger points, every control is a 44 px target (WCAG 2.5.5). */
  @media (max-width: 40rem), (pointer: coarse) {
    button,
    select,
    input:not([type='radio'], [type='checkbox']),
    .check {
      min-height: 2.75rem;
    }
  }
  .link-button { background: none; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.2rem 0.6rem; color: inherit; font-size: 0.9em; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
