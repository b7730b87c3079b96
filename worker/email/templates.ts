/**
 * Buyers' emails (review requests, questions to past buyers, answers), in
 * HTML and plain text, in the buyer's language and the store's colours.
 * The wording is a template (the merchant's or the built-in one, plain text
 * with placeholders); everything interpolated is escaped. The HTML is tables
 * and inline styles, which is what Gmail and Outlook keep.
 */
import type { EmailKind, Locale } from '../../db/schema';
import type { Brand } from '../domain/branding';
import { messages, type Messages } from '../i18n';
import { escapeHtml } from '../lib/html';
import { fill, type PlaceholderValues } from './placeholders';

/** A subject and a body of plain text with placeholders: a merchant's (email_templates) or the default. */
export interface EmailWording {
  subject: string;
  body: string;
}

export const defaultWording = (kind: EmailKind, locale: Locale): EmailWording => messages(locale).templates[kind];

const STAR = '#f59e0b';

/** The body as paragraphs: blank lines part them, single newlines are kept as line breaks. */
const paragraphs = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
const htmlParagraphs = (body: string) => paragraphs(body).map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);

const button = (brand: Brand, label: string, url: string) =>
  `<a href="${escapeHtml(url)}" style="display:inline-block;margin-top:8px;padding:10px 18px;border-radius:6px;background:${brand.accent};color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a>`;

/** The frame: the store's logo (or name) over an accent bar, the content, and a small footer. */
function layout(input: { locale: Locale; brand: Brand; subject: string; content: string; footer: string }) {
  const { brand } = input;
  const header = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" height="40" style="display:block;height:40px;max-width:240px;border:0">`
    : `<span style="font-size:20px;font-weight:700;color:#111827">${escapeHtml(brand.name)}</span>`;
  return `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(input.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Hiragino Sans','Noto Sans JP',sans-serif;color:#111827">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-radius:12px;border-top:6px solid ${brand.accent}">
<tr><td style="padding:20px 24px 8px">${header}</td></tr>
<tr><td style="padding:8px 24px 8px">
${input.content}
</td></tr>
<tr><td style="padding:8px 24px 24px;font-size:13px;color:#6b7280">${input.footer}</td></tr>
</table></td></tr></table></body></html>`;
}

/** Five star links: each opens the review page with that rating chosen; nothing is stored until the buyer submits there. */
function starLinks(m: Messages, link: string) {
  const cells = [1, 2, 3, 4, 5]
    .map(
      (n) =>
        `<td style="padding:0 4px 0 0"><a href="${escapeHtml(`${link}?rating=${n}`)}" title="${escapeHtml(m.email.star(n))}" aria-label="${escapeHtml(m.email.star(n))}" style="font-size:34px;line-height:40px;color:${STAR};text-decoration:none">&#9733;</a></td>`,
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>${cells}</tr></table>`;
}

export interface RequestEmailInput {
  locale: Locale;
  brand: Brand;
  customerName: string | null;
  products: Array<{ name: string; imageUrl: string | null; link: string }>;
  unsubscribeUrl: string;
  reminder: boolean;
  /** The merchant's wording for this kind and language, if they wrote one. */
  wording?: EmailWording;
}

/** The placeholder values of a request or reminder, also what the dashboard's preview fills in. */
export function requestValues(input: Pick<RequestEmailInput, 'locale' | 'brand' | 'customerName' | 'products'>): PlaceholderValues<'request'> {
  const m = messages(input.locale);
  return {
    customerName: input.customerName || m.customerFallback,
    storeName: input.brand.name,
    productNames: new Intl.ListFormat(input.locale, { type: 'conjunction' }).format(input.products.map((p) => p.name)),
  };
}

export function reviewRequestEmail(input: RequestEmailInput): { subject: string; text: string; html: string } {
  const m = messages(input.locale);
  const wording = input.wording ?? defaultWording(input.reminder ? 'reminder' : 'request', input.locale);
  const values = requestValues(input);
  const subject = fill(wording.subject, values);
  const body = fill(wording.body, values);

  const text = [
    ...paragraphs(body).flatMap((p) => [p, '']),
    ...input.products.flatMap((p) => [
      p.name,
      `  ${m.email.reviewIt}: ${p.link}`,
      ...[5, 4, 3, 2, 1].map((n) => `  ${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${p.link}?rating=${n}`),
      '',
    ]),
    m.email.personal,
    '',
    `${m.email.unsubscribeText} ${input.unsubscribeUrl}`,
  ].join('\n');

  const rows = input.products
    .map((p) => {
      const image = p.imageUrl?.startsWith('https:')
        ? `<td width="76" valign="top" style="padding:0 12px 0 0"><img src="${escapeHtml(p.imageUrl)}" alt="" width="64" height="64" style="display:block;width:64px;height:64px;border-radius:8px;object-fit:cover;border:0"></td>`
        : '';
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-top:1px solid #e5e7eb"><tr>
${image}<td valign="top" style="padding:12px 0">
<strong>${escapeHtml(p.name)}</strong><br>
<span style="font-size:13px;color:#6b7280">${escapeHtml(m.email.rateIt)}</span>
${starLinks(m, p.link)}
<a href="${escapeHtml(p.link)}" style="font-size:14px;color:${input.brand.accent}">${escapeHtml(m.email.reviewIt)}</a>
</td></tr></table>`;
    })
    .join('\n');

  const html = layout({
    locale: input.locale,
    brand: input.brand,
    subject,
    content: [...htmlParagraphs(body), rows].join('\n'),
    footer: `${escapeHtml(m.email.personal)}<br><a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">${escapeHtml(m.email.unsubscribe)}</a>`,
  });
  return { subject, text, html };
}

/** A short email of paragraphs, an optional quote and one button; shared by every non-marketing message. */
export function simpleEmail(input: {
  subject: string;
  paragraphs: string[];
  quote?: string;
  action?: { label: string; url: string };
  unsubscribeUrl?: string;
  /** For buyers: their language and the store's look. Merchants' own notifications are in English, unbranded. */
  locale?: Locale;
  brand?: Brand;
}) {
  const m = messages(input.locale ?? 'en');
  const brand: Brand = input.brand ?? { name: 'Verity', logoUrl: null, accent: '#4f46e5', storeUrl: undefined };
  const text = [
    ...input.paragraphs.flatMap((p) => [p, '']),
    ...(input.quote ? [input.quote.split('\n').map((l) => `> ${l}`).join('\n'), ''] : []),
    ...(input.action ? [`${input.action.label}: ${input.action.url}`, ''] : []),
    ...(input.unsubscribeUrl ? [`${m.email.unsubscribeText} ${input.unsubscribeUrl}`] : []),
  ].join('\n');
  const content = [
    ...input.paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    input.quote ? `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #e5e7eb;white-space:pre-wrap">${escapeHtml(input.quote)}</blockquote>` : '',
    input.action ? `<p style="margin:0 0 16px">${button(brand, input.action.label, input.action.url)}</p>` : '',
  ].join('\n');
  const footer = input.unsubscribeUrl ? `<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">${escapeHtml(m.email.unsubscribe)}</a>` : '';
  return { subject: input.subject, text, html: layout({ locale: input.locale ?? 'en', brand, subject: input.subject, content, footer }) };
}

/** To a past buyer: a shopper has a question about something you bought. */
export function askBuyerEmail(input: {
  locale: Locale;
  brand: Brand;
  buyerName: string | null;
  productName: string;
  question: string;
  answerUrl: string;
  unsubscribeUrl: string;
  wording?: EmailWording;
}) {
  const m = messages(input.locale);
  const wording = input.wording ?? defaultWording('askBuyer', input.locale);
  const values: PlaceholderValues<'askBuyer'> = { customerName: input.buyerName || m.customerFallback, storeName: input.brand.name, productName: input.productName };
  return simpleEmail({
    subject: fill(wording.subject, values),
    paragraphs: paragraphs(fill(wording.body, values)),
    quote: input.question,
    action: { label: m.email.answerAsOwner, url: input.answerUrl },
    unsubscribeUrl: input.unsubscribeUrl,
    locale: input.locale,
    brand: input.brand,
  });
}

/** To the asker: your question has an answer. */
export function answeredEmail(input: {
  locale: Locale;
  brand: Brand;
  productName: string;
  question: string;
  answer: string;
  answerKind: string;
  pageUrl: string;
  acceptUrl: string;
  wording?: EmailWording;
}) {
  const m = messages(input.locale);
  const wording = input.wording ?? defaultWording('answered', input.locale);
  const answeredBy = input.answerKind === 'official' ? input.brand.name : input.answerKind === 'owner' ? m.email.answeredBy.owner : m.email.answeredBy.community;
  const values: PlaceholderValues<'answered'> = { storeName: input.brand.name, productName: input.productName, answeredBy };
  return simpleEmail({
    subject: fill(wording.subject, values),
    paragraphs: [...paragraphs(fill(wording.body, values)), `“${input.question}”`, `${m.email.seeAllAnswers}: ${input.pageUrl}`],
    quote: input.answer,
    action: { label: m.email.acceptAnswer, url: input.acceptUrl },
    locale: input.locale,
    brand: input.brand,
  });
}
