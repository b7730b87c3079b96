/**
 * Where outbox emails go. Each transport either delivers a message or
 * throws; the outbox keeps the message and retries on a throw.
 */
import type { OutboxMessage } from '../../db/schema';
import { buildMime } from './mime';

export interface EmailTransport {
  readonly name: string;
  send(message: OutboxMessage): Promise<void>;
}

export interface HttpTransportOptions {
  /** A Resend-compatible endpoint, e.g. https://api.resend.com/emails. */
  endpoint: string;
  apiKey: string;
  fetch?: typeof fetch;
}

/**
 * An HTTP email API in the Resend style: POST JSON { from, to, subject, html,
 * text, headers } with a Bearer key. The outbox id is the idempotency key, so
 * a retry after a lost response does not send twice.
 */
export function httpTransport({ endpoint, apiKey, fetch: doFetch = fetch }: HttpTransportOptions): EmailTransport {
  return {
    name: 'http',
    async send(m) {
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': m.id },
        body: JSON.stringify({ from: m.fromAddress, to: [m.toAddress], subject: m.subject, html: m.html, text: m.text, headers: m.headers }),
      });
      if (!res.ok) throw new Error(`email API answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    },
  };
}

/** The subset of Cloudflare's Email Sending binding (`send_email`) we use. */
export interface SendEmailBinding {
  send(message: unknown): Promise<void>;
}

/** Cloudflare's Email Sending binding; `makeMessage` is `new EmailMessage(from, to, raw)` from `cloudflare:email`. */
export function cloudflareEmailTransport(binding: SendEmailBinding, makeMessage: (from: string, to: string, raw: string) => unknown): EmailTransport {
  return {
    name: 'cloudflare',
    async send(m) {
      await binding.send(makeMessage(m.fromAddress, m.toAddress, buildMime(m, new Date())));
    },
  };
}
