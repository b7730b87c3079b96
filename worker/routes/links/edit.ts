/** /e/:token — the author edits their review, or deletes it after a confirmation (plain forms; JSON for scripts). */
import { z } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { getAuthorReview } from '../../../db/queries/author-edits';
import { domainContext, writeContext, type AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { deleteByAuthor, editByAuthor, editToken, reviewVersion, sendEditLink } from '../../domain/author-edits';
import { MAX_MARKDOWN_LENGTH } from '../../domain/markdown';
import { urls } from '../../domain/urls';
import { formValues } from '../../http/body';
import { DAY_MS } from '../../../db/time';
import { parseInput } from '../../http/validation';
import { NewReviewSchema } from '../../schemas/reviews';
import { confirmDeletePage, editReviewPage, editSavedPage, expiredEditPage, type EditFormValues } from '../../views/edit-review';
import { messages } from '../../i18n';
import { messagePage, type PageFrame } from '../../views/review-link';
import { wayBack } from '../../views/store-links';
import { failure, isFormError, openLink, pageFrame, readLinkFields, signedClaims, wantsJson, type ExplainClosed } from './shared';

export const editLink = new Hono<AppEnv>();

/** The rules of a new review (schemas/reviews.ts), with the rating read from a form's text as well. */
export const AuthorEditSchema = z.object({
  rating: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), NewReviewSchema.shape.rating),
  title: NewReviewSchema.shape.title,
  body: NewReviewSchema.shape.body,
});

/** The review the link is for, as long as it exists and is still the version the link was made for. */
async function editTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'edit');
  const review = await getAuthorReview(c.get('db'), store.id, claims.review);
  if (!review) throw new ApiError('LINK_USED', 'this review has been deleted');
  if (reviewVersion(review) !== claims.v) throw new ApiError('LINK_USED', 'this review was changed through a newer link; use the link in the newest email');
  return { store, review, version: claims.v, token };
}

/**
 * The pages speak the language the review was written in (the edit-link email
 * does too); a deleted review's link falls back to the store's language.
 */
async function editFrame(c: Context<AppEnv>): Promise<{ store: Awaited<ReturnType<typeof signedClaims>>['store']; frame: PageFrame }> {
  const { store, claims } = await signedClaims(c, 'edit');
  const review = await getAuthorReview(c.get('db'), store.id, claims.review);
  return { store, frame: pageFrame(c, store, review?.locale) };
}

const explain = (c: Context<AppEnv>): ExplainClosed => async (code) => {
  const { store, frame } = await editFrame(c);
  const { pages } = messages(frame.locale);
  const back = wayBack(c.get('baseUrl'), store, undefined, frame.locale);
  if (code === 'LINK_EXPIRED') return { title: pages.linkExpired, message: pages.edit.expiredOpenAgain, back, tone: 'ok', frame };
  return { title: pages.edit.closedTitle, message: pages.edit.closed, back, tone: 'ok', frame };
};

const valuesOf = (review: { rating: number; title: string | null; body: string }): EditFormValues => ({ rating: String(review.rating), title: review.title ?? '', body: review.body });

function page(c: Context<AppEnv>, target: Awaited<ReturnType<typeof editTarget>>, values: EditFormValues, error?: string) {
  const { store, review, token } = target;
  return editReviewPage({
    frame: pageFrame(c, store, review.locale),
    storeName: store.name,
    product: review.product,
    action: urls.editLink('', token),
    deleteHref: urls.editDelete('', token),
    values,
    verified: review.verified,
    editedAt: review.editedAt,
    error,
    maxBody: MAX_MARKDOWN_LENGTH,
  });
}

editLink.get('/e/:token', async (c) => {
  try {
    const target = await editTarget(c);
    return c.html(page(c, target, valuesOf(target.review)));
  } catch (err) {
    // Only a verified token expires: its author may ask for a fresh one.
    if (err instanceof ApiError && err.code === 'LINK_EXPIRED' && !wantsJson(c)) {
      const { frame } = await editFrame(c);
      return c.html(expiredEditPage({ frame, action: `${urls.editLink('', c.req.param('token'))}/renew` }), err.status);
    }
    return failure(c, err, explain(c));
  }
});

/**
 * A fresh link for an expired one, emailed to the address the review was
 * written with (never to one the asker names), at most once a day. Only the
 * link of the review's current version renews; the answer is the same
 * whether anything was sent.
 */
editLink.post('/e/:token/renew', async (c) => {
  try {
    const { store, claims } = await signedClaims(c, 'edit');
    const review = await getAuthorReview(c.get('db'), store.id, claims.review);
    if (review && reviewVersion(review) === claims.v && review.status !== 'spam') {
      await sendEditLink(domainContext(c, store), review, review.product.name, `renewed-${Math.floor(c.get('now') / DAY_MS)}`);
    }
    const frame = pageFrame(c, store, review?.locale);
    const t = messages(frame.locale).pages.edit;
    return c.html(messagePage(t.renewedTitle, t.renewed, 'ok', { frame }), 202);
  } catch (err) {
    return failure(c, err);
  }
});

editLink.post('/e/:token', async (c) => {
  let target: Awaited<ReturnType<typeof editTarget>>;
  try {
    target = await editTarget(c);
  } catch (err) {
    return failure(c, err, explain(c));
  }
  const { store, review, version } = target;
  let fields: Record<string, unknown> = {};
  try {
    fields = await readLinkFields(c, 'review');
    const input = parseInput(AuthorEditSchema, fields, { audience: 'form' });
    const ctx = writeContext(c, store);
    const { status, review: saved } = await editByAuthor(ctx, review, version, input);
    const again = await editToken(ctx, saved);
    if (wantsJson(c)) return c.json({ id: saved.id, status, editedAt: new Date(saved.editedAt!).toISOString(), editUrl: urls.editLink(c.get('baseUrl'), again) }, 200);
    const frame = pageFrame(c, store, review.locale);
    return c.html(
      editSavedPage({
        frame,
        productName: review.product.name,
        storeName: store.name,
        published: status === 'published',
        againHref: urls.editLink('', again),
        back: wayBack(c.get('baseUrl'), store, review.product, frame.locale),
      }),
    );
  } catch (err) {
    if (isFormError(err) && !wantsJson(c)) return c.html(page(c, target, formValues(fields), err.message), err.status);
    return failure(c, err, explain(c));
  }
});

// A GET only asks: mail scanners follow links, and deleting takes the POST below.
editLink.get('/e/:token/delete', async (c) => {
  try {
    const { store, review, token } = await editTarget(c);
    return c.html(confirmDeletePage({ frame: pageFrame(c, store, review.locale), storeName: store.name, productName: review.product.name, action: urls.editDelete('', token), back: urls.editLink('', token) }));
  } catch (err) {
    return failure(c, err, explain(c));
  }
});

editLink.post('/e/:token/delete', async (c) => {
  try {
    const { store, review } = await editTarget(c);
    await deleteByAuthor(domainContext(c, store), review);
    if (wantsJson(c)) return c.body(null, 204);
    const frame = pageFrame(c, store, review.locale);
    const t = messages(frame.locale).pages.edit;
    return c.html(messagePage(t.deletedTitle, t.deleted(review.product.name, store.name), 'ok', { frame }));
  } catch (err) {
    return failure(c, err, explain(c));
  }
});
