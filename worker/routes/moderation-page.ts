/** /stores/:store/moderation — the public moderation figures as a page for people (JSON at /v1/stores/:store/moderation). */
import { Hono } from 'hono';
import { getStore } from '../../db/queries/stores';
import type { AppEnv } from '../context';
import { moderationFigures } from '../domain/insights';
import { urls } from '../domain/urls';
import { messagePage } from '../views/review-link';
import { moderationPage } from '../views/moderation-page';
import { storefrontHref } from '../views/store-links';

export const moderationPages = new Hono<AppEnv>();

moderationPages.get('/stores/:store/moderation', async (c) => {
  const store = await getStore(c.get('db'), c.req.param('store'));
  if (!store) return c.html(messagePage('Store not found', 'There is no store with this name here.', 'error'), 404);
  const figures = await moderationFigures(c.get('db'), store, c.get('now'));
  return c.html(moderationPage(figures, { jsonUrl: urls.moderationFigures('', store.id), storeUrl: storefrontHref(store) }));
});
