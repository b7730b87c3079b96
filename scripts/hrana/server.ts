/** Local Hrana-over-HTTP endpoint on the embedded libSQL engine, replacing sqld in dev and tests (Turso's dev server rejects the client's `close`). */

import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { openConnectionSource } from './connection';
import { HttpError, protocolError } from './errors';
import { parsePipelineBody, type PipelineBody, type PipelineResponse, type StreamResult } from './protocol';
import { Stream, StreamRegistry } from './stream';

export { databasePath } from './connection';
export { scanParameters } from './params';

export interface HranaHandlerOptions {
  /** `file:<path>` (or a bare path) for a database file; `:memory:` for a throwaway database. */
  url: string;
  /** When set, pipeline requests must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** How long a stream may sit idle before it is dropped and its open transaction rolled back. */
  streamIdleTimeoutMs?: number;
  /** How long a statement keeps retrying while another stream holds the write lock. */
  busyTimeoutMs?: number;
}

export interface HranaServerOptions extends HranaHandlerOptions {
  /** Told of every request before it is handled: tests count round trips with it. */
  onRequest?: (req: IncomingMessage) => void;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface HranaServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HranaHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Rolls back and drops every stream and closes the database. */
  close(): Promise<void>;
}

const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 10_000; // what sqld uses
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function startHranaServer(opts: HranaServerOptions): Promise<HranaServer> {
  const hrana = createHranaHandler(opts);
  const server = createServer((req, res) => {
    opts.onRequest?.(req);
    hrana.handle(req, res);
  });
  const host = opts.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, opts.port ?? 0, host);
  } catch (e) {
    await hrana.close();
    throw e;
  }
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The official client keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      });
      await hrana.close();
    },
  };
}

export function createHranaHandler(opts: HranaHandlerOptions): HranaHandler {
  const source = openConnectionSource(opts.url);
  const streams = new StreamRegistry(opts.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS);
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const isAuthorized = bearerCheck(opts.authToken);

  async function runPipeline(body: PipelineBody): Promise<PipelineResponse> {
    const stream =
      body.baton === undefined ? streams.add(new Stream(source, busyTimeoutMs)) : streams.checkOut(body.baton);
    if (stream === undefined) {
      const message = 'Unknown baton: the stream was closed, expired after inactivity, or never existed';
      throw new HttpError(400, 'STREAM_EXPIRED', message);
    }
    const results: StreamResult[] = [];
    try {
      for (const request of body.requests) results.push(await stream.handle(request));
    } catch (e) {
      // Only a bug gets here (SQL errors become results), so don't leave the stream half-done.
      stream.close();
      streams.checkIn(stream);
      throw e;
    }
    stream.endPipeline();
    return { baton: streams.checkIn(stream), base_url: null, results };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && (path === '/health' || path === '/')) return sendText(res, 200, 'ok');
    // Version probes arrive without credentials (the client sends a bare GET), so they stay open.
    if (req.method === 'GET' && (path === '/v2' || path === '/v3')) return sendText(res, 200, `Hrana ${path.slice(1)} (JSON)`);
    if (req.method === 'POST' && (path === '/v2/pipeline' || path === '/v3/pipeline')) {
      if (!isAuthorized(req)) throw new HttpError(401, 'UNAUTHORIZED', 'Missing or wrong Authorization: Bearer token');
      const body = parsePipelineBody(await readJson(req));
      return sendJson(res, 200, await runPipeline(body));
    }
    // Protobuf (`/v3-protobuf`) and cursors are not implemented; a 404 on the probe makes clients fall back to JSON.
    sendText(res, 404, 'Not found');
  }

  return {
    handle(req, res) {
      route(req, res).catch((e: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (e instanceof HttpError) return sendJson(res, e.status, { message: e.message, code: e.code });
        console.error('hrana-server: internal error', e);
        sendJson(res, 500, { message: e instanceof Error ? e.message : String(e), code: 'INTERNAL_ERROR' });
      });
    },
    async close() {
      streams.closeAll();
      source.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('expected a TCP address'));
      resolve(address.port);
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// HTTP plumbing

function bearerCheck(token: string | undefined): (req: IncomingMessage) => boolean {
  if (!token) return () => true;
  const expected = sha256(`Bearer ${token}`);
  // Hashing first gives equal-length inputs, so timingSafeEqual can compare them.
  return (req) => timingSafeEqual(sha256(req.headers.authorization ?? ''), expected);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `Body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw protocolError('Request body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  // Exactly `application/json`: the client compares the header verbatim before reading an error body.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
