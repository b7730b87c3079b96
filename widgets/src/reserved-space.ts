/**
 * Room for each element before its code arrives, so a store's page does not
 * move when it upgrades. verity.js adopts this (in a cascade layer, so the
 * page's own rules win); a page that wants it before any script runs puts the
 * same rules in its own CSS (the README and /demo do).
 */
export const reservedSpace =
  'verity-stars:not(:defined){display:inline-block;min-height:1em;min-width:7.5em}' +
  'verity-reviews:not(:defined){display:block;min-height:48rem}verity-questions:not(:defined){display:block;min-height:14rem}';
