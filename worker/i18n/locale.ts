/** Language tags as platforms send them, and the language Verity writes to a buyer in. */
import { buyerLocales, type Locale } from '../../db/schema';

/** BCP 47-ish: a 2–3 letter language, then subtags; `_` (WordPress's `es_ES`) is accepted and stored as `-`. */
const TAG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/;

/**
 * A platform's language tag in one spelling, or null when it is not one: a
 * platform's odd value must not refuse the order, it only leaves the language unknown.
 *
 * @example normalizeLocaleTag('es_ES') // 'es-ES'
 */
export function normalizeLocaleTag(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag.length > 35 || !TAG.test(tag.trim())) return null;
  return tag.trim().replace(/_/g, '-');
}

export const isLocaleTag = (tag: string) => TAG.test(tag) && tag.length <= 35;

/**
 * The language to write in: the order's if Verity speaks it (by its primary
 * subtag, so `fr-CA` reads French), else the store's, else English.
 *
 * @example pickLocale('de-AT', 'en') // 'de'
 */
export function pickLocale(orderLocale: string | null | undefined, storeLocale: string | null | undefined): Locale {
  for (const tag of [orderLocale, storeLocale]) {
    const primary = tag?.split(/[-_]/)[0]?.toLowerCase();
    if (primary && (buyerLocales as readonly string[]).includes(primary)) return primary as Locale;
  }
  return 'en';
}
