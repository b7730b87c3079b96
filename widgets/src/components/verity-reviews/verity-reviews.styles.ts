import { css, unsafeCSS } from 'lit';
import { baseStyles } from '../../base/verity-element.styles';
import { starStyles } from '../verity-stars/verity-stars.styles';

export const styles = [
  baseStyles,
  unsafeCSS(starStyles),
  css`
    :host { display: block; line-height: 1.5; }
    [part='base'] { display: grid; gap: 1rem; align-content: start; }
    h2 { font-size: 1.25em; margin: 0; }
    /* The histogram sits beside the average while both fit, and takes a full row of its own when they do not (a phone). */
    .summary { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; min-height: 8.5rem; }
    .summary > * { flex: 1 1 18rem; }
    .summary > :first-child { flex: 0 0 auto; min-width: 10rem; }
    .average { font-size: 2.25em; font-weight: 700; line-height: 1; }
    .muted { color: var(--_muted); font-size: 0.9em; }
    .bars { display: grid; gap: 0.25rem; margin: 0; padding: 0; list-style: none; }
    .bar { display: grid; grid-template-columns: 3.5em 1fr 2.5em; gap: 0.5rem; align-items: center; width: 100%; background: none; border: 0; padding: 0.1rem; color: inherit; text-align: left; border-radius: 4px; }
    .bar[aria-pressed='true'] { background: color-mix(in srgb, var(--_accent) 15%, transparent); }
    .track { height: 0.6rem; border-radius: 999px; background: color-mix(in srgb, var(--_border) 60%, transparent); overflow: hidden; }
    .fill { display: block; height: 100%; background: var(--_star); }
    .controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
    select, input[type='search'] { font: inherit; color: inherit; background: transparent; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.35rem 0.5rem; }
    /* Room for the longest translated placeholder; the box grows to the end of the row. */
    .search { flex: 1 1 16rem; }
    .search input { box-sizing: border-box; width: 100%; }
    .check { display: inline-flex; gap: 0.4rem; align-items: center; }
    select option { color: #111; }
    .list { display: grid; gap: 0; margin: 0; padding: 0; list-style: none; }
    .review { padding: 1rem 0; border-top: 1px solid var(--_border); }
    .review h3 { font-size: 1em; margin: 0.25rem 0; }
    .meta { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; color: var(--_muted); font-size: 0.9em; }
    .badge { color: var(--_success); font-weight: 600; }
    .body :is(p, ul, ol) { margin: 0.35rem 0; }
    .body img { max-width: 100%; height: auto; }
    .reply { margin: 0.5rem 0 0 1rem; padding: 0.5rem 0.75rem; border-left: 3px solid var(--_accent); background: color-mix(in srgb, var(--_accent) 6%, transparent); border-radius: 0 var(--_radius) var(--_radius) 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.5rem; }
    .note { color: var(--_success); font-size: 0.9em; }
    .report { margin-top: 0.5rem; padding: 0.75rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .report fieldset { display: grid; gap: 0.25rem; border: 0; margin: 0; padding: 0; }
    .report legend { font-weight: 600; margin-bottom: 0.25rem; }
    .error { color: var(--_danger); margin: 0.5rem 0 0; }
    .primary { background: var(--_accent); color: var(--_on-accent); border: 0; border-radius: var(--_radius); padding: 0.5rem 1rem; font-weight: 600; }
    .empty { padding: 1.5rem; text-align: center; border: 1px dashed var(--_border); border-radius: var(--_radius); }
    .review-skeleton { height: 6.5rem; margin: 1rem 0 1.25rem; }
    .skeleton { height: 5rem; border-radius: var(--_radius); background: color-mix(in srgb, var(--_border) 35%, transparent); }
  `,
];
