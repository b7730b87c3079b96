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
 * The review form's messages live in `locales/form/` and arrive with the
 * form (`addFormMessages`), so a product page never downloads them unless the
 * shopper opens it.
 *
 * lit-localize keeps one active locale per page: an element's `locale`
 * attribute (else the page's `<html lang>`) sets it, and every Verity element
 * re-renders when it changes.
 */
import { configureLocalization, msg } from '@lit/localize';
import { en, type MessageKey, type Messages } from './locales/en';
import type { FormMessages } from './locales/form/en';

export const supportedLocales = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Locale = (typeof supportedLocales)[number];
type TargetLocale = Exclude<Locale, 'en'>;

type Loaders<T> = Record<TargetLocale, () => Promise<{ templates: T }>>;

const loaders: Loaders<Messages> = {
  de: () => import('./locales/de'),
  fr: () => import('./locales/fr'),
  es: () => import('./locales/es'),
  ja: () => import('./locales/ja'),
};

/** English source text by id: the shared messages, then the form's once it loads. */
const sources: Record<string, string> = { ...en };
let formLoaders: Loaders<FormMessages> | undefined;

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: Object.keys(loaders),
  loadLocale: (locale) => loadTemplates(locale as TargetLocale),
});

/** A locale's messages, with the form's joined in once the form has loaded. */
async function loadTemplates(locale: TargetLocale): Promise<{ templates: Messages }> {
  const [main, form] = await Promise.all([loaders[locale](), formLoaders?.[locale]()]);
  // lit-localize keeps the main module's `templates` object, so the form's messages join that object.
  if (form) Object.assign(main.templates, form.templates);
  return main;
}

/** Called by the form's module before it defines its element: its English, and its translations for this and later locales. */
export async function addFormMessages(english: FormMessages, translations: Loaders<FormMessages>): Promise<void> {
  Object.assign(sources, english);
  formLoaders = translations;
  const locale = getLocale() as Locale;
  if (locale !== 'en') await loadTemplates(locale);
}

/** The locale asked for: a `locale` attribute, else the page's `<html lang>`, else English. */
export function resolveLocale(requested: string | null | undefined): Locale {
  const tag = (requested || document.documentElement.lang || 'en').toLowerCase().split('-')[0] as Locale;
  return supportedLocales.includes(tag) ? tag : 'en';
}

const intlCache = new Map<string, unknown>();

/**
 * One Intl object per locale and purpose: building them is far slower than
 * using them, and a list renders a date and a number per review.
 */
export function intl<T>(purpose: string, make: (locale: string) => T): T {
  const locale = getLocale();
  const key = `${locale}|${purpose}`;
  let made = intlCache.get(key) as T | undefined;
  if (made === undefined) intlCache.set(key, (made = make(locale)));
  return made;
}

/**
 * The message `key` in the active locale, with `{name}` placeholders filled
 * from `vars`. A numeric `count` picks the `…One` form where the locale's
 * plural rules say "one" (1 in English; 0 and 1 in French) and that form exists.
 */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  if (typeof vars?.count === 'number' && `${key}One` in sources) {
    if (intl('plural', (l) => new Intl.PluralRules(l)).select(vars.count) === 'one') key = `${key}One` as MessageKey;
  }
  const text = msg(sources[key] ?? key, { id: key });
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
}

export type Translate = typeof t;
