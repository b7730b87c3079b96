/**
 * The dashboard's look, shared by every page: system fonts, colours as custom
 * properties (light and dark from the browser's colour scheme), dense tables,
 * visible focus, 44 px targets on touch screens. Adopted stylesheets only:
 * the /admin CSP allows no inline style.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --verity-admin-bg: light-dark(#f6f7f9, #111418);
    --verity-admin-surface: light-dark(#ffffff, #1a1e24);
    --verity-admin-text: light-dark(#1b1f24, #e8eaed);
    --verity-admin-muted: light-dark(#57606a, #a3abb5);
    --verity-admin-border: light-dark(#d8dde3, #353b44);
    --verity-admin-accent: light-dark(#3b46c4, #9aa5ff);
    --verity-admin-on-accent: light-dark(#ffffff, #111418);
    --verity-admin-selected: light-dark(#eef0ff, #262c4a);
    --verity-admin-danger: light-dark(#b42318, #ff9b8f);
    --verity-admin-success: light-dark(#0f6b3a, #7ad7a0);
    --verity-admin-warning: light-dark(#8a5300, #f2c46d);
    --verity-admin-radius: 6px;
    color-scheme: light dark;
    color: var(--verity-admin-text);
    font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  }
`;

export const controls = css`
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--verity-admin-accent);
    outline-offset: 2px;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h1 {
    font-size: 1.25rem;
  }
  h2 {
    font-size: 1rem;
  }
  a {
    color: var(--verity-admin-accent);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--verity-admin-border);
    background: var(--verity-admin-surface);
    border-radius: var(--verity-admin-radius);
    padding: 0.3rem 0.7rem;
    min-height: 2rem;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    border-color: var(--verity-admin-muted);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  button.primary {
    background: var(--verity-admin-accent);
    border-color: var(--verity-admin-accent);
    color: var(--verity-admin-on-accent);
    font-weight: 600;
  }
  button.danger {
    color: var(--verity-admin-danger);
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-height: 0;
    color: var(--verity-admin-accent);
    text-decoration: underline;
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    border: 1px solid var(--verity-admin-border);
    background: var(--verity-admin-surface);
    border-radius: var(--verity-admin-radius);
    padding: 0.3rem 0.5rem;
    min-height: 2rem;
    max-width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1rem;
    height: 1rem;
    accent-color: var(--verity-admin-accent);
    margin: 0;
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  label {
    display: block;
  }
  .muted {
    color: var(--verity-admin-muted);
  }
  .card {
    background: var(--verity-admin-surface);
    border: 1px solid var(--verity-admin-border);
    border-radius: var(--verity-admin-radius);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .badge {
    display: inline-block;
    border: 1px solid var(--verity-admin-border);
    border-radius: 999px;
    padding: 0 0.45rem;
    font-size: 0.75rem;
    line-height: 1.25rem;
    white-space: nowrap;
    color: var(--verity-admin-muted);
  }
  .badge.pending {
    color: var(--verity-admin-warning);
    border-color: currentColor;
  }
  .badge.published,
  .badge.sent,
  .badge.verified {
    color: var(--verity-admin-success);
    border-color: currentColor;
  }
  .badge.rejected,
  .badge.spam,
  .badge.failed,
  .badge.reported {
    color: var(--verity-admin-danger);
    border-color: currentColor;
  }
  .stars {
    color: light-dark(#a15c00, #f2c46d);
    letter-spacing: 1px;
    white-space: nowrap;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--verity-admin-surface);
  }
  th,
  td {
    text-align: left;
    padding: 0.45rem 0.6rem;
    border-bottom: 1px solid var(--verity-admin-border);
    vertical-align: top;
  }
  th {
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--verity-admin-muted);
    font-weight: 600;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--verity-admin-border);
    border-radius: var(--verity-admin-radius);
  }
  .table-wrap tr:last-child td {
    border-bottom: 0;
  }
  .page-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 0.75rem;
  }
  .empty {
    padding: 2rem 1rem;
    text-align: center;
    color: var(--verity-admin-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .markdown p {
    margin: 0 0 0.5em;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  @media (max-width: 40rem), (pointer: coarse) {
    button,
    select,
    input:not([type='checkbox'], [type='radio']) {
      min-height: 2.75rem;
    }
    input[type='checkbox'],
    input[type='radio'] {
      width: 1.25rem;
      height: 1.25rem;
    }
  }
`;

export const pageStyles = [tokens, controls];
