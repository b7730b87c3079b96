import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { prepared } from './prepared';
import { apiKeys, defaultStoreSettings, stores, type Store, type StoreIntegrations, type StoreSettings } from '../schema';

export interface NewStore {
  id: string;
  name: string;
  allowedOrigins?: string[];
  settings?: Partial<StoreSettings>;
}

/**
 * What the database keeps of a store's keys: the public ones, the secrets the
 * server itself must read (webhook and link secrets), and of the secret key
 * only its hash and a prefix to recognise it by. Made by worker/domain/store-keys.ts.
 */
export interface StoredKeys {
  publicKey: string;
  webhookSecret: string;
  linkSecret: string;
  secretKey: { id: string; hash: string; prefix: string };
}

/** Inserts a store and its first secret key in one batch. */
export async function insertStore(db: Db, input: NewStore, keys: StoredKeys, now: number): Promise<Store> {
  const store: Store = {
    id: input.id,
    name: input.name,
    allowedOrigins: input.allowedOrigins ?? [],
    publicKey: keys.publicKey,
    webhookSecret: keys.webhookSecret,
    linkSecret: keys.linkSecret,
    integrations: {},
    settings: { ...defaultStoreSettings, ...input.settings },
    createdAt: now,
  };
  await db.batch([
    db.insert(stores).values(store),
    db.insert(apiKeys).values({ id: keys.secretKey.id, storeId: store.id, keyHash: keys.secretKey.hash, prefix: keys.secretKey.prefix, createdAt: now }),
  ]);
  return store;
}

/** A store, with settings added since it was created filled in from the defaults. */
export async function getStore(db: Db, id: string): Promise<Store | undefined> {
  // Every public request starts here: built once (db/queries/prepared.ts).
  const query = prepared(db, 'store', (d) => d.query.stores.findFirst({ where: eq(stores.id, sql.placeholder('id')) }).prepare());
  const store = await query.execute({ id });
  return store && withDefaults(store);
}

/**
 * getStore with the rows remembered until their store changes: every public
 * request starts by reading its store, which changes about never. `stamp` is
 * the store scope's version: on Node openVersionReader's, which reads it
 * without a statement while nothing was written; on Workers the one the
 * public cache read for this request (worker/index.ts), or undefined when it
 * read none (a write) — then the row is read. The stores triggers move it
 * with every change of the row, from any process. The version is read before
 * the row, so a remembered row is never older than its version. Rows are
 * frozen: one object serves every request.
 */
export function rememberedStores(stamp: (storeId: string, scopes: ['store'], request?: Request) => number | undefined, max = 1_000) {
  const rows = new Map<string, { version: number; store: Store }>();
  // One array for every call: the reader keys its remembered stamps by the scopes array.
  const scopes: ['store'] = ['store'];
  return async function rememberedStore(db: Db, id: string, request?: Request): Promise<Store | undefined> {
    const version = stamp(id, scopes, request);
    if (version === undefined) return getStore(db, id);
    const known = rows.get(id);
    if (known?.version === version) return known.store;
    const store = await getStore(db, id);
    if (!store) return undefined;
    if (rows.size >= max) rows.clear();
    rows.set(id, { version, store: deepFreeze(store) });
    return store;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Settings added since a store was created, filled in from the defaults: every read of a whole store goes through it. */
const withDefaults = (store: Store): Store => ({ ...store, settings: { ...defaultStoreSettings, ...store.settings } });

export async function listStores(db: Db): Promise<Store[]> {
  return db.select().from(stores).orderBy(asc(stores.id));
}

/** Every store's id, and nothing of its settings or secrets: for robots.txt and sitemaps. */
export async function listStoreIds(db: Db): Promise<string[]> {
  return (await db.select({ id: stores.id }).from(stores).orderBy(asc(stores.id))).map((r) => r.id);
}

/** The store a secret key belongs to (by the key's hash), if the key is known and not revoked. */
export async function findStoreByKeyHash(db: Db, keyHash: string): Promise<Store | undefined> {
  const row = await db
    .select({ store: stores })
    .from(apiKeys)
    .innerJoin(stores, eq(stores.id, apiKeys.storeId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
  return row && withDefaults(row.store);
}

/**
 * Replaces every secret of a store at once, in one batch: old secret keys stop
 * working, and the webhook secret and public key are new. The link secret
 * stays, so links already emailed keep working.
 */
export async function replaceStoreKeys(db: Db, storeId: string, keys: Omit<StoredKeys, 'linkSecret'>, now: number): Promise<void> {
  await db.batch([
    db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.storeId, storeId), isNull(apiKeys.revokedAt))),
    db.insert(apiKeys).values({ id: keys.secretKey.id, storeId, keyHash: keys.secretKey.hash, prefix: keys.secretKey.prefix, createdAt: now }),
    db.update(stores).set({ publicKey: keys.publicKey, webhookSecret: keys.webhookSecret }).where(eq(stores.id, storeId)),
  ]);
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
