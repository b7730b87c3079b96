/** The audit log is evidence: entries are appended and read newest first, and nothing rewrites them. */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, recordAudit, type Actor } from '../../../db/queries/audit';
import { createHarness, type Harness } from '../../helpers/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const kim: Actor = { kind: 'user', id: 'usr_kim', label: 'kim@store-a.example' };
const key: Actor = { kind: 'key', id: 'sk_live_ab', label: 'sk_live_ab…' };

describe('audit log', () => {
  it('lists one store newest first, by page, filtered by action or actor', async () => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(h.db, { storeId: 'store-a', actor: i % 2 ? key : kim, action: i < 3 ? 'review.publish' : 'settings.update', target: { kind: 'review', id: `rv_${i}` }, at: 1000 + i });
    }
    await recordAudit(h.db, { storeId: 'store-b', actor: kim, action: 'review.publish', at: 2000 });

    const first = await listAudit(h.db, { storeId: 'store-a', limit: 3 });
    expect(first.items.map((e) => e.targetId)).toEqual(['rv_4', 'rv_3', 'rv_2']);
    const second = await listAudit(h.db, { storeId: 'store-a', limit: 3, before: first.nextBefore! });
    expect(second.items.map((e) => e.targetId)).toEqual(['rv_1', 'rv_0']);
    expect(second.nextBefore).toBeNull();

    expect((await listAudit(h.db, { storeId: 'store-a', action: 'settings.update', limit: 10 })).items).toHaveLength(2);
    expect((await listAudit(h.db, { storeId: 'store-a', actorId: key.id, limit: 10 })).items.map((e) => e.targetId)).toEqual(['rv_3', 'rv_1']);
  });

  it('refuses to update or delete an entry, even from SQL', async () => {
    await recordAudit(h.db, { storeId: 'store-a', actor: kim, action: 'review.publish', at: 1000 });
    // drizzle wraps the driver's error; SQLite's message is its cause.
    const cause = (p: Promise<unknown>) => p.then(() => 'allowed', (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message));
    expect(await cause(h.db.run(sql`UPDATE audit_log SET action = 'nothing'`))).toMatch(/append-only/);
    expect(await cause(h.db.run(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
    expect((await listAudit(h.db, { storeId: 'store-a', limit: 10 })).items[0]!.action).toBe('review.publish');
  });
});
