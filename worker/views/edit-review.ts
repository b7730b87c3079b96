/** The page behind an author's edit link: change the review, or delete it after a confirmation. Plain forms: no JavaScript needed. */
import { html } from 'hono/html';
import { layout } from './layout';
import type { WayBack } from './store-links';

export interface EditFormValues {
  rating?: string;
  title?: string;
  body?: string;
}

// The same words as the hosted review page's stars, so a buyer sees the scale they rated on.
const ratingLabels = ['1 star — poor', '2 stars — fair', '3 stars — good', '4 stars — very good', '5 stars — excellent'];

export function editReviewPage(input: {
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
  const edited = input.editedAt === null ? '' : ` You last changed it on ${new Date(input.editedAt).toISOString().slice(0, 10)}.`;
  return layout(
    `Edit your review of ${input.product.name} — ${input.storeName}`,
    html`<main>
<div class="product">
${input.product.imageUrl?.startsWith('https:') ? html`<img src="${input.product.imageUrl}" alt="">` : ''}
<div><h1>Your review of ${input.product.name}</h1><p class="hint">At ${input.storeName}.${input.verified ? ' It stays marked as a verified purchase.' : ''}${edited} Changes are checked by the store again before they show.</p></div>
</div>
${input.error ? html`<p class="error" role="alert" id="form-error">${input.error}</p>` : ''}
<form method="post" action="${input.action}" ${input.error ? html`aria-describedby="form-error"` : ''}>
<fieldset>
<legend>Your rating (required)</legend>
<div class="stars">
${ratingLabels.map(
  (label, i) => html`<label><input type="radio" name="rating" value="${String(i + 1)}" required ${values.rating === String(i + 1) ? 'checked' : ''}> ${label}</label>`,
)}
</div>
</fieldset>
<label for="title">Title <span class="hint">(optional)</span></label>
<input type="text" id="title" name="title" maxlength="150" value="${values.title ?? ''}">
<label for="body">Your review</label>
<textarea id="body" name="body" required maxlength="${String(input.maxBody)}" aria-describedby="body-hint">${values.body ?? ''}</textarea>
<p class="hint" id="body-hint">Markdown works: **bold**, *italic*, lists, links.</p>
<button type="submit">Save changes</button>
</form>
<p><a href="${input.deleteHref}">Delete my review</a></p>
</main>`,
    { noindex: true },
  );
}

/** The confirmation step: deleting is for good, so it takes a second, deliberate POST. */
export function confirmDeletePage(input: { storeName: string; productName: string; action: string; back: string }) {
  return layout(
    `Delete your review of ${input.productName}?`,
    html`<main><h1>Delete your review of ${input.productName}?</h1>
<p>It will be removed from ${input.storeName} for good, with its votes and the store’s reply. This cannot be undone.</p>
<form method="post" action="${input.action}"><input type="hidden" name="confirm" value="yes"><button type="submit">Delete my review</button></form>
<p><a href="${input.back}">Keep it and go back</a></p></main>`,
    { noindex: true },
  );
}

/** After a saved edit: where it stands, and a way to change it again (the link just used no longer works). */
export function editSavedPage(input: { productName: string; shown: string; againHref: string; back?: WayBack }) {
  return layout(
    'Your changes are saved',
    html`<main><h1>Your changes are saved</h1><p>Your review of ${input.productName} ${input.shown}.</p>
<p>We have emailed you a new link for later changes; the one you used no longer works.</p>
<p><a href="${input.againHref}">Make another change</a></p>
${input.back ? html`<p><a href="${input.back.href}">${input.back.label}</a></p>` : ''}</main>`,
    { noindex: true },
  );
}

/** An expired edit link: time ran out, nothing went wrong; a new link goes to the review's own address. */
export function expiredEditPage(input: { action: string }) {
  return layout(
    'This link has expired',
    html`<main><h1>This link has expired</h1><p>Links to change a review work for 180 days. We can email a new one to the address you wrote the review with.</p>
<form method="post" action="${input.action}"><button type="submit">Email me a new link</button></form></main>`,
    { noindex: true },
  );
}
