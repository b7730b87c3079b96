/**
 * A store's keys: a public key (names the store in embeds, not a secret), a
 * secret key (`sk_…`, the merchant API's Bearer token, shown once and stored
 * only as a SHA-256 hash — it is 256 random bits, so a slow hash adds
 * nothing), a webhook secret and a link secret (signs emailed links; never
 * leaves the server).
 */
import { insertStore, replaceStoreKeys, type NewStore, type StoredKeys } from '../../db/queries/stores';
import type { Db } from '../../db/client';
import type { Store } from '../../db/schema';
import { randomId, randomSecret, sha256Hex } from '../lib/crypto';

/** What the merchant is shown once. */
export interface StoreKeys {
  publicKey: string;
  secretKey: string;
  webhookSecret: string;
}

/** The hash a secret key is stored and looked up by. */
export const hashSecretKey = (secretKey: string) => sha256Hex(secretKey);

async function freshKeys(): Promise<{ shown: StoreKeys; stored: Omit<StoredKeys, 'linkSecret'> }> {
  const shown: StoreKeys = { publicKey: randomId('pk', 16), secretKey: randomSecret('sk'), webhookSecret: randomSecret('whsec') };
  const secretKey = { id: randomId('key'), hash: await hashSecretKey(shown.secretKey), prefix: shown.secretKey.slice(0, 10) };
  return { shown, stored: { publicKey: shown.publicKey, webhookSecret: shown.webhookSecret, secretKey } };
}

/** Creates a store with fresh keys; the secret key is in the answer and nowhere else. */
export async function createStore(db: Db, input: NewStore, now: number): Promise<{ store: Store; keys: StoreKeys }> {
  const { shown, stored } = await freshKeys();
  const store = await insertStore(db, input, { ...stored, linkSecret: randomSecret('link') }, now);
  return { store, keys: shown };
}

/** New public key, secret key and webhook secret at once; the old secret key stops working. */
export async function rotateStoreKeys(db: Db, storeId: string, now: number): Promise<StoreKeys> {
  const { shown, stored } = await freshKeys();
  await replaceStoreKeys(db, storeId, stored, now);
  return shown;
}
