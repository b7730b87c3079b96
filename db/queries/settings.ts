/** Deployment-wide facts shared by every process on the database (see the `settings` table). */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema';

export type SettingKey = 'public_url';

export async function getSetting(db: Db, key: SettingKey): Promise<string | undefined> {
  const row = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row?.value;
}

export async function putSetting(db: Db, key: SettingKey, value: string, now: number): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } });
}
