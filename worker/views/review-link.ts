/** The hosted review page a buyer reaches from the review request email. */
import { html } from 'hono/html';
import { maskAddress } from '../domain/links';
import { layout } from './layout';
import type { WayBack } from './store-links';

export interface ReviewFormValues {
  rating?: string;
  title?: string;
  body?: string;
  name?: string;
}

const ratingLabels = ['1 star — poor', '2 stars — fair', '3 stars — good', '4 stars — very good', '5 stars — excellent'];

export function reviewLinkPage(input: {
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
}) {
  const { values } = input;
  return layout(
    `Review ${input.product.name} — ${input.storeName}`,
    html`<main>
<div class="product">
${input.product.imageUrl?.startsWith('https:') ? html`<img src="${input.product.imageUrl}" alt="">` : ''}
<div><h1>How do you like ${input.product.name}?</h1><p class="hint">A verified review for ${input.storeName}. It will be marked as a verified purchase.</p></div>
</div>
${input.error ? html`<p class="error" role="alert" id="form-error">${input.error}</p>` : ''}
${input.enhance ? html`<verity-review-form store="${input.enhance.store}" product="${input.enhance.product}" token="${input.enhance.token}" author-name="${values.name ?? ''}" theme="auto">` : ''}
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
<p class="hint" id="body-hint">What did you like or not? Markdown works: **bold**, *italic*, lists, links.</p>
<label for="name">Name shown with your review</label>
<input type="text" id="name" name="name" required maxlength="80" autocomplete="name" value="${values.name ?? ''}">
<div class="hp" aria-hidden="true"><label for="website">Leave this empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Publish review</button>
</form>
${input.enhance ? html`</verity-review-form>` : ''}
</main>`,
    { noindex: true, head: input.enhance ? html`<script type="module" src="/widgets/verity.js"></script><style>verity-review-form { display: block; margin-top: 1.25rem; }</style>` : '' },
  );
}

export function messagePage(title: string, message: string, status: 'ok' | 'error' = 'ok') {
  return layout(title, html`<main><h1>${title}</h1><p ${status === 'error' ? html`class="error" role="alert"` : ''}>${message}</p></main>`, { noindex: true });
}

/** What a person reads at a link that cannot be used (any more): what happened, in a sentence, and where to go instead. */
export interface ClosedLink {
  title: string;
  message: string;
  back?: WayBack;
  /** `ok` for a link already used as meant (thanks, not an alarm). */
  tone: 'ok' | 'error';
}

export function closedLinkPage(input: ClosedLink) {
  return layout(
    input.title,
    html`<main><h1>${input.title}</h1><p ${input.tone === 'error' ? html`class="error" role="alert"` : ''}>${input.message}</p>
${input.back ? html`<p><a href="${input.back.href}">${input.back.label}</a></p>` : ''}</main>`,
    { noindex: true },
  );
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
) {
  if (input.state === 'invalid') {
    return messagePage(
      'This unsubscribe link does not work',
      'Part of the link may be missing: some email apps break long links across lines. Open it again from the email, or copy the whole link into your browser.',
      'error',
    );
  }
  if (input.state === 'expired') {
    const store = input.storeName ?? 'the shop';
    return messagePage(
      'This unsubscribe link has expired',
      `Unsubscribe links work for a year after the email was sent. The link in a newer email from ${store} works, or you can ask ${store} to stop emailing you.`,
      'error',
    );
  }
  const address = maskAddress(input.email);
  return layout(
    `Unsubscribe — ${input.storeName}`,
    input.state === 'done'
      ? html`<main><h1>You are unsubscribed</h1><p>${input.storeName} will not send review requests or questions to ${address} again.</p></main>`
      : html`<main><h1>Stop review requests?</h1><p>${input.storeName} will no longer ask ${address} to review purchases or answer questions.</p>
<form method="post" action="${input.action}"><input type="hidden" name="confirm" value="yes"><button type="submit">Unsubscribe</button></form></main>`,
    { noindex: true },
  );
}

export function ownerAnswerPage(input: { storeName: string; productName: string; question: string; action: string; name: string; error?: string; body?: string }) {
  return layout(
    `Answer a question about ${input.productName}`,
    html`<main>
<h1>A shopper asks about ${input.productName}</h1>
<blockquote>${input.question}</blockquote>
<p class="hint">You bought it from ${input.storeName}; your answer will be marked as from a verified owner.</p>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<form method="post" action="${input.action}">
<label for="body">Your answer</label>
<textarea id="body" name="body" required maxlength="5000">${input.body ?? ''}</textarea>
<label for="name">Name shown with your answer</label>
<input type="text" id="name" name="name" required maxlength="80" autocomplete="name" value="${input.name}">
<button type="submit">Post answer</button>
</form>
</main>`,
    { noindex: true },
  );
}

export function confirmPage(input: { title: string; message: string; quote: string; action: string; button: string }) {
  return layout(
    input.title,
    html`<main><h1>${input.title}</h1><p>${input.message}</p><blockquote>${input.quote}</blockquote>
<form method="post" action="${input.action}"><button type="submit">${input.button}</button></form></main>`,
    { noindex: true },
  );
}
