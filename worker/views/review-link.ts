/** The hosted pages behind links in buyers' emails, in the buyer's language and the store's look. */
import { html } from 'hono/html';
import type { Locale } from '../../db/schema';
import { maskAddress } from '../domain/links';
import { messages } from '../i18n';
import { layout, type PageBrand } from './layout';
import type { WayBack } from './store-links';

/** Who a page speaks for and in which language: every page here takes one. */
export interface PageFrame {
  locale: Locale;
  brand?: PageBrand;
}

const ENGLISH: PageFrame = { locale: 'en' };
const frame = (f: PageFrame = ENGLISH, extra: { head?: ReturnType<typeof html> | string } = {}) => ({ noindex: true, lang: f.locale, brand: f.brand, ...extra });

export interface ReviewFormValues {
  rating?: string;
  title?: string;
  body?: string;
  name?: string;
}

export function reviewLinkPage(input: {
  frame?: PageFrame;
  storeName: string;
  product: { name: string; imageUrl: string | null };
  action: string;
  values: ReviewFormValues;
  error?: string;
  maxBody: number;
  /**
   * With JavaScript, <verity-review-form> takes over (live preview, inline
   * errors, no page reload); without it, the plain form inside it is what the
   * buyer uses. The element has no slot, so the fallback disappears on upgrade.
   */
  enhance?: { store: string; product: string; token: string };
  /**
   * Below the form, outside the element: with JavaScript the element thanks
   * the buyer in place (no thank-you page loads), and this is their way back.
   */
  back?: WayBack;
}) {
  const { values } = input;
  const f = input.frame ?? ENGLISH;
  const t = messages(f.locale).pages.review;
  const rating = values.rating ?? '';
  return layout(
    t.title(input.product.name, input.storeName),
    html`<main>
<div class="product">
${input.product.imageUrl?.startsWith('https:') ? html`<img src="${input.product.imageUrl}" alt="">` : ''}
<div><h1>${t.heading(input.product.name)}</h1><p class="hint">${t.hint(input.storeName)}</p></div>
</div>
${input.error ? html`<p class="error" role="alert" id="form-error">${input.error}</p>` : ''}
${input.enhance ? html`<verity-review-form store="${input.enhance.store}" product="${input.enhance.product}" token="${input.enhance.token}" author-name="${values.name ?? ''}" locale="${f.locale}" ${rating ? html`rating="${rating}"` : ''} theme="auto">` : ''}
<form method="post" action="${input.action}" ${input.error ? html`aria-describedby="form-error"` : ''}>
<fieldset>
<legend>${t.ratingLegend}</legend>
<div class="stars">
${t.ratingLabels.map(
  (label, i) => html`<label><input type="radio" name="rating" value="${String(i + 1)}" required ${rating === String(i + 1) ? 'checked' : ''}> ${label}</label>`,
)}
</div>
</fieldset>
<label for="title">${t.titleLabel} <span class="hint">${t.optional}</span></label>
<input type="text" id="title" name="title" maxlength="150" value="${values.title ?? ''}">
<label for="body">${t.bodyLabel}</label>
<textarea id="body" name="body" required maxlength="${String(input.maxBody)}" aria-describedby="body-hint">${values.body ?? ''}</textarea>
<p class="hint" id="body-hint">${t.bodyHint}</p>
<label for="name">${t.nameLabel}</label>
<input type="text" id="name" name="name" required maxlength="80" autocomplete="name" value="${values.name ?? ''}">
<div class="hp" aria-hidden="true"><label for="website">${t.honeypot}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t.submit}</button>
</form>
${input.enhance ? html`</verity-review-form>` : ''}
${input.back ? html`<p class="hint"><a href="${input.back.href}">${input.back.label}</a></p>` : ''}
</main>`,
    frame(f, { head: input.enhance ? html`<script type="module" src="/widgets/verity.js"></script><style>verity-review-form { display: block; margin-top: 1.25rem; }</style>` : '' }),
  );
}

/** A page of one message: a thank-you (with the way back to the store) or a failure. */
export function messagePage(title: string, message: string, status: 'ok' | 'error' = 'ok', opts: { frame?: PageFrame; back?: WayBack } = {}) {
  return layout(
    title,
    html`<main><h1>${title}</h1><p ${status === 'error' ? html`class="error" role="alert"` : ''}>${message}</p>
${opts.back ? html`<p><a href="${opts.back.href}">${opts.back.label}</a></p>` : ''}</main>`,
    frame(opts.frame),
  );
}

/** What a person reads at a link that cannot be used (any more): what happened, in a sentence, and where to go instead. */
export interface ClosedLink {
  title: string;
  message: string;
  back?: WayBack;
  /** `ok` for a link already used as meant (thanks, not an alarm). */
  tone: 'ok' | 'error';
  /** The store and language, when the link named a store. */
  frame?: PageFrame;
}

export function closedLinkPage(input: ClosedLink, f?: PageFrame) {
  return messagePage(input.title, input.message, input.tone, { frame: f ?? input.frame, back: input.back });
}

/**
 * Whoever holds the URL sees the page (a forwarded email, a shared screen), so
 * the address is shown masked. A failed link is explained with what to do next.
 */
export function unsubscribePage(
  input:
    | { state: 'confirm' | 'done'; storeName: string; email: string; action: string }
    | { state: 'expired'; storeName: string | null }
    | { state: 'invalid' },
  f: PageFrame = ENGLISH,
) {
  const t = messages(f.locale).pages.unsubscribe;
  if (input.state === 'invalid') return messagePage(t.invalidTitle, t.invalid, 'error', { frame: f });
  if (input.state === 'expired') return messagePage(t.expiredTitle, t.expired(input.storeName ?? t.theShop), 'error', { frame: f });
  const address = maskAddress(input.email);
  return layout(
    t.title(input.storeName),
    input.state === 'done'
      ? html`<main><h1>${t.doneHeading}</h1><p>${t.done(input.storeName, address)}</p></main>`
      : html`<main><h1>${t.confirmHeading}</h1><p>${t.confirm(input.storeName, address)}</p>
<form method="post" action="${input.action}"><input type="hidden" name="confirm" value="yes"><button type="submit">${t.button}</button></form></main>`,
    frame(f),
  );
}

export function ownerAnswerPage(input: { frame?: PageFrame; storeName: string; productName: string; question: string; action: string; name: string; error?: string; body?: string }) {
  const t = messages((input.frame ?? ENGLISH).locale).pages.answer;
  return layout(
    t.title(input.productName),
    html`<main>
<h1>${t.heading(input.productName)}</h1>
<blockquote>${input.question}</blockquote>
<p class="hint">${t.hint(input.storeName)}</p>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<form method="post" action="${input.action}">
<label for="body">${t.bodyLabel}</label>
<textarea id="body" name="body" required maxlength="5000">${input.body ?? ''}</textarea>
<label for="name">${t.nameLabel}</label>
<input type="text" id="name" name="name" required maxlength="80" autocomplete="name" value="${input.name}">
<button type="submit">${t.submit}</button>
</form>
</main>`,
    frame(input.frame),
  );
}

export function confirmPage(input: { frame?: PageFrame; title: string; message: string; quote: string; action: string; button: string }) {
  return layout(
    input.title,
    html`<main><h1>${input.title}</h1><p>${input.message}</p><blockquote>${input.quote}</blockquote>
<form method="post" action="${input.action}"><button type="submit">${input.button}</button></form></main>`,
    frame(input.frame),
  );
}
