/**
 * The API's error codes (worker/errors.ts) as sentences for a shopper, in the
 * page's language: elements never show the API's own message, which is
 * English and written for developers. The sentences, keyed by code, come in a
 * catalogue of their own (locales/actions/), fetched on the first failure or
 * report, so a product page where nothing fails never downloads them. "Could
 * not connect" ships with the page: when the network is down, that catalogue
 * cannot arrive either.
 */
import { ApiFailure } from './api';
import { addMessages, hasMessage, t } from './i18n';
import type { MessageKey } from './locales/en';

let loading: Promise<void> | undefined;

/** Brings the sentences and the report dialog's words; a failed load is tried again next time. */
export function loadActionMessages(): Promise<void> {
  return (loading ??= import('./locales/actions/en')
    .then(({ enActions }) =>
      addMessages(enActions, {
        de: () => import('./locales/actions/de'),
        fr: () => import('./locales/actions/fr'),
        es: () => import('./locales/actions/es'),
        ja: () => import('./locales/actions/ja'),
      }),
    )
    .catch(() => {
      loading = undefined;
    }));
}

/**
 * What to tell the shopper about `err`, in the active locale: the sentence for
 * its code, with `suffix` for an element whose wording differs (questions are
 * not reviews); the generic "Something went wrong" for a code without one.
 *
 * @example this.notice = await errorMessage(err, '_QUESTIONS');
 */
export async function errorMessage(err: unknown, suffix = ''): Promise<string> {
  const code = err instanceof ApiFailure ? err.error.code : '';
  if (code === 'NETWORK') return t('errNetwork');
  await loadActionMessages();
  const key = [code + suffix, code].find((k) => hasMessage(k as MessageKey)) as MessageKey | undefined;
  return t(key ?? 'error');
}
