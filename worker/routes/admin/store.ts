/** The store's own settings: name, allowed origins, moderation policy, hold words, block list, Turnstile. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { editAllowedOrigins, updateStore } from '../../../db/queries/stores';
import type { Store, StoreIntegrations, StoreSettings } from '../../../db/schema';
import type { AppEnv } from '../../context';
import { MAX_ALLOWED_ORIGINS } from '../../domain/origins';
import { ApiError } from '../../errors';
import { StoreSchema, StoreSettingsSchema } from '../../schemas/admin';
import { errorResponses, json, jsonBody, StoreParams } from '../../schemas/common';
import { validationHook } from '../../http/validation';
import { audit } from '../../http/audit-trail';
import { storeBrandJson } from '../../domain/branding';
import { mediaLimits } from '../../media/limits';

export const adminStore = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const security = [{ secretKey: [] }];

const storeJson = (s: Store) => ({
  id: s.id,
  name: s.name,
  publicKey: s.publicKey,
  allowedOrigins: s.allowedOrigins,
  moderation: s.settings.moderation,
  holdWords: s.settings.holdWords,
  blockList: s.settings.blockList,
  turnstile: { siteKey: s.settings.turnstile.siteKey, enabled: s.settings.turnstile.enabled, secretSet: Boolean(s.integrations.turnstileSecret) },
  acceptUnverified: s.settings.acceptUnverified,
  requestDelayDays: s.settings.requestDelayDays,
  reminderDelayDays: s.settings.reminderDelayDays,
  linkTtlDays: s.settings.linkTtlDays,
  emailFrom: s.settings.emailFrom,
  buyersToAsk: s.settings.buyersToAsk,
  // Secrets are write-only: say whether they are set, never what they are.
  integrations: { shopify: Boolean(s.integrations.shopifySecret), woocommerce: Boolean(s.integrations.woocommerceSecret) },
  createdAt: new Date(s.createdAt).toISOString(),
  ...storeBrandJson(s),
  media: numericMediaLimits(s),
});

function numericMediaLimits(s: Store) {
  const { maxPhotos, maxImageBytes, maxImagePixels, maxVideoBytes, maxVideoSeconds } = mediaLimits(s);
  return { maxPhotos, maxImageBytes, maxImagePixels, maxVideoBytes, maxVideoSeconds };
}

/** The store's own media limits after a change: the fields sent replace theirs, null drops one back to the default. */
function mergeMediaLimits(current: StoreSettings['media'], change: Record<string, number | null | undefined> | undefined): StoreSettings['media'] {
  if (!change) return current;
  const merged: Record<string, number | null | undefined> = { ...current, ...change };
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

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
    return c.json(storeJson(c.get('merchantStore')), 200);
  },
);

adminStore.openapi(
  createRoute({
    method: 'patch',
    path: '/{store}',
    operationId: 'updateStore',
    tags: ['Merchant'],
    security,
    summary: 'Change the name, allowed origins, moderation, hold words, block list, Turnstile, review request schedule or integration secrets',
    description:
      'Moderation applies to every new review, question and answer alike (`publish`, `hold` or `hold-first-time`); it can never depend on the rating. ' +
      'Hold words hold content for moderation; content from a block-list entry is stored as spam. Owners only; every change is in the audit log (`settings.update`, names of the fields only). ' +
      'Allowed origins (who may write from a browser; anyone may read) take the whole list as `allowedOrigins`, ' +
      'or `addAllowedOrigins`/`removeAllowedOrigins` to edit it without resending it.',
    request: { params: StoreParams, body: jsonBody(StoreSettingsSchema) },
    responses: { 200: json(StoreSchema, 'Settings after the change'), ...errorResponses(400, 401, 403, 404, 413, 415) },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const current = c.get('merchantStore');
    const { name, allowedOrigins, addAllowedOrigins, removeAllowedOrigins, shopifySecret, woocommerceSecret, turnstileSecret, turnstile, media, ...rest } = input;
    const settings: StoreSettings = {
      ...current.settings,
      ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<StoreSettings>),
      media: mergeMediaLimits(current.settings.media, media),
      turnstile: {
        siteKey: turnstile?.siteKey === undefined ? current.settings.turnstile.siteKey : turnstile.siteKey,
        enabled: turnstile?.enabled ?? current.settings.turnstile.enabled,
      },
    };
    const integrations: StoreIntegrations = {
      ...current.integrations,
      ...(shopifySecret ? { shopifySecret } : {}),
      ...(woocommerceSecret ? { woocommerceSecret } : {}),
    };
    if (turnstileSecret) integrations.turnstileSecret = turnstileSecret;
    if (turnstileSecret === null) delete integrations.turnstileSecret;
    // Checked before anything is written, so a refused change changes nothing.
    if (settings.turnstile.enabled && (!settings.turnstile.siteKey || !integrations.turnstileSecret)) {
      throw new ApiError('VALIDATION_FAILED', 'turnstile.enabled needs both turnstile.siteKey and turnstileSecret', {
        issues: [{ path: 'turnstile.enabled', message: 'set turnstile.siteKey and turnstileSecret first' }],
      });
    }
    if (addAllowedOrigins || removeAllowedOrigins) {
      const edited = await editAllowedOrigins(c.get('db'), current.id, { add: addAllowedOrigins ?? [], remove: removeAllowedOrigins ?? [], max: MAX_ALLOWED_ORIGINS });
      if (!edited) throw new ApiError('VALIDATION_FAILED', `a store allows at most ${MAX_ALLOWED_ORIGINS} origins; remove some first`);
    }
    const updated = (await updateStore(c.get('db'), current.id, { name, allowedOrigins, settings, integrations }))!;
    const fields = changedFields(current, updated);
    if (fields.length > 0) {
      await audit(c, { action: 'settings.update', details: auditDetails(fields, updated) });
    }
    return c.json(storeJson(updated), 200);
  },
);

const secretFields = ['shopifySecret', 'woocommerceSecret', 'turnstileSecret'] as const;
const listFields = ['allowedOrigins', 'holdWords', 'blockList'] as const;

/** The names of what changed, never the values: secrets and shoppers' addresses stay out of the log. */
function changedFields(before: Store, after: Store): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const fields: string[] = [];
  if (before.name !== after.name) fields.push('name');
  if (!same(before.allowedOrigins, after.allowedOrigins)) fields.push('allowedOrigins');
  for (const key of Object.keys(after.settings) as Array<keyof StoreSettings>) {
    if (!same(before.settings[key], after.settings[key])) fields.push(key);
  }
  for (const key of secretFields) if (before.integrations[key] !== after.integrations[key]) fields.push(key);
  return fields;
}

/** For lists, how many entries there are now (the entries themselves may be shoppers' emails). */
function auditDetails(fields: string[], after: Store): Record<string, unknown> {
  const lists = { allowedOrigins: after.allowedOrigins, holdWords: after.settings.holdWords, blockList: after.settings.blockList };
  const counts = Object.fromEntries(listFields.filter((f) => fields.includes(f)).map((f) => [f, lists[f].length]));
  return Object.keys(counts).length ? { fields, counts } : { fields };
}
