import { and, asc, eq, isNull } from 'drizzle-orm';
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
