import { describe, expect, it } from 'vitest';
import { csvRecords, decodeText, readCsv, type CsvRecord } from '../../../worker/lib/csv';

async function all(text: string, chunkSize?: number) {
  const records: CsvRecord[] = [];
  const batches: number[] = [];
  const meta = await readCsv(text, { batchSize: 3, chunkSize, onRecords: async (r) => { batches.push(r.length); records.push(...r); } });
  return { records, batches, ...meta };
}

describe('readCsv', () => {
  it('guesses a semicolon or a tab as the delimiter', async () => {
    expect((await all('a;b\n1;"x;y"\n')).records).toEqual([{ row: 2, fields: { a: '1', b: 'x;y' } }]);
    expect((await all('a\tb\n1\t2\n')).delimiter).toBe('\t');
  });

  it('keeps newlines inside quotes and drops a BOM from the header', async () => {
    const { records, header } = await all('\uFEFFtitle,body\r\nHi,"line one\r\nline two"\r\n');
    expect(header).toEqual(['title', 'body']);
    expect(records[0]!.fields.body).toBe('line one\r\nline two');
  });

  it('numbers rows as the file does and hands them over in batches across chunks', async () => {
    const lines = ['id,text', ...Array.from({ length: 50 }, (_, i) => `${i},"row ${i}, with a comma"`)];
    const { records, batches, rows } = await all(lines.join('\n'), 64);
    expect(rows).toBe(50);
    expect(records.map((r) => r.row)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(records.map((r) => r.fields.id)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
  });

  it('flags a row with an unclosed quote', async () => {
    const { records } = await all('a,b\n1,2\n3,"open\n');
    expect(records.at(-1)).toMatchObject({ row: 3, problem: 'a quoted field is not closed' });
  });

  it('passes a failure of the handler on', async () => {
    await expect(readCsv('a\n1\n', { batchSize: 1, onRecords: async () => { throw new Error('disk full'); } })).rejects.toThrow('disk full');
  });
});

describe('decodeText', () => {
  it('reads UTF-8, and windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFFcafé'))).toEqual({ text: 'café', encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toEqual({ text: 'café €', encoding: 'windows-1252' });
  });
});

describe('csvRecords', () => {
  it('keys fields by the lower-cased header', async () => {
    expect((await csvRecords('Order_ID;Email\n1;a@b.example\n'))[0]!.fields).toEqual({ order_id: '1', email: 'a@b.example' });
  });
});
