/**
 * Verity's votes.csv|json, a batch at a time: each row as a vote (or the
 * reason it cannot be one), its review or answer found by source key, the
 * new ones written. The voter stays the opaque hash the old store wrote: it
 * is keyed to that store's id (voters.ts), so it is the same voter only in a
 * store of the same id.
 */
import { existingSourceKeys, existingVotes, insertImportedVotes, ownRowIds, type ImportedVote } from '../../../db/queries/imports';
import type { ImportRowError } from '../../../db/schema';
import { JobFailure, chooseFormat, readRows, type Batches, type Ctx } from './batches';
import { importedKeyOf, Reader, RowError, type RowFields } from './rows';
import { voteFormats, type VendorFormat, type VoteField } from './vendors';

/** Only Verity records who voted, so only its own votes files import. */
export const VOTES_NOT_MAPPED = "votes are imported from Verity's own votes.csv|json; a column mapping is for reviews and questions";

export interface VoteRow {
  kind: 'review' | 'answer';
  /** Its id in the old store. */
  targetId: string;
  /** The source key its import gave it here; and the column that says so, for the error when it is not here. */
  targetKey: string;
  targetColumn: string;
  voter: string;
  value: number;
  createdAt: number;
}

const VOTER = /^[A-Za-z0-9_-]{1,128}$/;

/** A vote row, or a RowError naming the column at fault. */
export function toVoteRow(format: VendorFormat<VoteField>, fields: RowFields): VoteRow {
  const r = new Reader(format, fields);
  const kindText = r.required('kind', 'the kind (review or answer)');
  if (kindText !== 'review' && kindText !== 'answer') throw new RowError(r.column('kind'), `kind must be review or answer (got "${kindText.slice(0, 20)}")`);
  const kind = kindText;
  const targetId = r.required('targetId', `the ${kind}'s id`);
  const voter = r.required('voter', 'the voter');
  if (!VOTER.test(voter)) throw new RowError(r.column('voter'), 'the voter is not a voter hash (up to 128 letters, digits, "_" or "-")');
  const valueText = r.required('value', 'the value');
  const value = Number(valueText);
  if (kind === 'review' && !(valueText === '1' || valueText === '-1')) throw new RowError(r.column('value'), `a review vote is 1 (helpful) or -1 (unhelpful), not "${valueText.slice(0, 20)}"`);
  if (kind === 'answer' && valueText !== '1') throw new RowError(r.column('value'), `an answer vote is 1 (helpful), not "${valueText.slice(0, 20)}"`);
  const createdAt = r.date('createdAt', true)!;
  // A file written before target_source_key existed names Verity's own reviews and answers by id, which is what their import keyed them by.
  const ownKey = r.get('targetSourceKey');
  return {
    kind,
    targetId,
    targetKey: ownKey || importedKeyOf(kind, { id: targetId, sourceKey: null }),
    targetColumn: r.column(ownKey ? 'targetSourceKey' : 'targetId'),
    voter,
    value,
    createdAt,
  };
}

/**
 * Votes find their review or answer by the source key its import gave it
 * (votes.csv's target_source_key), so the reviews and questions go in first;
 * a vote the store already has (same voter on the same review or answer) is skipped.
 */
export function voteBatches(ctx: Ctx, dryRun: boolean, fail: (e: ImportRowError) => void): Batches {
  let format: VendorFormat<VoteField> | null = null;
  /**
   * Votes met in this file. A real run forgets them after each batch, as the
   * batch is written and the database then knows them (so memory stays
   * bounded however long the file); a dry run writes nothing, so it remembers.
   */
  const seen = new Set<string>();
  return {
    choose(header, request) {
      if (request.mapping) throw new JobFailure(VOTES_NOT_MAPPED);
      const chosen = chooseFormat(voteFormats, header, { ...request, vendor: 'verity' });
      format = chosen.format;
      return chosen.id;
    },
    async batch(records) {
      if (!dryRun) seen.clear();
      // Errors of the batch in row order, those of lookups among those of reading.
      const errors: ImportRowError[] = [];
      const rows = await readRows<VoteRow>(records, async (f) => toVoteRow(format!, f), (e) => errors.push(e));
      const keys = { review: rows.filter((r) => r.data.kind === 'review'), answer: rows.filter((r) => r.data.kind === 'answer') };
      const [reviewIds, answerIds, ownReviews, ownAnswers] = await Promise.all([
        existingSourceKeys(ctx.db, 'reviews', ctx.store.id, keys.review.map((r) => r.data.targetKey)),
        existingSourceKeys(ctx.db, 'answers', ctx.store.id, keys.answer.map((r) => r.data.targetKey)),
        ownRowIds(ctx.db, 'reviews', ctx.store.id, keys.review.map((r) => r.data.targetId)),
        ownRowIds(ctx.db, 'answers', ctx.store.id, keys.answer.map((r) => r.data.targetId)),
      ]);
      const found: Array<{ row: number; vote: ImportedVote }> = [];
      for (const { row, data: v } of rows) {
        const [ids, own] = v.kind === 'review' ? [reviewIds, ownReviews] : [answerIds, ownAnswers];
        // This store's own votes file names its own reviews by the key their import elsewhere would give them.
        const targetId = ids.get(v.targetKey) ?? (own.has(v.targetId) && v.targetKey === importedKeyOf(v.kind, { id: v.targetId, sourceKey: null }) ? v.targetId : undefined);
        if (targetId === undefined) {
          const first = v.kind === 'review' ? 'the reviews' : 'the questions (with their answers)';
          errors.push({ row, column: v.targetColumn, message: `${v.kind} "${v.targetKey.slice(0, 80)}" is not in this store: import ${first} first` });
          continue;
        }
        found.push({ row, vote: { kind: v.kind, targetId, voter: v.voter, value: v.value, createdAt: v.createdAt } });
      }
      errors.sort((a, b) => a.row - b.row).forEach(fail);
      const existing = await existingVotes(ctx.db, found.map((f) => f.vote));
      const fresh = found.filter(({ vote }) => {
        const key = `${vote.kind} ${vote.targetId} ${vote.voter}`;
        const known = existing.has(`${vote.targetId} ${vote.voter}`) || seen.has(key);
        seen.add(key);
        return !known;
      });
      if (!dryRun) await insertImportedVotes(ctx.db, fresh.map((f) => f.vote));
      return { imported: fresh.length, skipped: found.length - fresh.length };
    },
  };
}
