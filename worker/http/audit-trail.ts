/**
 * Writing the audit log from a merchant route: who (the request's actor), on
 * which store, when (the request's clock). Routes call these after a change
 * succeeds; details never hold secrets or shoppers' addresses.
 */
import type { Context } from 'hono';
import { statusesOf } from '../../db/queries/audit-targets';
import { auditInsert } from '../../db/queries/audit';
import type { ReviewStatus } from '../../db/schema';
import type { AppEnv } from '../context';

type Target = { kind: string; id: string };
type Entry = { action: string; target?: Target; details?: Record<string, unknown> };

/** Appends entries for this request's actor in one batch. */
export async function audit(c: Context<AppEnv>, ...entries: Entry[]): Promise<void> {
  const [first, ...rest] = entries.map((e) => auditInsert(c.get('db'), { storeId: c.get('merchantStore').id, actor: c.get('actor'), at: c.get('now'), ...e }));
  if (first) await c.get('db').batch([first, ...rest]);
}

type Moderated = 'reviews' | 'questions' | 'answers';
const kindOf = { reviews: 'review', questions: 'question', answers: 'answer' } as const;

/** The statuses of items about to be moderated, for `auditStatus` to say what they were. */
export const statusesBefore = (c: Context<AppEnv>, table: Moderated, ids: string[]) => statusesOf(c.get('db'), table, c.get('merchantStore').id, ids);

/** One `<kind>.status` entry `{ from, to }` per item whose status really changed. */
export async function auditStatus(c: Context<AppEnv>, table: Moderated, before: Map<string, ReviewStatus>, changed: string[], to: ReviewStatus): Promise<void> {
  const kind = kindOf[table];
  const moved = changed.filter((id) => before.has(id) && before.get(id) !== to);
  await audit(c, ...moved.map((id) => ({ action: `${kind}.status`, target: { kind, id }, details: { from: before.get(id), to } })));
}
