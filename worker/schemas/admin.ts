import { z } from '@hono/zod-openapi';
import { moderationPolicies, reviewStatuses } from '../../db/schema';
import { buyerLocales } from '../../db/schema';
import { MAX_ALLOWED_ORIGINS, originPatternProblem } from '../domain/origins';
import { MAX_IMAGE_SIDE } from '../media/limits';
import { AdminReviewSchema, cursorQuery, limitQuery, markdownText, searchQuery } from './reviews';

const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .nullable()
    .optional();

const httpUrl = (field: string) =>
  z
    .url({ protocol: /^https?$/, error: `${field} must be an absolute http(s) URL` })
    .max(2048, { error: `${field} must be at most 2048 characters` })
    .nullable()
    .optional();

export const ProductBodySchema = z
  .strictObject({
    name: z.string({ error: 'name is required' }).trim().min(1, { error: 'name must not be empty' }).max(300, { error: 'name must be at most 300 characters' }),
    url: httpUrl('url'),
    imageUrl: httpUrl('imageUrl'),
    sku: optionalText('sku', 100),
    gtin: z
      .string()
      .regex(/^(?:\d{8}|\d{12,14})$/, { error: 'gtin must be 8, 12, 13 or 14 digits' })
      .nullable()
      .optional(),
    mpn: optionalText('mpn', 100),
    brand: optionalText('brand', 200),
  })
  .openapi('ProductInput');

export const MAX_BULK_PRODUCTS = 500;

export const BulkProductsSchema = z
  .array(
    ProductBodySchema.extend({
      id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { error: 'id must be 1-128 letters, digits, ".", "_", ":" or "-"' }),
    }),
  )
  .min(1, { error: 'send at least one product' })
  .max(MAX_BULK_PRODUCTS, { error: `send at most ${MAX_BULK_PRODUCTS} products per request` })
  .openapi('BulkProducts');

export const ProductSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string().nullable(),
    imageUrl: z.string().nullable(),
    sku: z.string().nullable(),
    gtin: z.string().nullable(),
    mpn: z.string().nullable(),
    brand: z.string().nullable(),
    /** What Google matches reviews on: a GTIN, or brand and MPN. */
    identified: z.boolean(),
    missingForSearch: z.array(z.enum(['gtin', 'brand', 'mpn', 'url', 'imageUrl'])).openapi({
      description: 'Fields worth filling in so search engines can match and show the reviews, most useful first',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Product');

export const ProductListQuery = z.object({
  missing: z
    .enum(['identifiers'], { error: 'missing must be "identifiers"' })
    .optional()
    .openapi({ description: '`identifiers`: only products without a GTIN and without brand + MPN' }),
  q: z.string().trim().min(1, { error: 'q must not be empty' }).max(200, { error: 'q must be at most 200 characters' }).optional().openapi({ description: 'Part of the name or id, any case' }),
  limit: limitQuery(200, 50),
  cursor: cursorQuery.optional(),
});

/** What the dashboard shows of each product beside its catalogue fields. */
export const ProductWithFiguresSchema = ProductSchema.extend({
  averageRating: z.number().nullable().openapi({ description: 'Mean of published ratings, two decimals; null without reviews' }),
  reviewCount: z.number().int().openapi({ description: 'Published reviews' }),
  verifiedShare: z.number().nullable().openapi({ description: 'Share of published reviews verified by an order, 0 to 1; null without reviews' }),
  unansweredQuestions: z.number().int().openapi({ description: 'Published questions without a published answer' }),
}).openapi('ProductWithFigures');

export const ProductContentQuery = z.object({
  kind: z.enum(['review', 'question'], { error: 'kind must be review or question' }).optional(),
  limit: limitQuery(100, 50),
  cursor: cursorQuery.optional(),
});

const status = z.enum(reviewStatuses, { error: `status must be one of ${reviewStatuses.join(', ')}` });

export const AdminReviewQuery = z.object({
  status: status.optional(),
  rating: z.coerce.number().int().min(1).max(5, { error: 'rating must be an integer from 1 to 5' }).optional(),
  product: z.string().max(128).optional(),
  q: searchQuery.optional(),
  limit: limitQuery(100, 25),
  cursor: cursorQuery.optional(),
});

export const AdminReviewListSchema = z
  .object({ reviews: z.array(AdminReviewSchema), nextCursor: z.string().nullable() })
  .openapi('AdminReviewList');

export const StatusBodySchema = z.strictObject({ status }).openapi('ReviewStatusChange');

export const MAX_BULK_MODERATION = 200;

export const BulkModerationSchema = z
  .strictObject({
    ids: z
      .array(z.string().regex(/^rv_[0-9a-z]{24}$/, { error: 'each id must be a review id (rv_…)' }))
      .min(1, { error: 'ids must name at least one review' })
      .max(MAX_BULK_MODERATION, { error: `ids may name at most ${MAX_BULK_MODERATION} reviews` }),
    status,
  })
  .openapi('BulkModeration');

export const ReplyBodySchema = z.strictObject({ body: markdownText('body') }).openapi('ReplyInput');

export const AuthorParams = z.object({
  store: z.string().max(128),
  email: z.email({ error: 'email must be a valid email address' }).max(254).openapi({ param: { name: 'email', in: 'path' } }),
});

export const MAX_HOLD_WORDS = 200;
export const MAX_BLOCK_LIST = 1000;

const HoldWords = z
  .array(z.string({ error: 'each hold word must be a string' }).trim().min(1, { error: 'a hold word must not be empty' }).max(100, { error: 'a hold word must be at most 100 characters' }))
  .max(MAX_HOLD_WORDS, { error: `holdWords may list at most ${MAX_HOLD_WORDS} words` })
  .transform((words) => [...new Set(words)]);

const BlockList = z
  .array(
    z
      .string({ error: 'each block list entry must be a string' })
      .trim()
      .toLowerCase()
      .refine((v) => /^addr:[0-9a-f]{64}$/.test(v) || z.email().safeParse(v).success, {
        error: 'each block list entry must be an email address or addr: followed by a 64-digit hex address hash',
      }),
  )
  .max(MAX_BLOCK_LIST, { error: `blockList may list at most ${MAX_BLOCK_LIST} entries` })
  .transform((entries) => [...new Set(entries)]);

/** Origins that may write to a store's public API; the rule itself lives in domain/origins.ts. */
const OriginList = z
  .array(
    z.string().max(300).superRefine((pattern, ctx) => {
      const problem = originPatternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: `each allowed origin must be an origin: ${problem}` });
    }),
  )
  .max(MAX_ALLOWED_ORIGINS, { error: `a store allows at most ${MAX_ALLOWED_ORIGINS} origins` });

const KB = 1024;
const MB = 1024 * KB;

/** One media limit: a whole number within bounds, or null to go back to the default (worker/media/limits.ts). */
function mediaLimit(name: string, min: number, max: number, unit: (n: number) => string = String) {
  const error = `${name} must be a whole number ${unit === String ? '' : 'of bytes '}from ${unit(min)} to ${unit(max)}, or null for the default`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).nullable().optional();
}
const bytes = (n: number) => `${n} (${n >= MB ? `${n / MB} MB` : `${n / KB} KB`})`;

/**
 * The bounds keep a store inside what Verity can take: a Workers request body
 * is at most 100 MB, the server reads images up to MAX_IMAGE_SIDE pixels, and
 * the form re-encodes photos to at least 320 px so a review photo stays legible.
 */
const MediaLimitsInput = z
  .strictObject({
    maxPhotos: mediaLimit('maxPhotos', 1, 10),
    maxImageBytes: mediaLimit('maxImageBytes', 100 * KB, 20 * MB, bytes),
    maxImagePixels: mediaLimit('maxImagePixels', 320, MAX_IMAGE_SIDE),
    maxVideoBytes: mediaLimit('maxVideoBytes', 1 * MB, 100 * MB, bytes),
    maxVideoSeconds: mediaLimit('maxVideoSeconds', 1, 600),
  })
  .openapi({
    description:
      'Review photo and video limits; only the fields sent change, and null goes back to the default ' +
      '(5 photos, 10 MB and 2048 px per photo, 50 MB and 60 s for the video).',
  });

export const StoreSettingsSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    allowedOrigins: OriginList.optional().openapi({ description: 'Replaces the whole list. `*`, `https://shop.example` or `https://*.shop.example`.' }),
    addAllowedOrigins: OriginList.optional().openapi({ description: 'Origins to add to the list (already listed ones are kept once).' }),
    removeAllowedOrigins: z.array(z.string().max(300)).max(50).optional().openapi({ description: 'Origins to take off the list.' }),
    moderation: z.enum(moderationPolicies, { error: `moderation must be one of ${moderationPolicies.join(', ')}` }).optional().openapi({
      description: '`publish` at once, `hold` everything, or `hold-first-time`: hold only authors with nothing published yet. Never by rating.',
    }),
    holdWords: HoldWords.optional().openapi({ description: `Replaces the list: words or phrases (whole words, any case) that hold content for moderation; at most ${MAX_HOLD_WORDS}` }),
    blockList: BlockList.optional().openapi({ description: `Replaces the list: emails or \`addr:<hash>\` entries whose content is stored as spam; at most ${MAX_BLOCK_LIST}` }),
    turnstile: z
      .strictObject({
        siteKey: z.string().trim().min(1).max(200, { error: 'turnstile.siteKey must be at most 200 characters' }).nullable().optional(),
        enabled: z.boolean({ error: 'turnstile.enabled must be true or false' }).optional(),
      })
      .optional()
      .openapi({ description: 'Cloudflare Turnstile on public writes (reviews, questions, answers); off by default. Enabling needs a site key and `turnstileSecret`.' }),
    turnstileSecret: z.string().trim().min(1).max(256, { error: 'turnstileSecret must be at most 256 characters' }).nullable().optional().openapi({ description: 'The Turnstile secret key (write-only); null removes it' }),
    acceptUnverified: z.boolean({ error: 'acceptUnverified must be true or false' }).optional(),
    requestDelayDays: z.number().int().min(0).max(365, { error: 'requestDelayDays must be an integer from 0 to 365' }).optional(),
    reminderDelayDays: z.number().int().min(1).max(365, { error: 'reminderDelayDays must be an integer from 1 to 365, or null for no reminder' }).nullable().optional(),
    linkTtlDays: z.number().int().min(1).max(730, { error: 'linkTtlDays must be an integer from 1 to 730' }).optional(),
    emailFrom: z.email({ error: 'emailFrom must be an email address' }).optional(),
    buyersToAsk: z.number().int().min(0).max(20, { error: 'buyersToAsk must be an integer from 0 to 20' }).optional(),
    shopifySecret: z.string().min(8).max(256).optional().openapi({ description: "Your Shopify app's client secret (write-only)" }),
    woocommerceSecret: z.string().min(8).max(256).optional().openapi({ description: 'The secret in your WooCommerce webhook settings (write-only)' }),
    locale: z.enum(buyerLocales, { error: `locale must be one of ${buyerLocales.join(', ')}` }).optional().openapi({ description: "Emails and hosted pages are in the order's language, else in this one" }),
    logoUrl: z.url({ protocol: /^https$/, error: 'logoUrl must be an https URL' }).max(2048).nullable().optional().openapi({ description: 'Shown in emails and on hosted pages; null removes it' }),
    accentColor: z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, { error: 'accentColor must be a hex colour such as #4f46e5' }).nullable().optional().openapi({ description: 'Buttons and the top bar of emails and hosted pages; null for the default' }),
    media: MediaLimitsInput.optional(),
  })
  .refine((v) => !(v.allowedOrigins && (v.addAllowedOrigins || v.removeAllowedOrigins)), {
    error: 'send either allowedOrigins (the whole list) or addAllowedOrigins/removeAllowedOrigins, not both',
    path: ['allowedOrigins'],
  })
  .openapi('StoreSettingsInput');

export const StoreSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    publicKey: z.string(),
    allowedOrigins: z.array(z.string()),
    moderation: z.enum(moderationPolicies),
    holdWords: z.array(z.string()),
    blockList: z.array(z.string()),
    turnstile: z.object({ siteKey: z.string().nullable(), enabled: z.boolean(), secretSet: z.boolean() }),
    acceptUnverified: z.boolean(),
    requestDelayDays: z.number().int(),
    reminderDelayDays: z.number().int().nullable(),
    linkTtlDays: z.number().int(),
    emailFrom: z.string(),
    buyersToAsk: z.number().int(),
    integrations: z.object({ shopify: z.boolean(), woocommerce: z.boolean() }),
    createdAt: z.string(),
    locale: z.enum(buyerLocales),
    logoUrl: z.string().nullable(),
    accentColor: z.string().nullable(),
    media: z
      .object({ maxPhotos: z.number().int(), maxImageBytes: z.number().int(), maxImagePixels: z.number().int(), maxVideoBytes: z.number().int(), maxVideoSeconds: z.number().int() })
      .openapi({ description: 'The review media limits in force: the store’s own over the defaults' }),
  })
  .openapi('Store');
