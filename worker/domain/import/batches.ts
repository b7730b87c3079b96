/**
 * What every kind of import shares: the batch handler a job drives, the
 * choice of format from the header, and the reading of rows into candidates
 * with their errors. run.ts runs the job; each kind writes its own batches.
 */
import type { ImportRowError } from '../../../db/schema';
import type { CsvRecord } from '../../lib/csv';
import type { DomainContext } from '../context';
import type { ImportRequest } from './run';
import { RowError, rowErrorOf, rowFields } from './rows';
import { detectFormat, mappingFormat, type VendorFormat, type VendorId } from './vendors';

export type Ctx = Pick<DomainContext, 'db' | 'store' | 'now'>;

/** Stops the whole job with a reason the merchant can act on (an unreadable file, an unknown format). */
export class JobFailure extends Error {}

export interface Batches {
  /** The format for this header (named, detected or mapped), as the job's vendor. */
  choose(header: string[], request: ImportRequest): string;
  batch(records: CsvRecord[]): Promise<{ imported: number; skipped: number }>;
}

export function chooseFormat<Field extends string>(formats: Partial<Record<VendorId, VendorFormat<Field>>>, header: string[], request: ImportRequest): { id: string; format: VendorFormat<Field> } {
  const have = new Set(header.map((h) => h.toLowerCase()));
  if (request.mapping) {
    const absent = Object.values(request.mapping).filter((c) => !have.has(c.toLowerCase()));
    if (absent.length) throw new JobFailure(`the mapping names columns the file does not have: ${absent.join(', ')}`);
    return { id: 'mapping', format: mappingFormat<Field>(request.mapping as Partial<Record<Field, string>>) };
  }
  const id = request.vendor === 'auto' ? detectFormat(formats, header) : request.vendor;
  const format = id && formats[id];
  if (!id || !format) {
    throw new JobFailure(
      request.vendor === 'auto'
        ? `the header row is not one of a known export (${Object.values(formats).map((f) => f!.label).join(', ')}); name the vendor or send a column mapping`
        : `${request.vendor} files cannot be imported as ${request.kind}; send a column mapping`,
    );
  }
  const absent = format.detect.filter((c) => !have.has(c.toLowerCase()));
  if (absent.length) throw new JobFailure(`this is not a ${format.label} file: it has no ${absent.join(', ')} column`);
  return { id, format };
}

/** Rows to candidates; a RowError becomes a report line. */
export async function readRows<Row>(records: CsvRecord[], read: (fields: ReturnType<typeof rowFields>) => Promise<Row>, fail: (e: ImportRowError) => void) {
  const rows: Array<{ row: number; data: Row }> = [];
  for (const r of records) {
    if (r.problem) {
      fail({ row: r.row, column: null, message: r.problem });
      continue;
    }
    try {
      rows.push({ row: r.row, data: await read(rowFields(r.fields)) });
    } catch (err) {
      if (err instanceof RowError) fail(rowErrorOf(r.row, err));
      else throw err;
    }
  }
  return rows;
}
