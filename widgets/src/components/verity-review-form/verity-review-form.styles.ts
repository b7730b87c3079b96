import { css } from 'lit';
import { baseStyles } from '../../base/verity-element.styles';

export const styles = [
  baseStyles,
  css`
    :host { display: block; }
    form { display: grid; gap: 0.75rem; padding: 1rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    fieldset { border: 0; margin: 0; padding: 0; }
    legend, label { font-weight: 600; }
    .stars { position: relative; display: flex; }
    .stars input { position: absolute; opacity: 0; width: 1px; height: 1px; }
    /* Each star is a 44 px target, and fills up to the rating (or, with a mouse, up to the pointer). */
    .stars label { display: inline-flex; align-items: center; justify-content: center; min-width: 2.75rem; min-height: 2.75rem; font-size: 1.8rem; line-height: 1; color: var(--_border); cursor: pointer; }
    .stars label.on { color: var(--_star); }
    @media (hover: hover) {
      .stars:hover label { color: var(--_star); }
      .stars label:hover ~ label { color: var(--_border); }
    }
    .stars input:focus-visible + label { outline: 2px solid var(--_accent); outline-offset: -2px; border-radius: 4px; }
    input[type='text'], input[type='email'], textarea { box-sizing: border-box; width: 100%; min-height: 2.75rem; font: inherit; font-weight: 400; color: inherit; background: transparent; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.45rem 0.6rem; margin-top: 0.25rem; }
    textarea { min-height: 7rem; }
    .hint { color: var(--_muted); font-size: 0.85em; margin: 0.25rem 0 0; }
    .error { color: var(--_danger); font-size: 0.9em; margin: 0.25rem 0 0; }
    .preview { border-left: 3px solid var(--_border); padding-left: 0.75rem; }
    .hp { position: absolute; left: -10000px; }
    button[type='submit'] { justify-self: start; min-height: 2.75rem; background: var(--_accent); color: var(--_on-accent); border: 0; border-radius: var(--_radius); padding: 0.55rem 1.1rem; font-weight: 600; }
    .drop { padding: 0.75rem; border: 1px dashed var(--_border); border-radius: var(--_radius); }
    /* width 100%, not its intrinsic width: a file input's own is wider than a phone's form (it pushed the page to 427 px). */
    .drop input[type='file'] { display: block; box-sizing: border-box; width: 100%; margin-top: 0.35rem; font: inherit; font-weight: 400; min-height: 2.75rem; }
    .media { display: grid; gap: 0.5rem; margin: 0; padding: 0; list-style: none; }
    .media li { display: flex; gap: 0.75rem; align-items: center; }
    .media img, .media .placeholder { width: 4.5rem; height: 4.5rem; object-fit: cover; border-radius: var(--_radius); background: color-mix(in srgb, var(--_border) 35%, transparent); flex: none; }
    .media-state { display: grid; gap: 0.25rem; justify-items: start; min-width: 0; overflow-wrap: anywhere; }
    .media progress { width: 10rem; max-width: 100%; }
    .done { padding: 1rem; border-radius: var(--_radius); background: color-mix(in srgb, var(--_accent) 10%, transparent); }
  `,
];
