/**
 * The public part of a store's settings, for the storefront forms: whether a
 * write needs a Turnstile token and how to get one. Never the secret.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { turnstileRequired } from '../../domain/turnstile';
import { errorResponses, json, StoreParams } from '../../schemas/common';
import { StoreConfigSchema } from '../../schemas/config';
import { validationHook } from '../../http/validation';
import { mediaLimits } from '../../media/limits';

/** A minute: a merchant who turns Turnstile on waits at most this long for every open storefront to show the challenge. */
export const CONFIG_MAX_AGE = 60;

export const storeConfig = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

storeConfig.openapi(
  createRoute({
    method: 'get',
    path: '/{store}/config',
    tags: ['Public'],
    operationId: 'getStoreConfig',
    security: [],
    summary: 'What the storefront forms need: the Turnstile site key and script, and whether unverified reviews are taken',
    description:
      'The review, question and answer forms read this when they open. `turnstile` is null unless the store asks for a token on public writes; ' +
      `then send the widget's token as \`turnstileToken\`. Cacheable for ${CONFIG_MAX_AGE} seconds.`,
    request: { params: StoreParams },
    responses: { 200: json(StoreConfigSchema, "The store's public form settings"), ...errorResponses(400, 404) },
  }),
  (c) => {
    const { settings } = c.get('store');
    // Exactly when writes are checked (domain/turnstile.ts), so the form never shows a challenge nobody verifies, nor skips one that is.
    const siteKey = turnstileRequired(c.get('store')) ? settings.turnstile.siteKey : null;
    c.header('Cache-Control', `public, max-age=${CONFIG_MAX_AGE}`);
    return c.json(
      { turnstile: siteKey ? { siteKey, scriptUrl: c.get('turnstileScriptUrl') } : null, acceptUnverified: settings.acceptUnverified, media: mediaLimits(c.get('store')) },
      200,
    );
  },
);
