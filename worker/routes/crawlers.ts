/** What crawlers read before anything else: robots.txt and each store's sitemap index. */
import { Hono } from 'hono';
import { getStore, listStoreIds } from '../../db/queries/stores';
import type { AppDeps, AppEnv } from '../context';
import { notFound } from '../errors';
import { robotsTxt, sitemapIndexXml } from '../views/sitemaps';
import { urls } from '../domain/urls';

export function crawlers(deps: Pick<AppDeps, 'demo'>) {
  const routes = new Hono<AppEnv>();

  routes.get('/robots.txt', async (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.text(robotsTxt(c.get('baseUrl'), await listStoreIds(c.get('db')), { demo: deps.demo }));
  });

  routes.get('/sitemaps/:file{[^/]+\\.xml}', async (c) => {
    const id = decodeURIComponent(c.req.param('file').slice(0, -'.xml'.length));
    const store = await getStore(c.get('db'), id);
    if (!store) throw notFound(`store "${id}"`);
    c.header('Content-Type', 'application/xml; charset=utf-8');
    // Question pages today; the index is where further sitemaps of the store (review pages) join them.
    return c.body(sitemapIndexXml([urls.questionSitemap(c.get('baseUrl'), store.id)]));
  });

  return routes;
}
