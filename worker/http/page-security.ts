/**
 * Security headers for Verity's own HTML pages. Applied once to the whole app
 * and decided by the response's type, so a new page or error page cannot miss
 * them; JSON answers keep the API's headers.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

/**
 * Scripts only from files on this origin: no page has an inline script (the
 * demo toolbar is /demo/toolbar.js), so nothing injected into a page can run,
 * and no per-response nonce keeps /q/ pages cacheable. JSON-LD is a data block,
 * which CSP does not treat as script. Styles may be inline: the pages carry
 * their CSS, and the widgets bind `style="width:…"` on their bars; CSS cannot
 * run code. Images: product pictures and https images in reviews. Media:
 * review videos from this origin, and the review form's look at a video the
 * shopper picked (a blob: URL) before it uploads it.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  // Nobody may frame a page whose one button unsubscribes or accepts (clickjacking).
  "frame-ancestors 'none'",
].join('; ');

/**
 * /demo is a storefront, so its forms may show the Turnstile challenge: the
 * script's origin (TURNSTILE_SCRIPT_URL) may run, and may frame the challenge
 * it serves from there (challenges.cloudflare.com by default). Only that one
 * origin, and only on /demo: the other pages have no form that needs it.
 */
export function demoPageCsp(turnstileScriptUrl: string): string {
  const origin = new URL(turnstileScriptUrl).origin;
  return PAGE_CSP.replace("script-src 'self'", `script-src 'self' ${origin}`) + `; frame-src ${origin}`;
}

const isDemoPage = (path: string) => path === '/demo' || path.startsWith('/demo/');

/**
 * The dashboard (/admin) is a script app on this origin and nothing else: no
 * inline styles (Lit's adopted stylesheets are not inline styles), no images
 * from elsewhere, no framing, forms and requests to this origin only.
 */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  // The Emails page frames the HTML preview (EMAIL_PREVIEW_CSP), from this origin only.
  "frame-src 'self'",
].join('; ');

const isAdminPage = (path: string) => path === '/admin' || path.startsWith('/admin/');

/**
 * The HTML email preview (GET …/email-templates/preview.html): an email's
 * inline styles and pictures from anywhere, nothing that runs (no script
 * source at all, and `sandbox` even when opened outside its frame), framed
 * only by the dashboard on this origin, and no form, base or link target to abuse.
 */
export const EMAIL_PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src https: data: 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

const isEmailPreview = (path: string) => /^\/v1\/admin\/stores\/[^/]+\/email-templates\/preview\.html$/.test(path);

export const pageSecurity = () =>
  createMiddleware<AppEnv>(async function pageSecurity(c, next) {
    await next();
    if (!/^text\/html\b/i.test(c.res.headers.get('content-type') ?? '')) return;
    const path = c.req.path;
    const preview = isEmailPreview(path);
    c.header('Content-Security-Policy', preview ? EMAIL_PREVIEW_CSP : isAdminPage(path) ? ADMIN_CSP : isDemoPage(path) ? demoPageCsp(c.get('turnstileScriptUrl')) : PAGE_CSP);
    c.header('X-Frame-Options', preview ? 'SAMEORIGIN' : 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    // Not no-referrer everywhere: a same-origin POST from a no-referrer page says `Origin: null`, which the store's CORS check refuses.
    if (!c.res.headers.has('Referrer-Policy')) c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  });

/**
 * For pages whose URL is a secret (/r/, /a/, /accept/, /u/): the token must not
 * leave in a Referer (product images load from the store's CDN) nor stay in a
 * shared cache. Also on their error pages and JSON answers.
 */
export const tokenPage = () =>
  createMiddleware<AppEnv>(async function tokenPage(c, next) {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });
