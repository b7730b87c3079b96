/**
 * A table's whole row read as one value: `json_array(col1, col2, …)`.
 *
 * The embedded driver hands every column of every row to JavaScript on its
 * own (about 0.35 µs a value here), and drizzle then maps each value through
 * its column: for a page of ten reviews with their replies (30 columns) that
 * was 280 µs of a 470 µs cache miss. SQLite builds the JSON text in C; one
 * JSON.parse and a decode of just the columns that need one (booleans) cost a
 * quarter of that. The row comes out exactly as drizzle would map it, by the
 * same columns' own `mapFromDriverValue`.
 *
 * Only for tables without BLOB columns (JSON has no bytes) and integers within
 * 2^53, which is every table this is used on and what the driver gives anyway.
 */
import { getTableColumns, sql, type Column, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

export interface JsonRow<T> {
  /** The selection: the row as JSON text, or NULL where `presentWhen` is NULL (a left join's missing row). */
  select: SQL<string | null>;
  decode: (json: string | null) => T | null;
}

/**
 * `only` reads just those columns (in the table's order), for a reader that
 * needs no more: fewer values for SQLite to quote and for JSON.parse to read.
 */
export function jsonRow<TTable extends SQLiteTable, K extends keyof InferSelectModel<TTable> & string = keyof InferSelectModel<TTable> & string>(
  table: TTable,
  presentWhen?: Column,
  only?: readonly K[],
): JsonRow<Pick<InferSelectModel<TTable>, K>> {
  const columns = (Object.entries(getTableColumns(table)) as Array<[string, Column]>).filter(([name]) => !only || only.includes(name as K));
  const array = sql`json_array(${sql.join(
    columns.map(([, column]) => column),
    sql`, `,
  )})`;
  const select = (presentWhen ? sql`CASE WHEN ${presentWhen} IS NULL THEN NULL ELSE ${array} END` : array) as SQL<string | null>;
  // Text and integers come out of JSON as the driver gives them; only columns with a mode (booleans) map.
  const mapped = columns.map(([, column]) => column.columnType !== 'SQLiteText' && column.columnType !== 'SQLiteInteger');
  return {
    select,
    decode(json) {
      if (json === null) return null;
      const values = JSON.parse(json) as unknown[];
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const value = values[i] ?? null;
        row[columns[i]![0]] = value === null || !mapped[i] ? value : columns[i]![1].mapFromDriverValue(value);
      }
      return row as Pick<InferSelectModel<TTable>, K>;
    },
  };
}
