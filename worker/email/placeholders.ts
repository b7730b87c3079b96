/**
 * The {{placeholders}} a merchant's email text may use, per email kind. A fixed
 * allow-list: a template is plain text, its values are filled in as text and
 * escaped where they meet HTML, so neither a template nor a buyer's name can
 * put markup into an email.
 */
import type { EmailKind } from '../../db/schema';
import { ApiError } from '../errors';

export const placeholders = {
  request: ['customerName', 'storeName', 'productNames'],
  reminder: ['customerName', 'storeName', 'productNames'],
  askBuyer: ['customerName', 'storeName', 'productName'],
  answered: ['storeName', 'productName', 'answeredBy'],
} as const satisfies Record<EmailKind, readonly string[]>;

export type PlaceholderValues<K extends EmailKind> = Record<(typeof placeholders)[K][number], string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Throws UNKNOWN_PLACEHOLDER naming the first placeholder `kind` does not offer. */
export function checkPlaceholders(kind: EmailKind, field: string, text: string): void {
  const allowed: readonly string[] = placeholders[kind];
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(name!)) {
      throw new ApiError('UNKNOWN_PLACEHOLDER', `${field}: {{${name}}} is not a placeholder of the ${kind} email; use ${allowed.map((p) => `{{${p}}}`).join(', ')}`, {
        placeholder: name,
        field,
        allowed,
      });
    }
  }
}

/**
 * Fills a checked template. An empty value takes the space before it along,
 * so "Hi {{customerName}}," reads "Hi," for a buyer without a name.
 *
 * @example fill('Hi {{customerName}},', { customerName: '' }) // 'Hi,'
 */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/( ?)\{\{\s*([^{}]*?)\s*\}\}/g, (_m, space: string, name: string) => {
    const value = values[name] ?? '';
    return value === '' ? '' : `${space}${value}`;
  });
}
