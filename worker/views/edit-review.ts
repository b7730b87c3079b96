/**
 * The pages behind an author's edit link: change the review, or delete it
 * after a confirmation. Plain forms, no JavaScript needed; in the language
 * the review was written in (worker/i18n), as its edit-link email is.
 */
import { html } from 'hono/html';
import type { Locale } from '../../db/schema';
import { messages } from '../i18n';
import { layout } from './layout';
import type { PageFrame } from './review-link';
import type { WayBack } from './store-links';

export interface EditFormValues {
  rating?: string;
  title?: string;
  body?: string;
}

const day = (locale: Locale, at: number) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
/** The store's look and the buyer's language, as on the hosted review page. */
const pageOptions = (frame: PageFrame) => ({ noindex: true, lang: frame.locale, brand: frame.brand });

export function editReviewPage(input: {
  frame: PageFrame;
  storeName: string;
  product: { name: string; imageUrl: string | null };
  action: string;
  deleteHref: string;
  values: EditFormValues;
  verified: boolean;
  editedAt: number | null;
  error?: string;
  maxBody: number;
}) {
  const { values } = input;
  const t = messages(input.frame.locale).pages.edit;
  // The same words as the hosted review page's form, so a buyer sees the scale they rated on.
  const form = messages(input.frame.locale).pages.review;
  const hint = [t.at(input.storeName), input.verified ? t.staysVerified : '', input.editedAt === null ? '' : t.lastChanged(day(input.frame.locale, input.editedAt)), t.checkedAgain];
  return layout(
    t.title(input.product.name, input.storeName),
    html`<main>
<div class="product">
${input.product.imageUrl?.startsWith('https:') ? html`<img src="${input.product.imageUrl}" alt="">` : ''}
<div><h1>${t.heading(input.product.name)}</h1><p class="hint">${hint.filter(Boolean).join(' ')}</p></div>
</div>
${input.error ? html`<p class="error" role="alert" id="form-error">${input.error}</p>` : ''}
<form method="post" action="${input.action}" ${input.error ? html`aria-describedby="form-error"` : ''}>
<fieldset>
<legend>${form.ratingLegend}</legend>
<div class="stars">
${form.ratingLabels.map(
  (label, i) => html`<label><input type="radio" name="rating" value="${String(i + 1)}" required ${values.rating === String(i + 1) ? 'checked' : ''}> ${label}</label>`,
)}
</div>
</fieldset>
<label for="title">${form.titleLabel} <span class="hint">${form.optional}</span></label>
<input type="text" id="title" name="title" maxlength="150" value="${values.title ?? ''}">
<label for="body">${form.bodyLabel}</label>
<textarea id="body" name="body" required maxlength="${String(input.maxBody)}" aria-describedby="body-hint">${values.body ?? ''}</textarea>
<p class="hint" id="body-hint">${t.bodyHint}</p>
<button type="submit">${t.save}</button>
</form>
<p><a href="${input.deleteHref}">${t.delete}</a></p>
</main>`,
    pageOptions(input.frame),
  );
}

/** The confirmation step: deleting is for good, so it takes a second, deliberate POST. */
export function confirmDeletePage(input: { frame: PageFrame; storeName: string; productName: string; action: string; back: string }) {
  const t = messages(input.frame.locale).pages.edit;
  return layout(
    t.confirmTitle(input.productName),
    html`<main><h1>${t.confirmTitle(input.productName)}</h1>
<p>${t.confirm(input.storeName)}</p>
<form method="post" action="${input.action}"><input type="hidden" name="confirm" value="yes"><button type="submit">${t.delete}</button></form>
<p><a href="${input.back}">${t.keep}</a></p></main>`,
    pageOptions(input.frame),
  );
}

/** After a saved edit: where it stands, and a way to change it again (the link just used no longer works). */
export function editSavedPage(input: { frame: PageFrame; productName: string; storeName: string; published: boolean; againHref: string; back?: WayBack }) {
  const t = messages(input.frame.locale).pages.edit;
  return layout(
    t.savedTitle,
    html`<main><h1>${t.savedTitle}</h1><p>${input.published ? t.savedPublished(input.productName) : t.savedHeld(input.productName, input.storeName)}</p>
<p>${t.newLinkSent}</p>
<p><a href="${input.againHref}">${t.again}</a></p>
${input.back ? html`<p><a href="${input.back.href}">${input.back.label}</a></p>` : ''}</main>`,
    pageOptions(input.frame),
  );
}

/** An expired edit link: time ran out, nothing went wrong; a new link goes to the review's own address. */
export function expiredEditPage(input: { frame: PageFrame; action: string }) {
  const { pages } = messages(input.frame.locale);
  return layout(
    pages.linkExpired,
    html`<main><h1>${pages.linkExpired}</h1><p>${pages.edit.expired}</p>
<form method="post" action="${input.action}"><button type="submit">${pages.edit.renew}</button></form></main>`,
    pageOptions(input.frame),
  );
}
