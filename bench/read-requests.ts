/**
 * The requests of the read-path benchmarks (bench/read-path.ts against the
 * constant route, bench/compare.ts between two checkouts), in one place so
 * both measure the same workload.
 */
import { execFileSync } from 'node:child_process';
import type autocannon from 'autocannon';
import type { Seeded } from './read-path-seed';

/** Every written review and vote is new: the author's email and the voter differ each time. */
let written = 0;

/** Zipf-like popularity over the catalogue: a few products get most views, as on a real store. */
export function popular(products: string[]): string {
  return products[Math.min(products.length - 1, Math.floor(products.length * Math.random() ** 3))]!;
}

export function reviewRequest(storeId: string, product: string): autocannon.Request {
  const i = written++;
  return {
    method: 'POST',
    path: `/v1/stores/${storeId}/products/${product}/reviews`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rating: 1 + (i % 5), title: `Bench ${i}`, body: `Review **${i}** from the benchmark.`, author: { name: 'Bench', email: `bench${i}-${Math.random()}@example.com` } }),
  };
}

/**
 * One request of the mixed workload: 95 % reads of the catalogue by
 * popularity (half first pages, half summaries), 4 % reviews of those
 * products, 1 % helpful votes.
 */
export function mixedRequest(s: Seeded): autocannon.Request {
  const roll = Math.random();
  const product = popular(s.catalogue);
  const store = `/v1/stores/${s.storeId}`;
  if (roll < 0.04) return reviewRequest(s.storeId, product);
  if (roll < 0.05) {
    const id = s.voteTargets[Math.floor(Math.random() * s.voteTargets.length)];
    return { method: 'POST', path: `${store}/reviews/${id}/votes`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 'helpful', voter: `benchvoter${written++}xxxxxx` }) };
  }
  return { method: 'GET', path: roll < 0.5 ? `${store}/products/${product}/reviews` : `${store}/summaries?products=${product}` };
}

/** /proc's CPU times are in clock ticks. */
export const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
