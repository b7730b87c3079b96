import { css } from 'lit';
import { baseStyles } from '../../base/verity-element.styles';

export const styles = [
  baseStyles,
  css`
    :host { display: block; line-height: 1.5; }
    h2 { font-size: 1.25em; margin: 0 0 0.75rem; }
    .bar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
    ul { list-style: none; margin: 0; padding: 0; }
    .question { padding: 1rem 0; border-top: 1px solid var(--_border); }
    .skeleton { height: 9rem; margin-top: 1rem; border-radius: var(--_radius); background: color-mix(in srgb, var(--_border) 35%, transparent); }
    .q { font-weight: 600; }
    .answer { margin: 0.5rem 0 0 1rem; padding-left: 0.75rem; border-left: 3px solid var(--_border); }
    .answer.official { border-color: var(--_accent); }
    .question > .link-button { margin-top: 0.75rem; }
    .meta { color: var(--_muted); font-size: 0.9em; display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .label { font-weight: 600; color: var(--_text); }
    .body :is(p) { margin: 0.25rem 0; }
    input, textarea { box-sizing: border-box; width: 100%; font: inherit; font-weight: 400; color: inherit; background: transparent; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.4rem 0.55rem; margin-top: 0.2rem; }
    /* Room for the longest translated placeholder; the box grows to the end of the row. */
    .search { flex: 1 1 16rem; }
    form { display: grid; gap: 0.5rem; margin-top: 0.5rem; }
    label { font-weight: 600; }
    .primary { justify-self: start; background: var(--_accent); color: var(--_on-accent); border: 0; border-radius: var(--_radius); padding: 0.45rem 1rem; font-weight: 600; }
    .error { color: var(--_danger); margin: 0.25rem 0; }
    .empty { padding: 1rem; border: 1px dashed var(--_border); border-radius: var(--_radius); text-align: center; }
  `,
];
