/**
 * The one spelling of an email address that Verity stores and compares:
 * trimmed and lower-cased, so "Ann@Example.com " and "ann@example.com" are one
 * author, one buyer and one unsubscribe. db/queries applies it on every write
 * and every lookup, so no caller has to remember to.
 *
 * Lower-casing the local part is a simplification the standard does not make,
 * but no mail provider in use treats case as significant, and a buyer who
 * types their address differently must not escape an unsubscribe.
 *
 * @example
 * normalizeEmail(' Ann@Example.COM ') // 'ann@example.com'
 */
export const normalizeEmail = (address: string): string => address.trim().toLowerCase();
