import { css } from 'lit';
import { baseStyles } from '../../base/verity-element.styles';

export const styles = [
  baseStyles,
  css`
    :host { display: block; line-height: 1.5; }
    [part='base'] { display: grid; gap: 0.75rem; }
    h2 { font-size: 1.25em; margin: 0; }
    /* As many columns of at least 6.5rem as fit: three on a 390 px phone, more on a desktop. */
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); gap: 0.5rem; margin: 0; padding: 0; list-style: none; }
    .grid .thumb { width: 100%; height: auto; aspect-ratio: 1; }
    p { margin: 0; }
  `,
];
