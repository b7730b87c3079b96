/**
 * Messages for the elements, through @lit/localize's runtime mode. English is
 * the source locale and ships in the bundle; every other locale is a module of
 * `templates` loaded on first use, so a page pays only for its own language.
 *
 * Messages carry explicit ids (the keys of `locales/en.ts`) rather than
 * lit-localize's content hashes: the catalogues are written by hand and checked
 * by the type system (`satisfies Messages`), with no extraction step a
 * merchant would ever have to run. Placeholders are `{name}`, filled after
 * lookup, so translators can move them freely.
 *
 * lit-localize keeps one active locale per page: an element's `locale`
 * attribute (else the page's `<html lang>`) sets it, and every Verity element
 * re-renders when it changes.
 */
import { configureLocalization, msg } from '@lit/localize';
import { en, type MessageKey, type Messages } from './locales/en';

export const supportedLocales = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Locale = (typeof supportedLocales)[number];
type TargetLocale = Exclude<Locale, 'en'>;

const loaders: Record<TargetLocale, () => Promise<{ templates: Messages }>> = {
  de: () => import('./locales/de'),
  fr: () => import('./locales/fr'),
  es: () => import('./locales/es'),
  ja: () => import('./locales/ja'),
};

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: Object.keys(loaders),
  loadLocale: (locale) => loaders[locale as TargetLocale](),
});

/** The locale asked for: a `locale` attribute, else the page's `<html lang>`, else English. */
export function resolveLocale(requested: string | null | undefined): Locale {
  const tag = (requested || document.documentElement.lang || 'en').toLowerCase().split('-')[0] as Locale;
  return supportedLocales.includes(tag) ? tag : 'en';
}

/** The message `key` in the active locale, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = msg(en[key], { id: key });
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
}

export type Translate = typeof t;
