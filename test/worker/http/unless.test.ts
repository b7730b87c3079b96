/** The app's cheaper `except`: skipped paths, answers from inside the chain, params and errors as Hono's own chain has them. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { unless } from '../../../worker/http/unless';

function app() {
  const seen: string[] = [];
  const app = new Hono();
  app.use(
    '/stores/:store/*',
    unless(
      /^\/stores\/[^/]+\/hooks(\/|$)/,
      async (c, next) => {
        seen.push(`first ${c.req.param('store')}`);
        await next();
        c.header('x-after', c.req.param('store') ?? 'none');
      },
      async (c, next) => {
        if (c.req.query('answer')) return c.text('answered early', 418);
        if (c.req.query('fail')) throw new Error('boom');
        seen.push('second');
        await next();
      },
    ),
  );
  app.get('/stores/:store/items/:item', (c) => c.text(`item ${c.req.param('item')}`));
  app.get('/stores/:store/hooks/x', (c) => c.text('hook'));
  app.onError((err, c) => c.text(`error ${err.message}`, 500));
  return { app, seen };
}

describe('unless', () => {
  it('runs the chain in order around the route, with the params of its mount', async () => {
    const { app: a, seen } = app();
    const res = await a.request('/stores/s1/items/i1');
    expect(await res.text()).toBe('item i1');
    expect(res.headers.get('x-after')).toBe('s1');
    expect(seen).toEqual(['first s1', 'second']);
  });

  it('skips the whole chain for paths that match', async () => {
    const { app: a, seen } = app();
    const res = await a.request('/stores/s1/hooks/x');
    expect(await res.text()).toBe('hook');
    expect(res.headers.get('x-after')).toBeNull();
    expect(seen).toEqual([]);
  });

  it('lets a middleware of the chain answer, and its answer is the response', async () => {
    const { app: a, seen } = app();
    const res = await a.request('/stores/s1/items/i1?answer=1');
    expect(res.status).toBe(418);
    expect(await res.text()).toBe('answered early');
    expect(res.headers.get('x-after')).toBe('s1');
    expect(seen).toEqual(['first s1']);
  });

  it('passes errors to the app error handler', async () => {
    const { app: a } = app();
    const res = await a.request('/stores/s1/items/i1?fail=1');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('error boom');
  });
});
