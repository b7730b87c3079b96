/** Every language Verity writes to buyers in, in one table: `Record<Locale, Messages>` fails the type check when one is missing. */
import type { Locale } from '../../db/schema';
import { de } from './de';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { ja } from './ja';

export type { Messages };
export { pickLocale, normalizeLocaleTag } from './locale';

const catalogue: Record<Locale, Messages> = { en, de, fr, es, ja };

export const messages = (locale: Locale): Messages => catalogue[locale];
