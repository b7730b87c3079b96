/**
 * Cloudflare Turnstile on public writes, when a store turns it on: the
 * widget's token is checked on the server against siteverify, never trusted
 * from the browser. Off by default; enforced only with a secret to check with.
 */
import type { Store } from '../../db/schema';
import { ApiError } from '../errors';

/** Tokens are at most 2048 characters (Cloudflare's documented limit). */
export const MAX_TURNSTILE_TOKEN = 2048;
/** siteverify answers in well under a second; a hung connection must not hold a write for long. */
const VERIFY_TIMEOUT_MS = 10_000;

export function turnstileRequired(store: Pick<Store, 'settings' | 'integrations'>): boolean {
  return store.settings.turnstile.enabled && Boolean(store.integrations.turnstileSecret);
}

/**
 * Throws TURNSTILE_FAILED unless `token` passes siteverify for this store, or
 * UNAVAILABLE when siteverify cannot answer. Does nothing when the store does
 * not ask for Turnstile.
 *
 * @example await requireTurnstile(c.get('store'), input.turnstileToken, { verifyUrl: c.get('turnstileVerifyUrl'), remoteIp: c.get('clientAddress') })
 */
export async function requireTurnstile(
  store: Pick<Store, 'settings' | 'integrations'>,
  token: string | undefined,
  opts: { verifyUrl: string; remoteIp?: string },
): Promise<void> {
  if (!turnstileRequired(store)) return;
  if (!token) throw new ApiError('TURNSTILE_FAILED', 'this store asks for a Turnstile check: send the widget’s token as turnstileToken');
  const form = new URLSearchParams({ secret: store.integrations.turnstileSecret!, response: token });
  if (opts.remoteIp) form.set('remoteip', opts.remoteIp);
  let outcome: { success?: unknown; 'error-codes'?: unknown };
  try {
    const res = await fetch(opts.verifyUrl, { method: 'POST', body: form, signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
    outcome = (await res.json()) as typeof outcome;
  } catch (err) {
    console.error('turnstile siteverify failed', err instanceof Error ? err.message : err);
    throw new ApiError('UNAVAILABLE', 'the Turnstile check could not be completed just now; please try again in a moment');
  }
  if (outcome.success !== true) {
    const errorCodes = Array.isArray(outcome['error-codes']) ? outcome['error-codes'].filter((c): c is string => typeof c === 'string') : [];
    throw new ApiError('TURNSTILE_FAILED', 'the Turnstile check did not pass; complete the challenge again and resend', { errorCodes });
  }
}
