import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../../worker/lib/rate-limiter';
import { makeReviewInput, voterToken } from '../../fixtures/reviews';
import { createHarness, FakeClock } from '../../helpers/harness';

describe('MemoryRateLimiter', () => {
  it('allows the limit per window, then says when to come back', async () => {
    const clock = new FakeClock(0);
    const limiter = new MemoryRateLimiter({ limit: 2, windowSeconds: 60, clock: () => clock.now });
    expect((await limiter.limit('k')).allowed).toBe(true);
    expect((await limiter.limit('k')).allowed).toBe(true);
    clock.advance(15_000);
    expect(await limiter.limit('k')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await limiter.limit('other')).allowed).toBe(true);
    clock.advance(45_000);
    expect((await limiter.limit('k')).allowed).toBe(true);
  });
});

describe('public write limits', () => {
  it('answers 429 with Retry-After per client and store, and stores nothing past the limit', async () => {
    const clock = new FakeClock(0);
    const h = await createHarness({ rateLimiter: new MemoryRateLimiter({ limit: 3, windowSeconds: 60, clock: () => clock.now }) });
    try {
      const post = (client: string, store = 'store-a') =>
        h.call('POST', `/v1/stores/${store}/products/tee/reviews`, { json: makeReviewInput(), client });
      for (let i = 0; i < 3; i++) expect((await post('198.51.100.1')).status).toBe(201);
      const limited = await post('198.51.100.1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      // Votes share the write budget.
      const vote = await h.call('POST', '/v1/stores/store-a/reviews/rv_000000000000000000000000/votes', {
        json: { value: 'helpful', voter: voterToken() },
        client: '198.51.100.1',
      });
      expect(vote.status).toBe(429);
      // Another client, or the same client at another store, is not affected; reads never are.
      expect((await post('198.51.100.2')).status).toBe(201);
      expect((await post('198.51.100.1', 'store-b')).status).toBe(201);
      expect((await h.call('GET', '/v1/stores/store-a/products/tee/reviews', { client: '198.51.100.1' })).body.summary.count).toBe(4);
    } finally {
      h.close();
    }
  });
});
