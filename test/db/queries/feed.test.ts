import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../db/client';
import { migrateDb } from '../../../db/migrate';
import { feedReviewsQuery } from '../../../db/queries/feed';

let client: ReturnType<typeof createClient>;
let db: Db;
beforeEach(async () => {
  client = createClient({ url: ':memory:' });
  db = createDb(client);
  await migrateDb(db);
});
afterEach(() => client.close());

async function plan(query: Parameters<typeof feedReviewsQuery>[1]): Promise<string> {
  const { sql, params } = feedReviewsQuery(db, query).toSQL();
  const rows = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
  return rows.rows.map((r) => String(r.detail)).join('\n');
}

describe('feedReviewsQuery', () => {
  it('starts each batch at its key in the store-and-status index, so a deep batch scans no earlier rows', async () => {
    const deep = await plan({ storeId: 's', after: { createdAt: 1, id: 'rv_x' }, limit: 500 });
    expect(deep).toMatch(/SEARCH reviews USING INDEX reviews_store_status_idx \(store_id=\? AND status=\? AND \(created_at,id\)>\(\?,\?\)\)/);
    expect(deep).not.toMatch(/TEMP B-TREE/);
    expect(await plan({ storeId: 's', limit: 500 })).toMatch(/SEARCH reviews USING INDEX reviews_store_status_idx \(store_id=\? AND status=\?\)/);
  });
});
