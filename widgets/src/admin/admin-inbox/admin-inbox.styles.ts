import { css } from 'lit';

export const inboxStyles = css`
  :host {
    display: block;
  }
  .tabs {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--verity-admin-border);
    margin-bottom: 0.75rem;
    overflow-x: auto;
  }
  [role='tab'] {
    border: 0;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: none;
    padding: 0.45rem 0.75rem;
    color: var(--verity-admin-muted);
    font-weight: 600;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--verity-admin-text);
    border-bottom-color: var(--verity-admin-accent);
  }
  .count {
    display: inline-block;
    min-width: 1.4rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    background: var(--verity-admin-selected);
    color: var(--verity-admin-text);
    font-size: 0.75rem;
    text-align: center;
  }
  .filters {
    margin-bottom: 0.5rem;
  }
  .filters .search {
    flex: 1 1 16rem;
  }
  .filters .search input {
    width: 100%;
  }
  .bulk {
    margin-bottom: 0.5rem;
  }
  .check {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    margin-right: 0.25rem;
  }
  kbd {
    font: 0.7rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    border: 1px solid var(--verity-admin-border);
    border-radius: 3px;
    padding: 0 0.25rem;
    color: var(--verity-admin-muted);
  }
  .split.wide {
    display: grid;
    grid-template-columns: minmax(22rem, 2fr) 3fr;
    gap: 0.75rem;
    align-items: start;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    background: var(--verity-admin-surface);
    border: 1px solid var(--verity-admin-border);
    border-radius: var(--verity-admin-radius);
  }
  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 0.6rem;
    padding: 0.55rem 0.7rem;
    border-bottom: 1px solid var(--verity-admin-border);
    border-left: 3px solid transparent;
  }
  .item:last-child {
    border-bottom: 0;
  }
  .item > input {
    margin-top: 0.2rem;
  }
  .item.current {
    border-left-color: var(--verity-admin-accent);
    background: var(--verity-admin-selected);
  }
  .item.selected:not(.current) {
    background: light-dark(#f7f8ff, #1f2438);
  }
  .open {
    all: unset;
    display: grid;
    gap: 0.15rem;
    min-width: 0;
    cursor: pointer;
    border-radius: 3px;
  }
  .open:focus-visible {
    outline: 2px solid var(--verity-admin-accent);
    outline-offset: 2px;
  }
  .inline-detail {
    grid-column: 1 / -1;
    margin-top: 0.75rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--verity-admin-border);
  }
  .detail {
    padding: 1rem;
    position: sticky;
    top: 0.75rem;
  }
  .decide {
    margin-bottom: 1rem;
  }
  .answers {
    margin-bottom: 1rem;
  }
  .answers h3 {
    font-size: 0.875rem;
    margin-bottom: 0.25rem;
  }
  .more {
    margin-top: 0.5rem;
    width: 100%;
  }
  dialog.help {
    padding: 1.25rem;
    max-width: 26rem;
    width: calc(100% - 2rem);
  }
  dialog.help::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.35rem 1rem;
    margin: 1rem 0;
  }
  dd {
    margin: 0;
  }
  .inline-detail .body {
    margin-bottom: 0.75rem;
  }
  @media (max-width: 40rem) {
    .filters {
      display: grid;
      grid-template-columns: 1fr;
    }
    .fold summary {
      cursor: pointer;
      min-height: 2.75rem;
      display: flex;
      align-items: center;
      font-weight: 600;
      color: var(--verity-admin-accent);
    }
    .fold .selects {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.5rem;
    }
    .filters select {
      width: 100%;
    }
    .bulk {
      gap: 0.35rem;
    }
    .bulk kbd,
    .shortcuts {
      display: none;
    }
  }
  @media (pointer: coarse) {
    .bulk kbd,
    .shortcuts {
      display: none;
    }
  }
`;
