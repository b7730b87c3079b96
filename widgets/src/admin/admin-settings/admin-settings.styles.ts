import { css } from 'lit';

export const settingsStyles = css`
  :host {
    display: block;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
    gap: 0.75rem;
    align-items: start;
  }
  .card {
    padding: 1rem;
    display: grid;
    gap: 0.75rem;
    min-width: 0;
  }
  .wide {
    grid-column: 1 / -1;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.35rem;
  }
  label {
    font-weight: 600;
  }
  label > input:not([type='checkbox'], [type='radio']),
  label > textarea {
    display: block;
    width: 100%;
    margin-top: 0.25rem;
    font-weight: 400;
  }
  .hint {
    display: block;
    font-weight: 400;
    font-size: 0.8125rem;
    color: var(--verity-admin-muted);
  }
  p.hint {
    margin: 0;
  }
  label.inline,
  label.choice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    font-weight: 400;
  }
  label.inline input,
  label.choice input {
    margin-top: 0.2rem;
    flex: none;
  }
  .choices {
    gap: 0.5rem;
  }
  .choice strong {
    display: block;
    font-weight: 600;
  }
  .policy {
    margin: 0.25rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--verity-admin-radius);
    background: var(--verity-admin-selected);
  }
  .pair {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.75rem;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
  }
  .keys {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0;
  }
  .keys dt {
    font-weight: 600;
  }
  .keys dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .once {
    border: 1px solid var(--verity-admin-warning);
    border-radius: var(--verity-admin-radius);
    padding: 0.5rem 0.75rem;
  }
  .once p {
    margin: 0 0 0.35rem;
  }
  code {
    font: 0.8125rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
`;
