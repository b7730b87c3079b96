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
 * Messages a page rarely needs come in catalogues of their own that join
 * these when first used (`addMessages`): the review form's (`locales/form/`)
 * with the form, and the sentences for failures and the report dialog
 * (`locales/actions/`) on the first failure or report. A product page never
 * downloads them unless the shopper gets there.
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

type Loaders<T> = Record<TargetLocale, () => Promise<{ templates: T }>>;

const loaders: Loaders<Messages> = {
  de: () => import('./locales/de'),
  fr: () => import('./locales/fr'),
  es: () => import('./locales/es'),
  ja: () => import('./locales/ja'),
};

/** English source text by id: the shared messages, then each added catalogue's once it loads. */
const sources: Record<string, string> = { ...en };
const added: Array<Loaders<Record<string, string>>> = [];

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: Object.keys(loaders),
  loadLocale: (locale) => loadTemplates(locale as TargetLocale),
});

/** A locale's messages, with every added catalogue's joined in. */
async function loadTemplates(locale: TargetLocale): Promise<{ templates: Messages }> {
  const [main, ...more] = await Promise.all([loaders[locale](), ...added.map((catalogue) => catalogue[locale]())]);
  // lit-localize keeps the main module's `templates` object, so the added messages join that object.
  for (const { templates } of more) Object.assign(main.templates, templates);
  return main;
}

/** A catalogue joins: its English, and its translations for this and later locales (the form's module calls this before it defines its element). */
export async function addMessages<T extends Record<string, string>>(english: T, translations: Loaders<T>): Promise<void> {
  Object.assign(sources, english);
  added.push(translations);
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

/** Whether a message is here yet (an added catalogue may not have loaded). */
export const hasMessage = (key: MessageKey): boolean => key in sources;

export type Translate = typeof t;
