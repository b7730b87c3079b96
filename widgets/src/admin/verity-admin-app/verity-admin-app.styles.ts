import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--verity-admin-bg);
  }
  .bar {
    background: var(--verity-admin-surface);
    border-bottom: 1px solid var(--verity-admin-border);
    padding: 0 1rem;
  }
  .top {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    min-height: 3rem;
    flex-wrap: wrap;
  }
  .brand {
    font-weight: 700;
    font-size: 1.05rem;
    color: inherit;
    text-decoration: none;
  }
  .store-name {
    font-weight: 600;
  }
  .user {
    margin-left: auto;
    font-size: 0.8125rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  nav {
    display: flex;
    gap: 0.25rem;
    overflow-x: auto;
    margin: 0 -0.25rem;
  }
  nav a {
    padding: 0.5rem 0.6rem;
    color: var(--verity-admin-muted);
    text-decoration: none;
    font-weight: 600;
    border-bottom: 2px solid transparent;
    white-space: nowrap;
  }
  nav a:hover {
    color: var(--verity-admin-text);
  }
  nav a[aria-current='page'] {
    color: var(--verity-admin-text);
    border-bottom-color: var(--verity-admin-accent);
  }
  .count {
    display: inline-block;
    min-width: 1.3rem;
    padding: 0 0.3rem;
    border-radius: 999px;
    background: var(--verity-admin-accent);
    color: var(--verity-admin-on-accent);
    font-size: 0.7rem;
    text-align: center;
    line-height: 1.3rem;
  }
  main {
    max-width: 82rem;
    margin: 0 auto;
    padding: 1rem;
    outline: none;
  }
  .notice:empty {
    display: none;
  }
  .notice {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.5rem 0.75rem;
    border-radius: var(--verity-admin-radius);
    margin-bottom: 0.75rem;
    border: 1px solid currentColor;
    background: var(--verity-admin-surface);
  }
  .notice.error {
    color: var(--verity-admin-danger);
  }
  .notice.done {
    color: var(--verity-admin-success);
  }
  .loading {
    padding: 2rem;
    text-align: center;
  }
  @media (max-width: 40rem) {
    .bar {
      padding: 0 0.75rem;
    }
    main {
      padding: 0.75rem;
    }
    .user {
      order: 3;
      flex-basis: 100%;
      margin: -0.5rem 0 0.25rem;
    }
    .signout {
      margin-left: auto;
    }
    /* Every page in sight: two rows rather than a strip that hides Outbox and Audit log off-screen. */
    nav {
      flex-wrap: wrap;
      gap: 0 0.1rem;
    }
    nav a {
      padding: 0.45rem 0.5rem;
    }
  }
`;
