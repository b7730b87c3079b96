/** A store's own wording of its emails (email_templates): one row per kind and language, absent for the built-in text. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { emailTemplates, type EmailKind, type EmailTemplate, type Locale } from '../schema';

export async function getEmailTemplate(db: Db, storeId: string, kind: EmailKind, locale: Locale): Promise<EmailTemplate | undefined> {
  return db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.storeId, storeId), eq(emailTemplates.kind, kind), eq(emailTemplates.locale, locale)))
    .get();
}

export async function listEmailTemplates(db: Db, storeId: string): Promise<EmailTemplate[]> {
  return db.select().from(emailTemplates).where(eq(emailTemplates.storeId, storeId));
}

export async function putEmailTemplate(db: Db, row: EmailTemplate): Promise<void> {
  await db
    .insert(emailTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: [emailTemplates.storeId, emailTemplates.kind, emailTemplates.locale],
      set: { subject: sql`excluded.subject`, body: sql`excluded.body`, updatedAt: sql`excluded.updated_at` },
    });
}

/** Back to the built-in text; true if there was a row to remove. */
export async function deleteEmailTemplate(db: Db, storeId: string, kind: EmailKind, locale: Locale): Promise<boolean> {
  const res = await db
    .delete(emailTemplates)
    .where(and(eq(emailTemplates.storeId, storeId), eq(emailTemplates.kind, kind), eq(emailTemplates.locale, locale)))
    .run();
  return res.rowsAffected > 0;
}
