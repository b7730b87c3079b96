/** The embedded default's transport: each email becomes a standard .eml file a person can open. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailTransport } from './transport';
import { buildMime } from './mime';

export function fileTransport(dir: string, clock: () => number = Date.now): EmailTransport {
  return {
    name: 'file',
    async send(m) {
      await mkdir(dir, { recursive: true });
      // The outbox id names the file, so a retried send overwrites instead of duplicating.
      await writeFile(join(dir, `${m.id}.eml`), buildMime(m, new Date(clock())));
    },
  };
}
