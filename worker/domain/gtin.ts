/**
 * Global Trade Item Numbers as Google matches reviews to products by them:
 * GTIN-8, UPC (12), EAN (13) or GTIN-14, with a valid check digit. Platforms
 * put anything in a "barcode" field (internal codes, ISBNs with dashes, "N/A");
 * only a real GTIN is kept, so the feed and structured data never carry one
 * Google would reject.
 */

/** The GTIN in `raw` (spaces and dashes ignored), or null when it is not one. */
export function normalizeGtin(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const digits = String(raw).replace(/[\s-]/g, '');
  if (!/^(?:\d{8}|\d{12,14})$/.test(digits) || /^0+$/.test(digits)) return null;
  // GS1 check digit: weights 3 and 1 alternate from the right, next to the check digit.
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]) ? digits : null;
}
