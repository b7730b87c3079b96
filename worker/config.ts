/**
 * Configuration, parsed once at start by one zod schema per runtime: every
 * default is written here and nowhere else, and a bad value stops the start
 * with a message naming the variable — not a NaN found hours later.
 */
import { z } from 'zod';

const int = (name: string, min: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const n = Number(raw);
      if (Number.isInteger(n) && n >= min) return n;
      ctx.addIssue({ code: 'custom', message: `${name} must be an integer of at least ${min}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    });

const optionalText = z
  .string()
  .optional()
  .transform((v) => v || undefined);

/** PUBLIC_URL as links are built on it: http(s), no query or fragment, no trailing slash. */
const publicUrl = (required: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) {
        if (required) ctx.addIssue({ code: 'custom', message: "PUBLIC_URL is not set: the public URL every link, canonical URL and sitemap uses" });
        return undefined;
      }
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `PUBLIC_URL must be an absolute http(s) URL such as https://reviews.shop.example, got ${JSON.stringify(raw)}` });
        return z.NEVER;
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        ctx.addIssue({ code: 'custom', message: `PUBLIC_URL must start with https:// or http://, got ${JSON.stringify(raw)}` });
      } else if (url.search || url.hash) {
        ctx.addIssue({ code: 'custom', message: `PUBLIC_URL must not carry a query or fragment, got ${JSON.stringify(raw)}` });
      }
      return `${url.origin}${url.pathname}`.replace(/\/$/, '');
    });

const onOff = (fallback: 'on' | 'off') =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw || fallback;
      if (value !== 'on' && value !== 'off') ctx.addIssue({ code: 'custom', message: `DEMO must be "on" or "off", got ${JSON.stringify(raw)}` });
      return value === 'on';
    });

const RESEND = 'https://api.resend.com/emails';
/** Cloudflare Turnstile's token check; tests point it at a loopback stand-in. */
export const TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
const turnstileVerifyUrl = z.url({ error: 'TURNSTILE_VERIFY_URL must be an absolute URL' }).default(TURNSTILE_VERIFY_URL);
/** Cloudflare Turnstile's script, loaded by the storefront forms (render=explicit: they call turnstile.render); tests serve a stand-in. */
export const TURNSTILE_SCRIPT_URL = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
// http(s) only: it becomes a <script src> and a CSP source on /demo.
const turnstileScriptUrl = z
  .url({ protocol: /^https?$/, error: 'TURNSTILE_SCRIPT_URL must be an absolute http(s) URL' })
  .default(TURNSTILE_SCRIPT_URL);

/** The embedded default (`npm start`, the CLI). */
export const NodeEnvSchema = z.object({
  PORT: int('PORT', 0, 8787),
  HOST: z.string().default('127.0.0.1'),
  VERITY_DATA_DIR: z.string().default('./data'),
  LIBSQL_URL: optionalText,
  LIBSQL_AUTH_TOKEN: optionalText,
  TRUST_PROXY_HOPS: int('TRUST_PROXY_HOPS', 0, 0),
  RATE_LIMIT_WRITES_PER_MINUTE: int('RATE_LIMIT_WRITES_PER_MINUTE', 1, 30),
  PUBLIC_URL: publicUrl(false),
  SCHEDULER_INTERVAL_SECONDS: int('SCHEDULER_INTERVAL_SECONDS', 0, 60),
  /** Memory for cached public answers, in MiB (worker/http/public-cache.ts); 0 turns the cache off. */
  PUBLIC_CACHE_MB: int('PUBLIC_CACHE_MB', 0, 64),
  EMAIL_TRANSPORT: z.enum(['file', 'http'], { error: 'EMAIL_TRANSPORT must be "file" or "http"' }).default('file'),
  EMAIL_API_URL: z.url({ error: 'EMAIL_API_URL must be an absolute URL' }).default(RESEND),
  EMAIL_API_KEY: optionalText,
  TURNSTILE_VERIFY_URL: turnstileVerifyUrl,
  TURNSTILE_SCRIPT_URL: turnstileScriptUrl,
  DEMO: onOff('on'),
});

/** A deployed Worker ([vars] and secrets in wrangler.toml). */
export const WorkerEnvSchema = z.object({
  LIBSQL_URL: z.string({ error: 'LIBSQL_URL is not set: point it at your Turso or sqld database' }).min(1, { error: 'LIBSQL_URL is not set: point it at your Turso or sqld database' }),
  LIBSQL_AUTH_TOKEN: optionalText,
  // Required: a missing one is an issue above, so a parsed config always has it.
  PUBLIC_URL: publicUrl(true).transform((v) => v as string),
  PUBLIC_WRITES_PERIOD: z.enum(['10', '60'], { error: 'PUBLIC_WRITES_PERIOD must be 10 or 60, the period of the [[ratelimits]] binding' }).default('60').transform(Number),
  EMAIL_API_URL: z.url({ error: 'EMAIL_API_URL must be an absolute URL' }).default(RESEND),
  EMAIL_API_KEY: optionalText,
  TURNSTILE_VERIFY_URL: turnstileVerifyUrl,
  TURNSTILE_SCRIPT_URL: turnstileScriptUrl,
  DEMO: onOff('off'),
});

/** Thrown when the environment cannot run Verity; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env` by `schema`, or throws one ConfigError listing every problem. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`invalid configuration:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join('\n')}`);
}
