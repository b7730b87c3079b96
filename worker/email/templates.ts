/** The review request email, in HTML and plain text. Everything interpolated is escaped. */
import { escapeHtml } from '../lib/html';

export interface RequestEmailInput {
  storeName: string;
  customerName: string | null;
  products: Array<{ name: string; imageUrl: string | null; link: string }>;
  unsubscribeUrl: string;
  reminder: boolean;
}

export function reviewRequestEmail(input: RequestEmailInput): { subject: string; text: string; html: string } {
  const hello = input.customerName ? `Hi ${input.customerName},` : 'Hi,';
  const one = input.products.length === 1;
  const what = one ? input.products[0]!.name : 'your order';
  const subject = input.reminder ? `A quick reminder: how is ${what}?` : `How do you like ${what}?`;
  const intro = input.reminder
    ? `A few days ago we asked how you like your purchase from ${input.storeName}. If you have a minute, other shoppers would value your honest review — good or bad.`
    : `Thank you for your order from ${input.storeName}. Would you tell other shoppers what you think? Every honest review is published, good or bad.`;

  const text = [
    hello,
    '',
    intro,
    '',
    ...input.products.map((p) => `${p.name}\n  Review it: ${p.link}`),
    '',
    'The links are personal and work once per product, without an account.',
    '',
    `Don't want these emails? Unsubscribe: ${input.unsubscribeUrl}`,
  ].join('\n');

  const rows = input.products
    .map(
      (p) => `<tr><td style="padding:12px 0;border-top:1px solid #e5e7eb">
${p.imageUrl && p.imageUrl.startsWith('https:') ? `<img src="${escapeHtml(p.imageUrl)}" alt="" width="64" height="64" style="border-radius:8px;vertical-align:middle;margin-right:12px">` : ''}
<strong>${escapeHtml(p.name)}</strong><br>
<a href="${escapeHtml(p.link)}" style="display:inline-block;margin-top:8px;padding:8px 16px;border-radius:6px;background:#4f46e5;color:#fff;text-decoration:none">Write a review</a>
</td></tr>`,
    )
    .join('\n');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f9fafb;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#111827">
<table role="presentation" style="max-width:560px;margin:auto;background:#fff;border-radius:12px;padding:24px">
<tr><td><p>${escapeHtml(hello)}</p><p>${escapeHtml(intro)}</p></td></tr>
${rows}
<tr><td style="padding-top:16px;font-size:13px;color:#6b7280">The links are personal and work once per product, without an account.<br>
<a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">Unsubscribe from review requests</a></td></tr>
</table></body></html>`;
  return { subject, text, html };
}

/** A short email of paragraphs, an optional quote and one button; shared by every non-marketing message. */
export function simpleEmail(input: { subject: string; paragraphs: string[]; quote?: string; action?: { label: string; url: string }; unsubscribeUrl?: string }) {
  const text = [
    ...input.paragraphs.flatMap((p) => [p, '']),
    ...(input.quote ? [input.quote.split('\n').map((l) => `> ${l}`).join('\n'), ''] : []),
    ...(input.action ? [`${input.action.label}: ${input.action.url}`, ''] : []),
    ...(input.unsubscribeUrl ? [`Don't want these emails? Unsubscribe: ${input.unsubscribeUrl}`] : []),
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f9fafb;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#111827">
<table role="presentation" style="max-width:560px;margin:auto;background:#fff;border-radius:12px;padding:24px"><tr><td>
${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${input.quote ? `<blockquote style="margin:0;padding:8px 16px;border-left:4px solid #e5e7eb;white-space:pre-wrap">${escapeHtml(input.quote)}</blockquote>` : ''}
${input.action ? `<p><a href="${escapeHtml(input.action.url)}" style="display:inline-block;margin-top:8px;padding:8px 16px;border-radius:6px;background:#4f46e5;color:#fff;text-decoration:none">${escapeHtml(input.action.label)}</a></p>` : ''}
${input.unsubscribeUrl ? `<p style="font-size:13px;color:#6b7280"><a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">Unsubscribe</a></p>` : ''}
</td></tr></table></body></html>`;
  return { subject: input.subject, text, html };
}

/** To a past buyer: a shopper has a question about something you bought. */
export function askBuyerEmail(input: { storeName: string; buyerName: string | null; productName: string; question: string; answerUrl: string; unsubscribeUrl: string }) {
  return simpleEmail({
    subject: `A shopper has a question about ${input.productName}`,
    paragraphs: [
      input.buyerName ? `Hi ${input.buyerName},` : 'Hi,',
      `You bought ${input.productName} from ${input.storeName}. Someone thinking of buying it asks:`,
    ],
    quote: input.question,
    action: { label: 'Answer as an owner', url: input.answerUrl },
    unsubscribeUrl: input.unsubscribeUrl,
  });
}

/** To the asker: your question has an answer. */
export function answeredEmail(input: { storeName: string; productName: string; question: string; answer: string; answerKind: string; pageUrl: string; acceptUrl: string }) {
  const who = input.answerKind === 'official' ? input.storeName : input.answerKind === 'owner' ? 'an owner' : 'a shopper';
  return simpleEmail({
    subject: `Your question about ${input.productName} has an answer`,
    paragraphs: [`Hi, ${who} answered your question about ${input.productName}:`, `“${input.question}”`, `See all answers: ${input.pageUrl}`],
    quote: input.answer,
    action: { label: 'Mark it as the answer that helped', url: input.acceptUrl },
  });
}
