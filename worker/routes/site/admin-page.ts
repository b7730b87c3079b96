/** GET /admin and every path below it: the dashboard shell (worker/views/admin-page.ts). */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../context';
import { adminPage } from '../../views/admin-page';

export const adminShell = new Hono<AppEnv>();

const shell = (c: Context<AppEnv>) => {
  // The URL may carry a reset or invitation token: keep it out of Referer headers and shared caches.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(adminPage());
};

adminShell.get('/admin', shell);
adminShell.get('/admin/*', shell);
