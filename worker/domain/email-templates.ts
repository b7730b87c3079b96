/** The merchant's email templates: the editor's view of every kind and language, saving, resetting and the preview. */
import type { Db } from '../../db/client';
import { listEmailTemplates, putEmailTemplate } from '../../db/queries/email-templates';
import { listProducts } from '../../db/queries/products';
import { buyerLocales, emailKinds, type EmailKind, type EmailTemplate, type Locale, type Store } from '../../db/schema';
import { checkPlaceholders, placeholders } from '../email/placeholders';
import { answeredEmail, askBuyerEmail, defaultWording, reviewRequestEmail, type EmailWording } from '../email/templates';
import { storeBrand } from './branding';

const entry = (kind: EmailKind, locale: Locale, own: EmailTemplate | undefined) => ({
  kind,
  locale,
  ...(own ? { subject: own.subject, body: own.body } : defaultWording(kind, locale)),
  custom: Boolean(own),
  placeholders: placeholders[kind].map((p) => `{{${p}}}`),
  updatedAt: own ? new Date(own.updatedAt).toISOString() : null,
});

/** Every kind in every language, the merchant's wording where they wrote one. */
export async function emailTemplateTable(db: Db, storeId: string) {
  const own = await listEmailTemplates(db, storeId);
  return emailKinds.flatMap((kind) => buyerLocales.map((locale) => entry(kind, locale, own.find((t) => t.kind === kind && t.locale === locale))));
}

export const templateEntry = entry;

/** Checks the placeholders (UNKNOWN_PLACEHOLDER names the first unknown one) before anything is written. */
export async function saveEmailTemplate(db: Db, storeId: string, kind: EmailKind, locale: Locale, wording: EmailWording, now: number) {
  checkPlaceholders(kind, 'subject', wording.subject);
  checkPlaceholders(kind, 'body', wording.body);
  const row: EmailTemplate = { storeId, kind, locale, subject: wording.subject, body: wording.body, updatedAt: now };
  await putEmailTemplate(db, row);
  return entry(kind, locale, row);
}

const SAMPLE_PRODUCTS = [
  { name: 'Organic tee', imageUrl: null },
  { name: 'Enamel mug', imageUrl: null },
];

/**
 * Renders what a buyer would receive, with the store's look, a made-up buyer,
 * and the store's own first two products (their names and pictures; made-up
 * ones while the catalogue is empty); rendered by the server so it is the real thing.
 */
export async function previewEmail(db: Db, store: Store, kind: EmailKind, locale: Locale, wording: EmailWording) {
  checkPlaceholders(kind, 'subject', wording.subject);
  checkPlaceholders(kind, 'body', wording.body);
  const brand = storeBrand(store);
  const sample = 'https://example.invalid';
  if (kind === 'request' || kind === 'reminder') {
    const { items } = await listProducts(db, { storeId: store.id, limit: 2 });
    const shown = items.length > 0 ? items : SAMPLE_PRODUCTS;
    return reviewRequestEmail({
      locale,
      brand,
      customerName: 'Alex',
      products: shown.map((p, i) => ({ name: p.name, imageUrl: p.imageUrl, link: `${sample}/r/preview-${i + 1}` })),
      unsubscribeUrl: `${sample}/u/preview`,
      reminder: kind === 'reminder',
      wording,
    });
  }
  if (kind === 'askBuyer') {
    return askBuyerEmail({ locale, brand, buyerName: 'Alex', productName: 'Organic tee', question: 'Does it shrink in the wash?', answerUrl: `${sample}/a/preview`, unsubscribeUrl: `${sample}/u/preview`, wording });
  }
  return answeredEmail({
    locale,
    brand,
    productName: 'Organic tee',
    question: 'Does it shrink in the wash?',
    answer: 'Not at 30 °C.',
    answerKind: 'owner',
    pageUrl: `${sample}/q/preview`,
    acceptUrl: `${sample}/accept/preview`,
    wording,
  });
}
