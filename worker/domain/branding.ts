/** How a store presents itself to its buyers in emails and on hosted pages, and which language it writes in. */
import type { Locale, Store } from '../../db/schema';
import { pickLocale } from '../i18n/locale';
import { storefrontHref } from '../views/store-links';

export interface Brand {
  name: string;
  /** https only: an http image would be blocked or warned about in mail clients and on our https pages. */
  logoUrl: string | null;
  /** Validated hex, so it can go into a style attribute. */
  accent: string;
  /** Where "go to the store" leads, if the store has a storefront. */
  storeUrl: string | undefined;
}

export const DEFAULT_ACCENT = '#4f46e5';
const HEX = /^#(?:[0-9a-fA-F]{3}){1,2}$/;

export function storeBrand(store: Store): Brand {
  const { logoUrl, accentColor } = store.settings;
  return {
    name: store.name,
    logoUrl: logoUrl && logoUrl.startsWith('https://') ? logoUrl : null,
    accent: accentColor && HEX.test(accentColor) ? accentColor : DEFAULT_ACCENT,
    storeUrl: storefrontHref(store),
  };
}

/**
 * The language to write to a buyer in: their order's, else the store's.
 *
 * @example buyerLocale(store, 'de-AT') // 'de'
 */
export const buyerLocale = (store: Store, orderLocale?: string | null): Locale => pickLocale(orderLocale, store.settings.locale);

/** The settings' branding fields as the admin API shows them (stores made before them read as defaults). */
export const storeBrandJson = (s: Store) => ({
  locale: pickLocale(null, s.settings.locale),
  logoUrl: s.settings.logoUrl ?? null,
  accentColor: s.settings.accentColor ?? null,
});
