/**
 * The data model. Counters (product_stats, review vote counts) are kept exact
 * by SQLite triggers defined in a hand-written migration (see
 * db/migrations/0001_counters.sql), so every write path — API, CLI, a future
 * importer — updates them in the same transaction as the row it changes.
 */
export * from './common';
export * from './stores';
export * from './catalogue';
export * from './reviews';
export * from './orders';
export * from './questions';
export * from './admin';
export * from './content-versions';
export * from './insights';
export * from './email-templates';
export * from './media';
export * from './imports';
