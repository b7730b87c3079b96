/**
 * Who is voting, as far as Verity may know it. A voter token is whatever the
 * browser invents, so it alone cannot stop one client from voting many times:
 * the client address caps how many votes it adds to one review or answer.
 * Neither is stored in the clear.
 */
import type { Store } from '../../db/schema';
import { hmacSha256, sha256Hex, toHex } from '../lib/crypto';
import { ApiError } from '../errors';

/**
 * Votes one client address may add to one review or answer, however many voter
 * tokens it invents. More than one, so shoppers behind one NAT (an office, a
 * family, a mobile carrier) can still each vote; small enough that rotating
 * tokens cannot reorder `sort=helpful`.
 */
export const VOTES_PER_ADDRESS = 3;

/** A voter or reporter token, hashed with the store: the same token means nothing in another store. */
export const hashVoterToken = (storeId: string, token: string) => sha256Hex(`${storeId}:${token}`);

/**
 * The client address as a keyed hash under the store's link secret. A plain
 * hash of an IPv4 address is reversed by trying all 2³² of them; the key makes
 * that impossible without the server's secret, and differs per store.
 */
export async function hashClientAddress(store: Pick<Store, 'id' | 'linkSecret'>, address: string | undefined): Promise<string> {
  // Without a trustworthy address every anonymous client shares one bucket, as the rate limit does.
  return toHex(await hmacSha256(store.linkSecret || store.id, `vote-address:${address ?? 'unknown'}`));
}

/** Both hashes a vote is stored with. */
export async function voterIdentity(store: Pick<Store, 'id' | 'linkSecret'>, token: string, address: string | undefined) {
  const [voter, addressHash] = await Promise.all([hashVoterToken(store.id, token), hashClientAddress(store, address)]);
  return { voter, address: addressHash };
}

/** Refuses a vote over the per-address cap, with the counts so the widget can still show them. */
export const voteLimitReached = (what: 'review' | 'answer', counts: object) =>
  new ApiError('VOTE_LIMIT_REACHED', `enough votes on this ${what} have come from your network already; thank you`, counts);
