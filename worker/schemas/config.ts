/** What a storefront form needs to know about its store before a shopper writes. */
import { z } from '@hono/zod-openapi';

export const StoreConfigSchema = z
  .object({
    turnstile: z
      .object({
        siteKey: z.string().openapi({ description: "The store's Turnstile site key (public by design)", example: '0x4AAAAAAA-site-key' }),
        scriptUrl: z.string().openapi({ description: 'The Turnstile script to load (this instance’s TURNSTILE_SCRIPT_URL)', example: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit' }),
      })
      .nullable()
      .openapi({ description: 'Set when reviews, questions and answers need a `turnstileToken`; null when the store does not ask for one' }),
    acceptUnverified: z.boolean().openapi({ description: 'Whether shoppers without an order may review on the product page' }),
    media: z
      .object({
        maxPhotos: z.number().int(),
        maxImageBytes: z.number().int(),
        maxImagePixels: z.number().int().openapi({ description: 'The longest side the form re-encodes photos to (the server takes up to 4096)' }),
        maxVideoBytes: z.number().int(),
        maxVideoSeconds: z.number(),
        acceptImages: z.array(z.string()),
        acceptVideo: z.array(z.string()),
      })
      .openapi({ description: 'What a review may carry: photos (POST …/uploads) and one video' }),
  })
  .openapi('StoreConfig');
