/**
 * Serves the built widgets (dist/public/widgets) from the Node server, with
 * the headers Workers static assets give them from `_headers`. A missing
 * build is a clear 404 naming the command, not a silent blank storefront.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { ApiError } from '../errors';
import { widgetHeadersFor } from './widget-headers';

export function serveWidgets(app: Hono<any>, publicDir: string): void {
  app.use(
    '/widgets/*',
    serveStatic({
      root: publicDir,
      onFound: (_path, c) => {
        for (const [name, value] of Object.entries(widgetHeadersFor(c.req.path))) c.header(name, value);
      },
    }),
    async (c) => {
      const built = existsSync(join(publicDir, 'widgets', 'verity.js'));
      const message = built ? `no widget file ${c.req.path}` : 'the widgets are not built: run `npm run build:widgets`';
      return c.json(new ApiError('NOT_FOUND', message).toJSON(), 404);
    },
  );
}
