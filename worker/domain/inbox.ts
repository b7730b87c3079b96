/** Deciding on many items of the inbox at once: statuses, the audit trail, and what publication sets off. */
import type { Actor } from '../../db/queries/audit';
import { inboxKinds, setInboxStatus, type InboxRef } from '../../db/queries/inbox';
import type { ReviewStatus } from '../../db/schema';
import type { DomainContext } from './context';
import { onAnswerPublished, onQuestionPublished } from './questions';

/**
 * Sets `status` on the store's items among `refs` (others' and unknown ones
 * are skipped) with a `<kind>.status` audit entry each, then sends the emails
 * a first publication of a question or answer sends. Returns how many changed.
 */
export async function moderateInbox(ctx: DomainContext, actor: Actor, refs: InboxRef[], status: ReviewStatus): Promise<number> {
  let updated = 0;
  for (const kind of inboxKinds) {
    const ids = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    const changed = await setInboxStatus(ctx.db, { storeId: ctx.store.id, kind, ids, status, actor, now: ctx.now });
    updated += changed.length;
    if (status !== 'published' || kind === 'review') continue;
    for (const item of changed.filter((i) => i.from !== 'published')) {
      if (kind === 'question') await onQuestionPublished(ctx, item.id);
      else await onAnswerPublished(ctx, item.id);
    }
  }
  return updated;
}
