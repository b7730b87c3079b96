/**
 * Cloudflare Workers entry. libSQL is reached over HTTP (Turso or sqld in
 * production, the local Hrana endpoint under `npm run dev`); the schema is
 * migrated by the CLI, never on a request.
 */
import { EmailMessage } from 'cloudflare:email';
import { createClient } from '@libsql/client/web';
import { createDb } from '../db/client';
import { createApp, type App } from './app';
import { cloudflareEmailTransport, httpTransport, type EmailTransport, type SendEmailBinding } from './email/transport';
import { bindingRateLimiter, unlimited, type RateLimitBinding } from './rate-limit';
import { runScheduler } from './services/review-requests';

export interface WorkerEnv {
  LIBSQL_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  /** Cloudflare Rate Limiting binding for public writes ([[ratelimits]] in wrangler.toml). */
  PUBLIC_WRITES?: RateLimitBinding;
  /** Must match the binding's `period` in wrangler.toml (10 or 60). */
  PUBLIC_WRITES_PERIOD?: string;
  /** This Worker's public URL: every link in emails, canonical URL and sitemap uses it. Required. */
  PUBLIC_URL?: string;
  /** Cloudflare Email Sending binding (send_email in wrangler.toml), or: */
  EMAIL?: SendEmailBinding;
  /** a Resend-style HTTP email API. */
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  /** "on" serves the /demo storefront; a deployed Worker has none unless asked (`npm run dev` turns it on). */
  DEMO?: string;
}

function transportFor(env: WorkerEnv): EmailTransport {
  if (env.EMAIL) return cloudflareEmailTransport(env.EMAIL, (from, to, raw) => new EmailMessage(from, to, raw));
  if (env.EMAIL_API_KEY) return httpTransport({ endpoint: env.EMAIL_API_URL ?? 'https://api.resend.com/emails', apiKey: env.EMAIL_API_KEY });
  // Without a transport nothing is lost: messages wait in the outbox, retried until one is configured.
  return { name: 'none', send: async () => Promise.reject(new Error('no email transport configured: bind EMAIL or set EMAIL_API_KEY')) };
}

// The app holds no per-request state, so one per isolate and env is enough;
// the database client is made per request (a Workers I/O object must not
// outlive the request that created it).
const apps = new WeakMap<WorkerEnv, App>();

function appFor(env: WorkerEnv): App {
  let app = apps.get(env);
  if (!app) {
    if (!env.LIBSQL_URL) throw new Error('LIBSQL_URL is not set: point it at your Turso or sqld database');
    // Links and canonical URLs must never follow a request's (forgeable) Host.
    if (!env.PUBLIC_URL) throw new Error("PUBLIC_URL is not set: the Worker's public URL, which every link and canonical URL uses");
    app = createApp({
      db: () => createDb(createClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN })),
      clock: Date.now,
      rateLimiter: env.PUBLIC_WRITES ? bindingRateLimiter(env.PUBLIC_WRITES, Number(env.PUBLIC_WRITES_PERIOD ?? 60)) : unlimited,
      clientAddress: (c) => c.req.header('cf-connecting-ip'),
      publicUrl: env.PUBLIC_URL,
      demo: env.DEMO === 'on',
    });
    apps.set(env, app);
  }
  return app;
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return appFor(env).fetch(request, env, ctx);
  },
  /** Cron Trigger: review requests and email delivery, one bounded batch per run. */
  async scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
    if (!env.PUBLIC_URL) throw new Error('PUBLIC_URL is not set: links in review emails need this Worker\'s public URL');
    const db = createDb(createClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN }));
    await runScheduler(db, { now: controller.scheduledTime, baseUrl: env.PUBLIC_URL, transport: transportFor(env) });
  },
} satisfies ExportedHandler<WorkerEnv>;
