/**
 * Opens the embedded libSQL database for the Node runtime and the CLI.
 *
 * Durability: WAL journal with `synchronous=FULL` (SQLite's default, checked
 * here), so a write acknowledged to a client is in the fsynced WAL and survives
 * the process — or the machine — being killed. The busy timeout lets a second
 * process (the CLI next to a running server) wait for the lock instead of
 * failing at once.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';

export const BUSY_TIMEOUT_MS = 5_000;

export async function openEmbedded(url: string, authToken?: string): Promise<Client> {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (path && !path.startsWith(':memory:')) mkdirSync(dirname(path), { recursive: true });
  }
  const client = createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  if (url.startsWith('file:') && !url.includes(':memory:')) {
    // journal_mode is stored in the file, so one connection setting it covers the pool.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = FULL');
  }
  return client;
}
