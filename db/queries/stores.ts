import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { randomId, randomSecret, sha256Hex } from '../../worker/crypto';
import type { Db } from '../client';
import { apiKeys, defaultStoreSettings, stores, type Store, type StoreIntegrations, type StoreSettings } from '../schema';

export interface StoreKeys {
  publicKey: string;
  secretKey: string;
  webhookSecret: string;
}

export interface NewStore {
  id: string;
  name: string;
  allowedOrigins?: string[];
  settings?: Partial<StoreSettings>;
}

/** Creates a store with fresh keys. The secret key is returned once and stored only as a hash. */
export async function createStore(db: Db, input: NewStore, now: number): Promise<{ store: Store; keys: StoreKeys }> {
  const keys: StoreKeys = {
    publicKey: randomId('pk', 16),
    secretKey: randomSecret('sk'),
    webhookSecret: randomSecret('whsec'),
  };
  const store: Store = {
    id: input.id,
    name: input.name,
    allowedOrigins: input.allowedOrigins ?? [],
    publicKey: keys.publicKey,
    webhookSecret: keys.webhookSecret,
    linkSecret: randomSecret('link'),
    integrations: {},
    settings: { ...defaultStoreSettings, ...input.settings },
    createdAt: now,
  };
  await db.batch([
    db.insert(stores).values(store),
    db.insert(apiKeys).values({
      id: randomId('key'),
      storeId: store.id,
      keyHash: await sha256Hex(keys.secretKey),
      prefix: keys.secretKey.slice(0, 10),
      createdAt: now,
    }),
  ]);
  return { store, keys };
}

/** A store, with settings added since it was created filled in from the defaults. */
export async function getStore(db: Db, id: string): Promise<Store | undefined> {
  const store = await db.query.stores.findFirst({ where: eq(stores.id, id) });
  return store && { ...store, settings: { ...defaultStoreSettings, ...store.settings } };
}

export async function listStores(db: Db): Promise<Store[]> {
  return db.select().from(stores).orderBy(asc(stores.id));
}

/** Every store's id, and nothing of its settings or secrets: for robots.txt and sitemaps. */
export async function listStoreIds(db: Db): Promise<string[]> {
  return (await db.select({ id: stores.id }).from(stores).orderBy(asc(stores.id))).map((r) => r.id);
}

/** The store a secret key belongs to, if the key is known and not revoked. */
export async function findStoreIdBySecretKey(db: Db, secretKey: string): Promise<string | undefined> {
  const keyHash = await sha256Hex(secretKey);
  const row = await db
    .select({ storeId: apiKeys.storeId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
  return row?.storeId;
}

/**
 * Replaces every secret of a store at once: old secret keys stop working, and
 * the webhook secret and public key are new. Returns the new keys (shown once).
 */
export async function rotateStoreKeys(db: Db, storeId: string, now: number): Promise<StoreKeys> {
  const keys: StoreKeys = {
    publicKey: randomId('pk', 16),
    secretKey: randomSecret('sk'),
    webhookSecret: randomSecret('whsec'),
  };
  await db.batch([
    db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.storeId, storeId), isNull(apiKeys.revokedAt))),
    db.insert(apiKeys).values({
      id: randomId('key'),
      storeId,
      keyHash: await sha256Hex(keys.secretKey),
      prefix: keys.secretKey.slice(0, 10),
      createdAt: now,
    }),
    db.update(stores).set({ publicKey: keys.publicKey, webhookSecret: keys.webhookSecret }).where(eq(stores.id, storeId)),
  ]);
  return keys;
}

export async function updateStore(
  db: Db,
  storeId: string,
  patch: { name?: string; allowedOrigins?: string[]; settings?: StoreSettings; integrations?: StoreIntegrations },
): Promise<Store | undefined> {
  const [row] = await db.update(stores).set(patch).where(eq(stores.id, storeId)).returning();
  return row;
}

/**
 * Adds and removes allowed origins in one statement, so two merchants (or
 * scripts) editing the list at once never lose each other's change. Listed
 * origins keep their order, new ones follow, none appears twice. Returns
 * undefined when the store does not exist or the list would pass `max`.
 */
export async function editAllowedOrigins(
  db: Db,
  storeId: string,
  edit: { add: string[]; remove: string[]; max: number },
): Promise<Store | undefined> {
  const add = JSON.stringify([...new Set(edit.add)]);
  const remove = JSON.stringify(edit.remove);
  const next = sql`(SELECT json_group_array(value) FROM (
      SELECT value FROM (
        SELECT value, 0 AS part, CAST(key AS INTEGER) AS pos FROM json_each(${stores.allowedOrigins})
        UNION ALL
        SELECT value, 1, CAST(key AS INTEGER) FROM json_each(${add})
        WHERE value NOT IN (SELECT value FROM json_each(${stores.allowedOrigins}))
      )
      WHERE value NOT IN (SELECT value FROM json_each(${remove}))
      ORDER BY part, pos))`;
  const [row] = await db
    .update(stores)
    .set({ allowedOrigins: sql`${next}` })
    .where(and(eq(stores.id, storeId), sql`json_array_length(${next}) <= ${edit.max}`))
    .returning();
  return row;
}
