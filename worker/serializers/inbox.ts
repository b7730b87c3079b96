/** Inbox rows to the InboxItem shape; the author's email is there because only the store's people see it. */
import type { InboxRow } from '../../db/queries/inbox';
import type { ReportReason } from '../../db/schema';
import { blockEntryOf } from '../domain/moderation-policy';

const iso = (ms: number) => new Date(ms).toISOString();

export function inboxItemJson(row: InboxRow) {
  return {
    kind: row.kind,
    id: row.id,
    status: row.status,
    createdAt: iso(row.createdAt),
    product: { id: row.product.externalId, name: row.product.name, url: row.product.url },
    author: { name: row.author.name, email: row.author.email, verified: row.author.verified, blockEntry: blockEntryOf(row.author.address) },
    ...(row.kind === 'review' ? { rating: row.rating, title: row.title ?? null } : {}),
    body: row.body,
    bodyHtml: row.bodyHtml,
    ...(row.kind === 'review' ? { reply: row.reply ? { body: row.reply.body, bodyHtml: row.reply.bodyHtml, updatedAt: iso(row.reply.updatedAt) } : null } : {}),
    ...(row.kind === 'question'
      ? { answers: row.officialAnswer ? [{ id: row.officialAnswer.id, body: row.officialAnswer.body, bodyHtml: row.officialAnswer.bodyHtml, updatedAt: iso(row.officialAnswer.updatedAt) }] : [] }
      : {}),
    ...(row.kind === 'answer' ? { question: row.question } : {}),
    reports: row.reports as Array<{ reason: ReportReason; count: number }>,
    firstTimeAuthor: row.firstTimeAuthor,
  };
}
