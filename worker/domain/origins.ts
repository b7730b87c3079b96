/**
 * Which browser origins may write to a store's public API. Reads are public
 * data and open to every origin; writes (reviews, questions, votes, reports)
 * come only from the origins a merchant lists: `*`, an exact origin such as
 * `https://shop.example`, or every subdomain of one, `https://*.shop.example`
 * (any depth, not the bare domain itself — list that too if it sells).
 */

const WILDCARD = '*.';

/** Enough for every storefront, staging site and market domain a store has. */
export const MAX_ALLOWED_ORIGINS = 50;

/** Why `pattern` is not an allowed-origin pattern, or null when it is one. */
export function originPatternProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  const scheme = /^(https?):\/\//.exec(pattern);
  if (!scheme) return `${JSON.stringify(pattern)} is not an origin such as https://shop.example or https://*.shop.example`;
  const rest = pattern.slice(scheme[0].length);
  // A wildcard stands for whole labels in front of a real domain; checked as if it were one label.
  const probe = rest.startsWith(WILDCARD) ? `${scheme[0]}x.${rest.slice(WILDCARD.length)}` : pattern;
  if (rest.startsWith(WILDCARD) && !rest.slice(WILDCARD.length).includes('.')) {
    return `${JSON.stringify(pattern)} would match every domain under a top-level domain; name the store's own domain`;
  }
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return `${JSON.stringify(pattern)} is not an origin such as https://shop.example`;
  }
  if (url.origin !== probe || url.hostname.includes('*')) {
    return `${JSON.stringify(pattern)} must be just scheme://host[:port] (a "*." may only open the host), no path or trailing slash`;
  }
  return null;
}

/** True when `origin` (as a browser sends it) matches one of the store's patterns. */
export function originAllowed(patterns: readonly string[], origin: string): boolean {
  for (const pattern of patterns) {
    if (pattern === '*' || pattern === origin) return true;
    const star = pattern.indexOf(`://${WILDCARD}`);
    if (star < 0) continue;
    const scheme = pattern.slice(0, star + 3);
    const suffix = pattern.slice(star + 3 + WILDCARD.length);
    if (!origin.startsWith(scheme)) continue;
    const host = origin.slice(scheme.length);
    // "." + suffix keeps https://*.shop.example from matching https://evilshop.example.
    if (host.endsWith(`.${suffix}`) && host.length > suffix.length + 1) return true;
  }
  return false;
}
