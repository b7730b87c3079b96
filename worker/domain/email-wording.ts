/** Which words an email goes out with: the merchant's for its kind and language, else the built-in ones. */
import type { Db } from '../../db/client';
import { getEmailTemplate } from '../../db/queries/email-templates';
import type { EmailKind, Locale } from '../../db/schema';
import { defaultWording, type EmailWording } from '../email/templates';

export async function emailWording(db: Db, storeId: string, kind: EmailKind, locale: Locale): Promise<EmailWording> {
  const own = await getEmailTemplate(db, storeId, kind, locale);
  return own ? { subject: own.subject, body: own.body } : defaultWording(kind, locale);
}
