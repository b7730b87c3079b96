/** The transports against real peers: an HTTP email API on loopback, and .eml files on disk. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../db/schema';
import { fileTransport } from '../../../worker/email/file-transport';
import { buildMime } from '../../../worker/email/mime';
import { httpTransport } from '../../../worker/email/transport';

const message: OutboxMessage = {
  id: 'em_test0000000000000000001',
  storeId: 'store-a',
  dedupeKey: 'request:1',
  toAddress: 'buyer@example.com',
  fromAddress: 'reviews@shop.example',
  subject: 'Wie gefällt Ihnen das T-Shirt?',
  text: 'Hallo,\nReview it: https://reviews.example/r/abc',
  html: '<p>Hallo</p>',
  headers: { 'List-Unsubscribe': '<https://reviews.example/u/xyz>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  status: 'sending',
  attempts: 1,
  nextAttemptAt: 0,
  leaseUntil: null,
  lastError: null,
  createdAt: 0,
  sentAt: null,
};

describe('httpTransport', () => {
  const received: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  let failNext = false;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      if (failNext) {
        failNext = false;
        res.writeHead(503).end('{"message":"try later"}');
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"provider-1"}');
    });
  });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/emails`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the message as JSON with the key and the outbox id as idempotency key', async () => {
    await httpTransport({ endpoint, apiKey: 're_test' }).send(message);
    const [req] = received;
    expect(req!.headers.authorization).toBe('Bearer re_test');
    expect(req!.headers['idempotency-key']).toBe(message.id);
    expect(req!.body).toEqual({
      from: 'reviews@shop.example',
      to: ['buyer@example.com'],
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
    });
  });

  it('throws on a provider error so the outbox retries', async () => {
    failNext = true;
    await expect(httpTransport({ endpoint, apiKey: 're_test' }).send(message)).rejects.toThrow(/503/);
  });
});

describe('fileTransport and MIME', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verity-eml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one standard message per email, overwriting on a retry', async () => {
    const transport = fileTransport(dir, () => Date.UTC(2026, 10, 25, 9, 0, 0));
    await transport.send(message);
    await transport.send(message);
    expect(readdirSync(dir)).toEqual([`${message.id}.eml`]);
    const eml = readFileSync(join(dir, `${message.id}.eml`), 'utf8');
    const [head, ...rest] = eml.split('\r\n\r\n');
    expect(head).toContain('From: reviews@shop.example');
    expect(head).toContain('To: buyer@example.com');
    expect(head).toContain('Subject: =?UTF-8?B?');
    expect(head).toContain('Date: Wed, 25 Nov 2026 09:00:00 +0000');
    expect(head).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(head).toMatch(/Content-Type: multipart\/alternative;\s+boundary="verity-em_/);
    const body = rest.join('\r\n\r\n');
    const parts = [...body.matchAll(/Content-Type: (text\/\w+); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/g)];
    expect(parts.map((p) => p[1])).toEqual(['text/plain', 'text/html']);
    expect(Buffer.from(parts[0]![2]!.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(message.text);
  });

  it('never lets a header value start a new header', () => {
    const mime = buildMime({ ...message, subject: 'Hi\r\nBcc: victim@example.com' }, new Date(0));
    expect(mime).not.toMatch(/^Bcc:/m);
  });
});
