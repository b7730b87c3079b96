/** The CLI's `import` and `export` commands: the same domain code as the merchant API, with progress on standard error. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Db } from '../db/client';
import { getStore } from '../db/queries/stores';
import { importKinds, type ImportJob, type ImportKind } from '../db/schema';
import { exportNames, exportStream, type ExportName } from './domain/export';
import { checkMapping, startImport } from './domain/import/run';
import { vendorIds, type VendorId } from './domain/import/vendors';
import { ApiError } from './errors';
import { decodeText } from './lib/csv';

type Usage = (message: string) => Error;

const progressLine = (j: ImportJob) => `${j.dryRun ? '[dry run] ' : ''}read ${j.processed} rows: ${j.imported} ${j.dryRun ? 'to import' : 'imported'}, ${j.skipped} already there, ${j.failed} failed`;

export async function importCommand(
  db: Db,
  storeId: string | undefined,
  file: string | undefined,
  values: { kind?: string; vendor?: string; 'dry-run'?: boolean; mapping?: string },
  out: (data: unknown, text: string) => string,
  usage: Usage,
): Promise<string> {
  const store = storeId ? await getStore(db, storeId) : undefined;
  if (!store) throw usage(`no store "${storeId ?? ''}"`);
  if (!file) throw usage('name the file to import');
  const kind = (values.kind ?? 'reviews') as ImportKind;
  if (!importKinds.includes(kind)) throw usage(`--kind must be ${importKinds.join(', ')}`);
  const vendor = (values.vendor ?? 'auto') as VendorId | 'auto';
  if (vendor !== 'auto' && !vendorIds.includes(vendor)) throw usage(`--vendor must be auto or one of ${vendorIds.join(', ')}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw usage(`cannot read ${file}: ${(err as Error).message}`);
  }
  let mapping: Record<string, string> | undefined;
  try {
    mapping = values.mapping === undefined ? undefined : checkMapping(kind, JSON.parse(readFileSync(values.mapping, 'utf8')));
  } catch (err) {
    throw usage(`--mapping: ${(err as Error).message}`);
  }
  const format = /\.json$/i.test(file) ? 'json' : 'csv';
  const text = format === 'json' ? new TextDecoder().decode(bytes) : decodeText(bytes).text;
  let job: ImportJob;
  try {
    const started = await startImport({ db, store, now: Date.now() }, { kind, vendor, mapping, dryRun: values['dry-run'] ?? false, format, text }, (j) => {
      if (j.status === 'running') process.stderr.write(progressLine(j) + '\n');
    });
    job = await started.done;
  } catch (err) {
    if (err instanceof ApiError) throw usage(err.message);
    throw err;
  }
  const errors = job.errors.map((e) => `  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  const more = job.failed > job.errors.length ? [`  … and ${job.failed - job.errors.length} more`] : [];
  const text_ =
    job.status === 'failed'
      ? `Import failed: ${job.failure}`
      : [`${progressLine(job)} (as ${job.vendor}).`, ...(errors.length ? ['Rows not imported:', ...errors, ...more] : [])].join('\n');
  if (job.status === 'failed') throw new Error(out(job, text_));
  return out(job, text_);
}

export async function exportCommand(db: Db, storeId: string | undefined, name: string | undefined, usage: Usage, baseUrl?: string): Promise<void> {
  if (!storeId || !(await getStore(db, storeId))) throw usage(`no store "${storeId ?? ''}"`);
  if (!exportNames.includes(name as ExportName)) throw usage(`name what to export: ${exportNames.join(', ')}`);
  // pipeline waits when the pipe is full, so a large export holds one page at a time.
  await pipeline(Readable.fromWeb(exportStream(db, storeId, name as ExportName, { baseUrl }) as WebReadableStream<Uint8Array>), process.stdout);
}
