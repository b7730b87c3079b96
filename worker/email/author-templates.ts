/** To a review's author: the signed link that lets them edit or delete it, without an account — in their language, with the store's look. */
import type { Brand } from '../domain/branding';
import type { Locale } from '../../db/schema';
import { messages } from '../i18n';
import { simpleEmail } from './templates';

export function editLinkEmail(input: { storeName: string; productName: string; authorName: string; editUrl: string; edited: boolean; locale: Locale; brand: Brand }) {
  const m = messages(input.locale).editLink;
  return simpleEmail({
    subject: m.subject(input.productName),
    paragraphs: [
      m.hi(input.authorName),
      input.edited ? m.saved(input.productName, input.storeName) : m.thanks(input.productName, input.storeName),
      m.personal,
    ],
    action: { label: m.action, url: input.editUrl },
    locale: input.locale,
    brand: input.brand,
  });
}
