/** The store's own settings: name, allowed origins, moderation policy. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { editAllowedOrigins, updateStore } from '../../../db/queries/stores';
import type { Store } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { MAX_ALLOWED_ORIGINS } from '../../domain/origins';
import { ApiError } from '../../errors';
import { StoreSchema, StoreSettingsSchema } from '../../schemas/admin';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import { validationHook } from '../../http/validation';

export const adminStore = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

const storeJson = (s: Store) => ({
  id: s.id,
  name: s.name,
  publicKey: s.publicKey,
  allowedOrigins: s.allowedOrigins,
  moderation: s.settings.moderation,
  acceptUnverified: s.settings.acceptUnverified,
  requestDelayDays: s.settings.requestDelayDays,
  reminderDelayDays: s.settings.reminderDelayDays,
  linkTtlDays: s.settings.linkTtlDays,
  emailFrom: s.settings.emailFrom,
  buyersToAsk: s.settings.buyersToAsk,
  // Secrets are write-only: say whether they are set, never what they are.
  integrations: { shopify: Boolean(s.integrations.shopifySecret), woocommerce: Boolean(s.integrations.woocommerceSecret) },
  createdAt: new Date(s.createdAt).toISOString(),
});

adminStore.openapi(
  createRoute({
    method: 'get',
    path: '/{store}',
    operationId: 'getStore',
    tags: ['Merchant'],
    security,
    summary: "The store's settings",
    request: { params: StoreParams },
    responses: { 200: json(StoreSchema, 'Settings'), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    return c.json(storeJson(c.var.merchantStore), 200);
  },
);

adminStore.openapi(
  createRoute({
    method: 'patch',
    path: '/{store}',
    operationId: 'updateStore',
    tags: ['Merchant'],
    security,
    summary: 'Change the name, allowed origins, moderation, review request schedule or integration secrets',
    description:
      'Moderation applies to every new review alike (`publish` or `hold`); it can never depend on the rating. ' +
      'Allowed origins (who may write from a browser; anyone may read) take the whole list as `allowedOrigins`, ' +
      'or `addAllowedOrigins`/`removeAllowedOrigins` to edit it without resending it.',
    request: { params: StoreParams, body: jsonBody(StoreSettingsSchema) },
    responses: { 200: json(StoreSchema, 'Settings after the change'), ...errorResponses(400, 401, 403, 404, 413, 415) },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const current = c.var.merchantStore;
    const { name, allowedOrigins, addAllowedOrigins, removeAllowedOrigins, shopifySecret, woocommerceSecret, ...settings } = input;
    if (addAllowedOrigins || removeAllowedOrigins) {
      const edited = await editAllowedOrigins(c.var.db, current.id, { add: addAllowedOrigins ?? [], remove: removeAllowedOrigins ?? [], max: MAX_ALLOWED_ORIGINS });
      if (!edited) throw new ApiError('VALIDATION_FAILED', `a store allows at most ${MAX_ALLOWED_ORIGINS} origins; remove some first`);
    }
    const updated = await updateStore(c.var.db, current.id, {
      name,
      allowedOrigins,
      settings: { ...current.settings, ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) },
      integrations: {
        ...current.integrations,
        ...(shopifySecret ? { shopifySecret } : {}),
        ...(woocommerceSecret ? { woocommerceSecret } : {}),
      },
    });
    return c.json(storeJson(updated!), 200);
  },
);
