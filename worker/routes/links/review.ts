/** /r/:token — a buyer writes a verified review (works without JavaScript; JSON for enhanced clients). */
import { z } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { getOrder, reviewedProducts } from '../../../db/queries/orders';
import { getProduct } from '../../../db/queries/products';
import { noteLinkOpened } from '../../../db/queries/review-requests';
import { writeContext, type AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { MAX_MARKDOWN_LENGTH } from '../../domain/markdown';
import { messagePage, reviewLinkPage } from '../../views/review-link';
import { productHref, wayBack } from '../../views/store-links';
import { plainText } from '../../schemas/common';
import { markdownText } from '../../schemas/reviews';
import { submitReview } from '../../domain/reviews';
import { formValues } from '../../http/body';
import { parseInput } from '../../http/validation';
import { failure, isFormError, openLink, pageFrame, readLinkFields, signedClaims, wantsJson, type ExplainClosed } from './shared';
import { messages } from '../../i18n';
import { urls } from '../../domain/urls';
import { UploadIdSchema } from '../../schemas/media';

export const reviewLink = new Hono<AppEnv>();

const rating = { error: 'choose a rating from 1 to 5 stars' };
export const LinkReviewSchema = z.object({
  rating: z.coerce.number(rating).int(rating).min(1, rating).max(5, rating),
  title: plainText('title', 150).optional(),
  body: markdownText('body'),
  name: plainText('name', 80).refine((s) => s.length > 0, { error: 'name is required' }),
  website: z.string().max(0, { error: 'leave the last field empty' }).optional(),
  /** Upload ids from <verity-review-form token=…> (JSON only; the plain form has no uploads). */
  media: z.array(UploadIdSchema, { error: 'media must be a list of upload ids' }).max(20, { error: 'media may list at most 20 uploads' }).optional(),
});

async function reviewTarget(c: Context<AppEnv>) {
  const { store, claims, token } = await openLink(c, 'review');
  const order = await getOrder(c.get('db'), store.id, claims.order);
  if (!order) throw new ApiError('INVALID_LINK', 'the order behind this link is unknown to the store');
  if (order.status === 'cancelled' || order.status === 'refunded') {
    throw new ApiError('INVALID_LINK', 'this order was cancelled or refunded, so its review link no longer works');
  }
  const product = await getProduct(c.get('db'), store.id, claims.product);
  if (!product) throw new ApiError('INVALID_LINK', 'the product behind this link is no longer in the catalogue');
  // Checked on opening, so a used link says so at once instead of offering a form that fails; the unique index still decides a race.
  if ((await reviewedProducts(c.get('db'), store.id, order.externalId, [product.id])).has(product.id)) {
    throw new ApiError('LINK_USED', 'this order already has a review of this product; thank you!');
  }
  return { store, order, product, token };
}

const explain = (c: Context<AppEnv>): ExplainClosed => async (code) => {
  const { store, claims } = await signedClaims(c, 'review');
  const product = await getProduct(c.get('db'), store.id, claims.product);
  const order = await getOrder(c.get('db'), store.id, claims.order);
  const frame = pageFrame(c, store, order?.locale);
  const t = messages(frame.locale).pages;
  const back = wayBack(c.get('baseUrl'), store, product, frame.locale);
  const name = product?.name ?? t.review.thisProduct;
  if (code === 'LINK_USED') {
    return { title: t.review.usedTitle, message: t.review.used(name), back, tone: 'ok', frame };
  }
  const onProductPage = store.settings.acceptUnverified && productHref(product?.url ?? null, c.get('baseUrl'));
  const instead = onProductPage ? ` ${t.review.stillOnProductPage}` : '';
  return { title: t.linkExpired, message: `${t.review.expired}${instead}`, back, tone: 'ok', frame };
};

/** The star the buyer clicked in the email, to show chosen; only the buyer's submit stores it (mail scanners follow links). */
const RatingQuery = z.coerce.number().int().min(1).max(5);

reviewLink.get('/r/:token', async (c) => {
  try {
    const { store, order, product, token } = await reviewTarget(c);
    await noteLinkOpened(c.get('db'), order.id, c.get('now'));
    const rating = RatingQuery.safeParse(c.req.query('rating'));
    const frame = pageFrame(c, store, order.locale);
    return c.html(
      reviewLinkPage({
        frame,
        storeName: store.name,
        product,
        action: urls.reviewLink('', token),
        values: { name: order.customerName ?? '', rating: rating.success ? String(rating.data) : undefined },
        maxBody: MAX_MARKDOWN_LENGTH,
        enhance: { store: store.id, product: product.externalId, token },
        back: wayBack(c.get('baseUrl'), store, product, frame.locale),
      }),
    );
  } catch (err) {
    return failure(c, err, explain(c));
  }
});

reviewLink.post('/r/:token', async (c) => {
  let target: Awaited<ReturnType<typeof reviewTarget>>;
  try {
    target = await reviewTarget(c);
  } catch (err) {
    return failure(c, err, explain(c));
  }
  const { store, order, product, token } = target;
  let fields: Record<string, unknown> = {};
  try {
    fields = await readLinkFields(c, 'review');
    const input = parseInput(LinkReviewSchema, fields, { audience: 'form' });
    const created = await submitReview(writeContext(c, store), product, {
      rating: input.rating,
      title: input.title,
      body: input.body,
      authorName: input.name,
      authorEmail: order.customerEmail,
      orderId: order.externalId,
      media: input.media,
    });
    if (wantsJson(c)) return c.json({ ...created, verified: true, verification: 'order' as const }, 201);
    const frame = pageFrame(c, store, order.locale);
    const t = messages(frame.locale).pages.review;
    const shown = created.status === 'published' ? t.published(product.name) : t.held(product.name, store.name);
    return c.html(messagePage(t.thanksTitle, shown, 'ok', { frame, back: wayBack(c.get('baseUrl'), store, product, frame.locale) }), 201);
  } catch (err) {
    if (isFormError(err) && !wantsJson(c)) {
      const page = reviewLinkPage({ frame: pageFrame(c, store, order.locale), storeName: store.name, product, action: urls.reviewLink('', token), values: formValues(fields), error: err.message, maxBody: MAX_MARKDOWN_LENGTH });
      return c.html(page, err.status);
    }
    return failure(c, err, explain(c));
  }
});
