/**
 * One row of Verity's votes.csv|json as a vote, or the reason it cannot be
 * one. The review or answer it names is looked up by run.ts, a batch at a
 * time. The voter stays the opaque hash the old store wrote: it is keyed to
 * that store's id (voters.ts), so it is the same voter only in a store of the same id.
 */
import { importedKeyOf, Reader, RowError, type RowFields } from './rows';
import type { VendorFormat, VoteField } from './vendors';

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
