/**
 * The reference of bench/read-path.ts: a Hono route answering a constant 2 KB
 * JSON body on @hono/node-server, the same process model as `npm start`.
 * Whatever Verity does beyond this is the cost of being Verity.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = JSON.stringify({ reviews: Array.from({ length: 10 }, (_, i) => ({ id: `rv_${i}`, rating: 5, title: 'Constant', body: 'x'.repeat(150) })) });
const app = new Hono();
app.get('/*', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' }, () => console.log('listening on constant'));
