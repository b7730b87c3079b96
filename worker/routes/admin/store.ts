/** The store's own settings: name, allowed origins, moderation policy. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { getStore, updateStore } from '../../../db/queries/stores';
import type { Store } from '../../../db/schema';
import type { AppEnv } from '../../env';
import { notFound } from '../../errors';
import { StoreSchema, StoreSettingsSchema } from '../../schemas/admin';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import { validationHook } from '../../validation';

export const adminStore = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

const storeJson = (s: Store) => ({
  id: s.id,
  name: s.name,
  publicKey: s.publicKey,
  allowedOrigins: s.allowedOrigins,
  moderation: s.settings.moderation,
  createdAt: new Date(s.createdAt).toISOString(),
});

adminStore.openapi(
  createRoute({
    method: 'get',
    path: '/{store}',
    tags: ['Merchant'],
    security,
    summary: "The store's settings",
    request: { params: StoreParams },
    responses: { 200: json(StoreSchema, 'Settings'), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const store = await getStore(c.var.db, c.var.merchantStoreId);
    if (!store) throw notFound('store');
    return c.json(storeJson(store), 200);
  },
);

adminStore.openapi(
  createRoute({
    method: 'patch',
    path: '/{store}',
    tags: ['Merchant'],
    security,
    summary: 'Change the name, allowed origins or moderation policy',
    description: 'Moderation applies to every new review alike (`publish` or `hold`); it can never depend on the rating.',
    request: { params: StoreParams, body: jsonBody(StoreSettingsSchema) },
    responses: { 200: json(StoreSchema, 'Settings after the change'), ...errorResponses(400, 401, 403, 404, 413, 415) },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const current = await getStore(c.var.db, c.var.merchantStoreId);
    if (!current) throw notFound('store');
    const updated = await updateStore(c.var.db, current.id, {
      name: input.name,
      allowedOrigins: input.allowedOrigins,
      settings: input.moderation ? { ...current.settings, moderation: input.moderation } : undefined,
    });
    return c.json(storeJson(updated!), 200);
  },
);
