/** Store rows remembered until their store changes (the public path's first read). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVersionReader } from '../../../db/embedded';
import { getStore, rememberedStores } from '../../../db/queries/stores';
import { createHarness, type Harness } from '../../helpers/harness';

let dir: string;
let h: Harness;
let reader: NonNullable<ReturnType<typeof openVersionReader>>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-stores-'));
  h = await createHarness({ url: `file:${join(dir, 'v.db')}` });
  reader = openVersionReader(`file:${join(dir, 'v.db')}`)!;
});
afterEach(() => {
  reader.close();
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rememberedStores', () => {
  it('answers as getStore does, with one frozen row until the store changes — from this connection or another process', async () => {
    const find = rememberedStores(reader.stamp);
    const first = await find(h.db, 'store-a');
    expect(first).toEqual(await getStore(h.db, 'store-a'));
    expect(await find(h.db, 'store-a')).toBe(first);
    expect(Object.isFrozen(first!.settings)).toBe(true);
    expect(() => {
      (first!.settings as { moderation: string }).moderation = 'hold';
    }).toThrow(TypeError);

    await h.client.execute("UPDATE stores SET name = 'Renamed here' WHERE id = 'store-a'");
    expect((await find(h.db, 'store-a'))!.name).toBe('Renamed here');

    const other = createClient({ url: `file:${join(dir, 'v.db')}` });
    await other.execute("UPDATE stores SET allowed_origins = '[\"https://new.example\"]' WHERE id = 'store-a'");
    other.close();
    expect((await find(h.db, 'store-a'))!.allowedOrigins).toEqual(['https://new.example']);
    // Another store's change leaves this row as it was.
    const known = await find(h.db, 'store-a');
    await h.client.execute("UPDATE stores SET name = 'B again' WHERE id = 'store-b'");
    expect(await find(h.db, 'store-a')).toBe(known);
  });

  it('remembers no missing store, and forgets a deleted one', async () => {
    const find = rememberedStores(reader.stamp);
    expect(await find(h.db, 'no-such-store')).toBeUndefined();
    expect(await find(h.db, 'store-b')).toBeDefined();
    await h.client.execute('PRAGMA foreign_keys = OFF');
    await h.client.execute("DELETE FROM stores WHERE id = 'store-b'");
    expect(await find(h.db, 'store-b')).toBeUndefined();
  });
});
