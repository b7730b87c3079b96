/** The Node public cache's version stamps (db/embedded.ts openVersionReader): exact, and re-read only where something changed. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVersionReader, type VersionRead } from '../../db/embedded';
import { readVersionStamp, type VersionScope } from '../../db/queries/content-versions';
import { getProduct, upsertProducts } from '../../db/queries/products';
import { insertReview } from '../../db/queries/reviews';
import { randomId } from '../../worker/lib/crypto';
import { createHarness, type Harness } from '../helpers/harness';

let dir: string;
let url: string;
let h: Harness;
/** A raw connection of its own: another writer, as the CLI or an import in another process is. */
let other: Client;
let reads: Array<[VersionRead, number]>;
const onRead = (read: VersionRead, rows: number) => reads.push([read, rows]);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-versions-'));
  url = `file:${join(dir, 'v.db')}`;
  h = await createHarness({ url });
  // As openEmbedded sets it: readers never wait for a writer.
  await h.client.execute('PRAGMA journal_mode = WAL');
  other = createClient({ url, timeout: 5_000 });
  reads = [];
});
afterEach(() => {
  other.close();
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function review(productExternalId: string) {
  const product = (await getProduct(h.db, 'store-a', productExternalId))!;
  await insertReview(h.db, randomId('rv'), {
    storeId: 'store-a', productId: product.id, rating: 4, title: null, body: 'x', bodyHtml: '<p>x</p>', authorName: 'A', authorEmail: 'a@example.com',
    verified: false, orderId: null, status: 'published', locale: null, now: h.clock.now,
  });
}

describe('openVersionReader', () => {
  it("after another product's write re-reads only the rows that moved, and serves this product's stamp from memory; its own write still moves it", async () => {
    const reader = openVersionReader(url, { onRead })!;
    try {
      const tee = reader.stamp('store-a', ['store', 'p:tee']);
      const mug = reader.stamp('store-a', ['store', 'p:mug']);
      reads.length = 0;

      await other.execute("UPDATE products SET name = 'Mug, renamed' WHERE store_id = 'store-a' AND external_id = 'mug'");
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(tee);
      // One statement for the commit, returning the two rows it moved (the store's `any` and `p:mug`).
      expect(reads).toEqual([['changes', 2]]);
      reads.length = 0;
      expect(reader.stamp('store-a', ['store', 'p:mug'])).toBe(mug + 1);
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(tee);
      expect(reads).toEqual([]);

      await review('tee');
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(tee + 1);
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await readVersionStamp(h.db, 'store-a', ['store', 'p:tee']));
      // `any`, `p:tee` and the summary's `s:tee` (a published review moves the product's statistics).
      expect(reads).toEqual([['changes', 3]]);
    } finally {
      reader.close();
    }
  });

  it('asks for data_version only after a commit, from any connection, and still sees every one', async () => {
    let asked = 0;
    const reader = openVersionReader(url, { onDataVersion: () => asked++ })!;
    try {
      const tee = reader.stamp('store-a', ['store', 'p:tee']);
      const first = asked;
      for (let i = 0; i < 50; i++) expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(tee);
      // The WAL index's header stood still, so data_version was not asked again.
      expect(asked).toBe(first);

      await other.execute("UPDATE products SET name = 'Tee, renamed' WHERE store_id = 'store-a' AND external_id = 'tee'");
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(tee + 1);
      expect(asked).toBe(first + 1);
      await review('tee');
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(tee + 2);
      for (let i = 0; i < 50; i++) reader.stamp('store-a', ['store', 'p:tee']);
      expect(asked).toBe(first + 2);
    } finally {
      reader.close();
    }
  });

  it('reads the scopes it does not know in one statement, and a scope without a row as 0 until its row is inserted', async () => {
    const reader = openVersionReader(url, { onRead })!;
    try {
      // No store row change yet and no product `new`: neither scope has a row.
      expect(reader.stamp('store-a', ['store', 'p:new'])).toBe(0);
      expect(reads.filter(([read]) => read === 'scopes')).toEqual([['scopes', 0]]);
      expect(reader.stamp('store-a', ['store', 'p:tee', 'p:mug'])).toBe(await readVersionStamp(h.db, 'store-a', ['p:tee', 'p:mug']));
      expect(reads.filter(([read]) => read === 'scopes')).toEqual([['scopes', 0], ['scopes', 2]]);

      await other.execute("INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('store-a', 'new', 'New', 0, 0)");
      expect(reader.stamp('store-a', ['store', 'p:new'])).toBe(1);
      await other.execute("UPDATE stores SET name = 'Renamed' WHERE id = 'store-a'");
      expect(reader.stamp('store-a', ['store', 'p:new'])).toBe(2);
      expect(reader.stamp('store-a', ['store'])).toBe(1);
      expect(reads.filter(([read]) => read === 'scopes')).toHaveLength(2);
      // A scope named twice counts once, as readVersionStamp's IN does.
      expect(reader.stamp('store-a', ['store', 'store', 'p:new'])).toBe(2);
    } finally {
      reader.close();
    }
  });

  it('forgets everything past its bound, so a crawler walking every product cannot grow it, and still answers exactly', async () => {
    const reader = openVersionReader(url, { onRead, maxScopes: 4 })!;
    try {
      for (const p of ['tee', 'mug', 'tote']) reader.stamp('store-a', ['store', `p:${p}`]);
      reads.length = 0;
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await readVersionStamp(h.db, 'store-a', ['store', 'p:tee']));
      expect(reads).toEqual([]);
      // A fifth scope: all are forgotten and read again when next asked for.
      expect(reader.stamp('store-b', ['store'])).toBe(await readVersionStamp(h.db, 'store-b', ['store']));
      reads.length = 0;
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await readVersionStamp(h.db, 'store-a', ['store', 'p:tee']));
      expect(reads).toEqual([['scopes', 1]]);
      await review('tee');
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await readVersionStamp(h.db, 'store-a', ['store', 'p:tee']));
    } finally {
      reader.close();
    }
  });

  it('matches a fresh readVersionStamp after every write, from this connection or another, to known and unknown scopes', async () => {
    const reader = openVersionReader(url)!;
    const targets: Array<[string, VersionScope[]]> = [
      ['store-a', ['store', 'p:tee']],
      ['store-a', ['store', 'p:mug']],
      ['store-a', ['store', 'p:new']],
      ['store-a', ['store', 'any']],
      ['store-a', ['store']],
      ['store-a', ['store', 'p:tee', 'p:mug', 'p:new']],
      ['store-b', ['store', 'p:tee']],
      ['store-b', ['store', 'any']],
    ];
    const writes = [
      () => other.execute("UPDATE stores SET name = 'A ' || random() WHERE id = 'store-a'"),
      () => other.execute("INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('store-a', 'new', 'New', 0, 0) ON CONFLICT (store_id, external_id) DO UPDATE SET name = 'New ' || random()"),
      () => review('tee'),
      () => upsertProducts(h.db, 'store-b', [{ externalId: 'tee', name: `B tee ${Math.random()}` }], h.clock.now),
      () => other.execute("UPDATE products SET name = 'Mug ' || random() WHERE store_id = 'store-a' AND external_id = 'mug'"),
      () => other.execute("UPDATE stores SET name = 'B ' || random() WHERE id = 'store-b'"),
      () => review('mug'),
    ];
    try {
      for (let i = 0; i < 60; i++) {
        await writes[(i * 5) % writes.length]!();
        // A different few targets each time, so some are remembered from long ago and some were never read.
        for (let t = i % 3; t < targets.length; t += 2 + (i % 2)) {
          const [storeId, scopes] = targets[t]!;
          expect(reader.stamp(storeId, scopes), `${i}: ${storeId} ${scopes.join(',')}`).toBe(await readVersionStamp(h.db, storeId, scopes));
        }
      }
      for (const [storeId, scopes] of targets) expect(reader.stamp(storeId, scopes)).toBe(await readVersionStamp(h.db, storeId, scopes));
    } finally {
      reader.close();
    }
  });

  it('stays exact when another connection commits right after any of its statements', async () => {
    const writer = new Database(join(dir, 'v.db'), { timeout: 5_000 });
    const rename = writer.prepare("UPDATE products SET name = ? WHERE store_id = 'store-a' AND external_id = ?");
    // A commit made synchronously as soon as the reader's next statement of that kind has returned.
    const after = new Map<VersionRead, () => void>();
    const reader = openVersionReader(url, {
      onRead: (read) => {
        const commit = after.get(read);
        after.delete(read);
        commit?.();
      },
    })!;
    const fresh = (scopes: VersionScope[]) => readVersionStamp(h.db, 'store-a', scopes);
    try {
      after.set('mark', () => rename.run('Tee 1', 'tee'));
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(await fresh(['store', 'p:tee']));

      const mugBefore = await fresh(['store', 'p:mug']);
      after.set('scopes', () => rename.run('Mug 1', 'mug'));
      expect(reader.stamp('store-a', ['store', 'p:mug'])).toBe(mugBefore);
      expect(reader.stamp('store-a', ['store', 'p:mug'])).toBe(mugBefore + 1);

      rename.run('Tote 1', 'tote');
      const teeBefore = await fresh(['store', 'p:tee']);
      after.set('changes', () => rename.run('Tee 2', 'tee'));
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(teeBefore);
      expect(reader.stamp('store-a', ['store', 'p:tee'])).toBe(teeBefore + 1);
      expect(after.size).toBe(0);
    } finally {
      reader.close();
      writer.close();
    }
  });

  it('never gives a stamp older than the state before it was asked for while another process commits', async () => {
    const reader = openVersionReader(url)!;
    // The other process inserts products (first rows of their scopes) and renames the seeded ones, one commit each.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('libsql');
         const db = new Database(process.argv[1], { timeout: 5000 });
         const insert = db.prepare("INSERT INTO products (store_id, external_id, name, created_at, updated_at) VALUES ('store-a', ?, 'P', 0, 0)");
         const rename = db.prepare("UPDATE products SET name = ? WHERE store_id = ? AND external_id = ?");
         // A millisecond between commits: on a loaded machine the 300 commits could otherwise all land
         // before this test's reads begin, and there would be no interleaving to check.
         const pause = new Int32Array(new SharedArrayBuffer(4));
         for (let i = 0; i < 300; i++) {
           if (i % 3 === 0) insert.run('c' + i);
           else rename.run('n' + i, i % 2 ? 'store-a' : 'store-b', ['tee', 'mug', 'tote'][i % 3]);
           Atomics.wait(pause, 0, 0, 1);
         }`,
        join(dir, 'v.db'),
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));
    const targets: Array<[string, VersionScope[]]> = [
      ['store-a', ['store', 'p:tee']],
      ['store-a', ['p:tote']],
      ['store-a', ['store', 'p:c90']],
      ['store-a', ['store', 'p:c297', 'p:mug']],
      ['store-a', ['store', 'any']],
      ['store-b', ['store', 'p:mug']],
    ];
    const seen = new Set<number>();
    try {
      // The client's promises settle without a turn of the event loop: yield one each round, so `exit` can arrive.
      for (let round = 0; running && round < 5_000; round++) {
        await new Promise((resolve) => setImmediate(resolve));
        // Two writing processes at once: this one too, now and then.
        if (round % 4 === 0) await other.execute(`UPDATE products SET name = 'Tote ${round}' WHERE store_id = 'store-a' AND external_id = 'tote'`);
        for (const [storeId, scopes] of targets) {
          const before = await readVersionStamp(h.db, storeId, scopes);
          const stamp = reader.stamp(storeId, scopes);
          const after = await readVersionStamp(h.db, storeId, scopes);
          expect(stamp).toBeGreaterThanOrEqual(before);
          expect(stamp).toBeLessThanOrEqual(after);
          if (storeId === 'store-a' && scopes[1] === 'any') seen.add(stamp);
        }
      }
      expect(await exited).toBe(0);
      // The reads did interleave with the other process's commits.
      expect(seen.size).toBeGreaterThan(2);
      for (const [storeId, scopes] of targets) expect(reader.stamp(storeId, scopes)).toBe(await readVersionStamp(h.db, storeId, scopes));
      expect(reader.stamp('store-a', ['p:c297'])).toBe(1);
      // Each bump from either process took a number of its own.
      const [numbers] = (await other.execute('SELECT count(*) AS rows, count(DISTINCT changed) AS distinct_numbers FROM content_versions')).rows;
      expect(numbers!.distinct_numbers).toBe(numbers!.rows);
    } finally {
      child.kill();
      reader.close();
    }
  });
});
