/**
 * Every URL of Verity that leaves a request, built in one place. `base` is
 * the one public origin (`c.get('baseUrl')`; never a request's Host), or '' for
 * a path on this server such as a form's action.
 */
const seg = encodeURIComponent;

export const urls = {
  /** The hosted review page of a signed review link. */
  reviewLink: (base: string, token: string) => `${base}/r/${token}`,
  /** A past buyer answering a question, through a signed link. */
  answerLink: (base: string, token: string) => `${base}/a/${token}`,
  /** The asker accepting an answer, through a signed link. */
  acceptLink: (base: string, token: string) => `${base}/accept/${token}`,
  /** The author editing or deleting their review, through a signed link. */
  editLink: (base: string, token: string) => `${base}/e/${token}`,
  /** The confirmation step before the author deletes their review. */
  editDelete: (base: string, token: string) => `${base}/e/${token}/delete`,
  /** One-click unsubscribe (RFC 8058), through a signed link. */
  unsubscribe: (base: string, token: string) => `${base}/u/${token}`,
  /**
   * A link whose page cannot tell the reader's language from an order (/u/, /accept/) carries it
   * in the query: unsigned, as it only picks the words of the page.
   */
  withLang: (url: string, lang: string) => `${url}${url.includes('?') ? '&' : '?'}lang=${seg(lang)}`,
  /** The merchant dashboard. */
  admin: (base: string) => `${base}/admin`,
  /** The dashboard page that sets a new password from an emailed reset link. */
  adminReset: (base: string, token: string) => `${base}/admin/reset/${token}`,
  /** The dashboard page that accepts an emailed invitation to a store. */
  adminInvite: (base: string, token: string) => `${base}/admin/invite/${token}`,
  /** The crawlable page of a question. */
  questionPage: (base: string, storeId: string, questionId: string) => `${base}/q/${seg(storeId)}/${questionId}`,
  questionSitemap: (base: string, storeId: string) => `${base}/q/${seg(storeId)}/sitemap.xml`,
  /** The sitemap index robots.txt names for a store. */
  storeSitemapIndex: (base: string, storeId: string) => `${base}/sitemaps/${seg(storeId)}.xml`,
  googleReviewsFeed: (base: string, storeId: string, token?: string) =>
    `${base}/v1/stores/${seg(storeId)}/feeds/google-product-reviews.xml${token === undefined ? '' : `?token=${seg(token)}`}`,
  /** The server-rendered reviews of a product, for a product without a page of its own. */
  productSnippet: (base: string, storeId: string, productId: string) => `${base}/v1/stores/${seg(storeId)}/products/${seg(productId)}/snippet`,
  /** A store's public moderation figures: the page for people, and its JSON. */
  moderationPage: (base: string, storeId: string) => `${base}/stores/${seg(storeId)}/moderation`,
  moderationFigures: (base: string, storeId: string) => `${base}/v1/stores/${seg(storeId)}/moderation`,
} as const;
