/** The audit log: appended to in the same transaction as the change it records, read newest first. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, type ActorKind, type AuditEntry } from '../schema';

/** Who did something: a signed-in user, a secret key, or one of Verity's own jobs. */
export interface Actor {
  kind: ActorKind;
  id: string;
  label: string;
}

export interface AuditRecord {
  storeId: string;
  actor: Actor;
  action: string;
  target?: { kind: string; id: string };
  details?: Record<string, unknown>;
  at: number;
}

/** The insert as a statement, so a caller can put it in the same `db.batch` as the change it records. */
export function auditInsert(db: Db, record: AuditRecord) {
  return db.insert(auditLog).values({
    storeId: record.storeId,
    at: record.at,
    actorKind: record.actor.kind,
    actorId: record.actor.id,
    actorLabel: record.actor.label,
    action: record.action,
    targetKind: record.target?.kind ?? null,
    targetId: record.target?.id ?? null,
    details: record.details ?? {},
  });
}

export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  await auditInsert(db, record);
}

export interface AuditQuery {
  storeId: string;
  action?: string;
  actorId?: string;
  /** The `seq` of the last entry of the previous page. */
  before?: number;
  limit: number;
}

export async function listAudit(db: Db, query: AuditQuery): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
  const where: SQL[] = [eq(auditLog.storeId, query.storeId)];
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.before !== undefined) where.push(lt(auditLog.seq, query.before));
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.seq)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextBefore: rows.length > query.limit ? items[items.length - 1]!.seq : null };
}
