/**
 * Applies the committed drizzle-kit migrations. Used by `npm start` on boot and
 * by `npm run verity -- db migrate` against a remote database; the Worker
 * itself never migrates on a request.
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
