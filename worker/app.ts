/**
 * Builds the Verity app from its dependencies. Knows nothing of the runtime:
 * worker/index.ts (Cloudflare Workers) and worker/node.ts (embedded default)
 * both call createApp with their own database, clock and rate limiter.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './context';
import { QueryInputError } from '../db/errors';
import { TURNSTILE_SCRIPT_URL, TURNSTILE_VERIFY_URL } from './config';
import { ApiError, fromQueryInputError } from './errors';
import { BODY_LIMITS, jsonBody } from './http/body';
import { merchantAuth } from './http/merchant-auth';
import { pageSecurity } from './http/page-security';
import { unless } from './http/unless';
import { rateLimit } from './http/rate-limit';
import { storeCors } from './http/store-cors';
import { docsPage } from './views/docs';
import { adminAudit } from './routes/admin/audit';
import { adminAuthors } from './routes/admin/authors';
import { adminInbox } from './routes/admin/inbox';
import { adminNotifications } from './routes/admin/notifications';
import { adminKeys } from './routes/admin/keys';
import { adminMembers } from './routes/admin/members';
import { adminSession } from './routes/admin/session';
import { adminShell } from './routes/site/admin-page';
import { roleGuard } from './http/require-owner';
import { adminOrders } from './routes/admin/orders';
import { adminImports } from './routes/admin/imports';
import { adminProducts } from './routes/admin/products';
import { adminReviews } from './routes/admin/reviews';
import { adminStore } from './routes/admin/store';
import { crawlers } from './routes/crawlers';
import { demo } from './routes/demo';
import { feeds } from './routes/feeds';
import { health } from './routes/health';
import { documentLinks } from './routes/links/document';
import { links } from './routes/links/index';
import { questionPages } from './routes/question-pages';
import { questions } from './routes/public/questions';
import { adminQuestions } from './routes/admin/questions';
import { adminEmailTemplates } from './routes/admin/email-templates';
import { reviews } from './routes/public/reviews';
import { snippet } from './routes/public/snippet';
import { storeConfig } from './routes/public/config';
import { structuredData } from './routes/public/structured-data';
import { summaries } from './routes/public/summaries';
import { votes } from './routes/public/votes';
import { editLinks } from './routes/public/edit-links';
import { documentWebhooks, webhooks } from './routes/webhooks/orders';
import { validationHook } from './http/validation';
import { adminInsights } from './routes/admin/insights';
import { moderation } from './routes/public/moderation';
import { moderationPages } from './routes/moderation-page';
import { uploads } from './routes/public/uploads';
import { gallery } from './routes/public/gallery';
import { mediaFiles } from './routes/media-files';
import { adminMedia } from './routes/admin/media';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const publicUrl = typeof deps.publicUrl === 'function' ? deps.publicUrl : () => deps.publicUrl as string;

  // Read with c.get('db'), never c.var.db: Hono's `var` copies every variable into a new
  // object on each read (a fiftieth of a cache miss, with the dozen reads a request makes).
  app.use('*', async function context(c, next) {
    c.set('db', deps.db(c));
    c.set('now', deps.clock());
    c.set('baseUrl', publicUrl().replace(/\/$/, ''));
    c.set('clientAddress', deps.clientAddress(c));
    c.set('turnstileVerifyUrl', deps.turnstileVerifyUrl ?? TURNSTILE_VERIFY_URL);
    c.set('turnstileScriptUrl', deps.turnstileScriptUrl ?? TURNSTILE_SCRIPT_URL);
    c.set('media', deps.media);
    // Before next(): set on a finished response, a header turns its string body back into a stream.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use('*', pageSecurity());

  // Webhooks come from servers with their own signatures and raw bodies: no CORS, no per-address limit.
  // Uploads are raw photo and video bytes, read and checked by their route (worker/routes/public/uploads.ts).
  app.use(
    '/v1/stores/:store/*',
    unless(/^\/v1\/stores\/[^/]+\/webhooks(\/|$)/, storeCors(deps.store), rateLimit(deps), unless(/^\/v1\/stores\/[^/]+\/uploads$/, jsonBody({ maxBytes: BODY_LIMITS.public }))),
  );
  // `/:store/*` also matches `/:store` itself.
  // An import's file is read by its route, with its own limit and encoding detection.
  app.use('/v1/admin/stores/:store/*', merchantAuth(), roleGuard(), unless(/^\/v1\/admin\/stores\/[^/]+\/imports$/, jsonBody({ maxBytes: BODY_LIMITS.admin, alsoAccept: /^text\/csv\b/i })));

  app.route('/v1/stores', reviews);
  app.route('/v1/stores', summaries);
  app.route('/v1/stores', votes);
  app.route('/v1/stores', editLinks);
  app.route('/v1/stores', structuredData);
  app.route('/v1/stores', snippet);
  app.route('/v1/stores', questions);
  app.route('/v1/stores', storeConfig);
  app.route('/v1/stores', webhooks);
  app.route('/v1/stores', moderation);
  app.route('/v1/stores', uploads);
  app.route('/v1/stores', gallery);
  app.route('/', mediaFiles);
  app.route('/', links);
  app.route('/', questionPages(deps));
  app.route('/', moderationPages);
  app.route('/v1/admin/stores', adminStore);
  app.route('/v1/admin/stores', adminProducts);
  app.route('/v1/admin/stores', adminReviews);
  app.route('/v1/admin/stores', adminAuthors);
  app.route('/v1/admin/stores', adminOrders);
  app.route('/v1/admin/stores', adminQuestions);
  app.route('/v1/admin/stores', adminInbox);
  app.route('/v1/admin/stores', adminNotifications);
  app.route('/v1/admin/stores', adminMembers);
  app.route('/v1/admin/stores', adminKeys);
  app.route('/v1/admin/stores', adminAudit);
  app.route('/v1/admin/stores', adminInsights);
  app.route('/v1/admin/stores', adminEmailTemplates);
  app.route('/v1/admin/stores', adminMedia);
  app.route('/v1/admin/stores', adminImports);
  app.route('/v1/admin', adminSession);
  app.route('/', adminShell);
  app.route('/v1', feeds);
  app.route('/', health);
  app.route('/', crawlers(deps));
  if (deps.demo) app.route('/', demo);

  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: "The store's secret key (sk_…), from `npm run verity -- stores create` or `stores rotate-keys`.",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'verity_session',
    description:
      'The dashboard session from `POST /v1/admin/login`. Store routes accept it in place of the secret key for members of the store; ' +
      'every request that changes something must also send the session\'s csrfToken as `X-CSRF-Token`.',
  });
  documentWebhooks(app.openAPIRegistry);
  documentLinks(app.openAPIRegistry);
  const openApiConfig = {
    openapi: '3.1.0',
    // Relative: the document describes the instance that serves it, whatever its public URL.
    servers: [{ url: '/', description: 'This Verity instance' }],
    info: {
      title: 'Verity API',
      version: '1',
      description:
        'Verified reviews and Q&A for online stores. Public routes are what widgets call (CORS per store); ' +
        'merchant routes take the store secret key as a Bearer token. Every error is `{ "error": { "code", "message", "details"? } }`.',
    },
  };
  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', (c) => c.html(docsPage(app.getOpenAPI31Document(openApiConfig))));
  app.get('/', (c) => c.redirect('/docs'));

  app.notFound((c) => c.json(new ApiError('NOT_FOUND', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`).toJSON(), 404));

  app.onError((err, c) => {
    if (err instanceof QueryInputError) err = fromQueryInputError(err);
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
      return c.json(err.toJSON(), err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Raised by Hono itself (e.g. a malformed request it refuses before our code runs).
      return c.json({ error: { code: 'VALIDATION_FAILED', message: err.message || 'bad request' } }, err.status);
    }
    console.error('unhandled error', c.req.method, c.req.path, err);
    return c.json(new ApiError('INTERNAL', 'something went wrong on our side; it has been logged').toJSON(), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
