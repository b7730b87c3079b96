/**
 * Rate limiting for public writes. Workers use Cloudflare's Rate Limiting
 * binding; Node counts in process. Both answer the same question for a key
 * such as `store:address`.
 */

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the client may try again (sent as Retry-After). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  limit(key: string): Promise<RateLimitDecision>;
}

export interface WindowOptions {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  clock?: () => number;
}

/**
 * A fixed-window counter held in memory, for the single Node process of the
 * embedded default. Expired windows are dropped as keys are touched, so memory
 * stays proportional to the clients of the current window.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: () => number;
  #lastSweep = 0;

  constructor({ limit, windowSeconds, clock = Date.now }: WindowOptions) {
    this.#limit = limit;
    this.#windowMs = windowSeconds * 1000;
    this.#clock = clock;
  }

  async limit(key: string): Promise<RateLimitDecision> {
    const now = this.#clock();
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const allowed = window.count <= this.#limit;
    const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((window.start + this.#windowMs - now) / 1000));
    return { allowed, retryAfterSeconds };
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#windowMs) return;
    this.#lastSweep = now;
    for (const [key, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(key);
  }
}

/** The subset of Cloudflare's `RateLimit` binding we call. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Adapts Cloudflare's Rate Limiting binding; its period is fixed in wrangler.toml. */
export function bindingRateLimiter(binding: RateLimitBinding, periodSeconds: number): RateLimiter {
  return {
    async limit(key) {
      const { success } = await binding.limit({ key });
      return { allowed: success, retryAfterSeconds: success ? 0 : periodSeconds };
    },
  };
}

/** No limit at all: for tests that exercise something else, and for trusted local tools. */
export const unlimited: RateLimiter = { limit: async () => ({ allowed: true, retryAfterSeconds: 0 }) };
