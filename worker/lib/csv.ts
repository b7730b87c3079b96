/**
 * CSV as merchants' tools write it, read by Papa Parse (no Node APIs, so it
 * runs on Workers too): the delimiter is guessed from the first rows (Excel
 * in many locales writes `;`, some exports use tabs), quoted fields may hold
 * newlines, a BOM is dropped, and bytes that are not UTF-8 are read as
 * windows-1252 (what Excel on Windows saves as "CSV").
 */
import Papa from 'papaparse';

/** The delimiters a file may use, in the order ties are broken. */
const DELIMITERS = [',', ';', '\t'];

export type TextEncodingName = 'utf-8' | 'windows-1252';

/**
 * Bytes as text: UTF-8 when they are valid UTF-8 (a BOM is dropped), else
 * windows-1252, which maps every byte to a character, so it never fails.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** One data row: `row` is its number in the file as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
  row: number;
  fields: Record<string, string>;
  /** Why the row could not be read as written (an unclosed quote, a field count unlike the header's), if so. */
  problem?: string;
}

export interface CsvReadOptions {
  /** How many records each call of `onRecords` gets at most. */
  batchSize: number;
  /** Called with the header row (trimmed, case kept) before the first records. */
  onHeader?: (header: string[], delimiter: string) => void | Promise<void>;
  onRecords: (records: CsvRecord[]) => Promise<void>;
  /** Characters parsed at a time; the memory the reader holds beyond the text itself. */
  chunkSize?: number;
}

const problemOf = (e: Papa.ParseError): string =>
  e.code === 'MissingQuotes' ? 'a quoted field is not closed' : e.code === 'TooFewFields' || e.code === 'TooManyFields' ? `${e.message.toLowerCase()}` : e.message;

/**
 * Reads `text` a chunk at a time and hands its records over in batches,
 * waiting for each batch to be handled before parsing on, so a 100,000-row
 * file never becomes 100,000 objects at once.
 *
 * @example
 * await readCsv(text, { batchSize: 500, onRecords: async (records) => { await save(records) } });
 */
export function readCsv(text: string, options: CsvReadOptions): Promise<{ header: string[]; delimiter: string; rows: number }> {
  const { batchSize, onHeader, onRecords, chunkSize = 512 * 1024 } = options;
  let header: string[] | null = null;
  let delimiter = ',';
  let rows = 0;
  let failure: unknown = null;
  return new Promise((resolve, reject) => {
    Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: 'greedy',
      delimitersToGuess: DELIMITERS,
      transformHeader: (h) => h.trim(),
      chunkSize,
      chunk(results: Papa.ParseResult<Record<string, string>>, parser: Papa.Parser) {
        parser.pause();
        void (async () => {
          if (header === null) {
            const fields = results.meta.fields ?? [];
            header = fields;
            delimiter = results.meta.delimiter;
            await onHeader?.(fields, delimiter);
          }
          // Field-count errors number data rows from the file's start; an unclosed quote runs to the end of the file, so it is the last row.
          const problems = new Map<number, string>();
          for (const e of results.errors) if (e.code === 'MissingQuotes') problems.set(results.data.length - 1, problemOf(e));
          for (const e of results.errors) {
            if (e.type === 'FieldMismatch' && e.row !== undefined && !problems.has(e.row - rows)) problems.set(e.row - rows, problemOf(e));
          }
          const records: CsvRecord[] = results.data.map((fields: Record<string, string>, i: number) => {
            const record: CsvRecord = { row: rows + i + 2, fields: trimmed(fields) };
            const problem = problems.get(i);
            if (problem) record.problem = problem;
            return record;
          });
          rows += records.length;
          for (let i = 0; i < records.length; i += batchSize) await onRecords(records.slice(i, i + batchSize));
        })().then(
          () => parser.resume(),
          (err: unknown) => {
            failure = err;
            parser.abort();
          },
        );
      },
      complete() {
        if (failure !== null) reject(failure);
        else resolve({ header: header ?? [], delimiter, rows });
      },
    });
  });
}

/** Values trimmed; Papa Parse's `__parsed_extra` (fields past the header) dropped, the row is flagged instead. */
function trimmed(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') out[k] = v.trim();
  return out;
}

/** Every record of a small file, keyed by the lower-cased header (what the order import reads). */
export async function csvRecords(text: string): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  await readCsv(text, {
    batchSize: 10_000,
    onRecords: async (records) => {
      for (const r of records) all.push({ ...r, fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k.toLowerCase(), v])) });
    },
  });
  return all;
}
