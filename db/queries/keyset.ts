/**
 * Keyset pagination, the one way Verity pages through rows: a page ends at a
 * row, and the next page starts strictly after that row's sort key. Unlike
 * OFFSET, a page costs the same however deep it is, and rows inserted
 * meanwhile neither repeat nor vanish. Every list the API pages (reviews,
 * questions, answers, products) and the feed's batches go through here, with
 * one cursor format and one error for a cursor it did not make.
 *
 * @example
 * const keyset: Keyset<Product> = { name: 'products', parts: [{ column: products.externalId, direction: 'asc' }], key: (p) => [p.externalId] };
 * const page = keysetQuery(keyset, cursor, limit);
 * const rows = await db.select().from(products).where(and(mine, page.where)).orderBy(...page.orderBy).limit(page.limit);
 * return keysetPage(keyset, rows, limit); // { items, nextCursor }
 */
import { and, asc, desc, eq, gt, lt, or, sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import { Buffer } from 'node:buffer';
import { QueryInputError } from '../errors';

export type KeyValue = string | number;

export interface KeyPart {
  column: AnyColumn;
  direction: 'asc' | 'desc';
}

/** What a cursor must hold for a part: a number for integer columns (times, counts, ratings), else a string. */
const valueType = (part: KeyPart): 'number' | 'string' => (part.column.dataType === 'number' ? 'number' : 'string');

/** A sort order a list can be paged in. */
export interface Keyset<Row> {
  /** Written into the cursor, so a cursor of one sort is refused by another. */
  name: string;
  /** The sort key, most significant first; the last part must be unique (an id). */
  parts: KeyPart[];
  /** The key of a returned row, in the order of `parts`. */
  key: (row: Row) => KeyValue[];
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts, or null on the last page. */
  nextCursor: string | null;
}

/**
 * `(a, b, c)` after `(va, vb, vc)` in the given directions. When every part
 * goes the same way it is one row-value comparison, which SQLite can start at
 * its place in an index on those columns; mixed directions expand to ORs.
 */
export function afterKey(parts: KeyPart[], values: Array<KeyValue | Placeholder>): SQL {
  if (parts.every((p) => p.direction === parts[0]!.direction)) {
    const columns = sql.join(parts.map((p) => sql`${p.column}`), sql`, `);
    const key = sql.join(values.map((v) => sql`${v}`), sql`, `);
    return parts[0]!.direction === 'desc' ? sql`(${columns}) < (${key})` : sql`(${columns}) > (${key})`;
  }
  const branches = parts.map((part, i) => {
    const equalPrefix = parts.slice(0, i).map((p, j) => eq(p.column, values[j]!));
    const beyond = part.direction === 'desc' ? lt(part.column, values[i]!) : gt(part.column, values[i]!);
    return and(...equalPrefix, beyond)!;
  });
  return or(...branches)!;
}

const orderOf = <Row>(keyset: Keyset<Row>) => keyset.parts.map((p) => (p.direction === 'desc' ? desc(p.column) : asc(p.column)));

/** The WHERE condition, ORDER BY and LIMIT (one more than the page, to tell whether another follows) of a page. */
export function keysetQuery<Row>(keyset: Keyset<Row>, cursor: string | undefined, limit: number) {
  return {
    where: cursor === undefined ? undefined : afterKey(keyset.parts, decodeCursor(cursor, keyset.name, keyset.parts.map(valueType))),
    orderBy: orderOf(keyset),
    limit: limit + 1,
  };
}

/**
 * keysetQuery for a query built once (db/queries/prepared.ts): the cursor's
 * values and the limit are placeholders, filled by {@link keysetValues}.
 */
export function keysetPlaceholders<Row>(keyset: Keyset<Row>, withCursor: boolean) {
  return {
    where: withCursor ? afterKey(keyset.parts, keyset.parts.map((_, i) => sql.placeholder(`after${i}`))) : undefined,
    orderBy: orderOf(keyset),
    limit: sql.placeholder('limit'),
  };
}

/** The values of keysetPlaceholders' placeholders: the decoded cursor (refused as keysetQuery refuses it) and one more than the page. */
export function keysetValues<Row>(keyset: Keyset<Row>, cursor: string | undefined, limit: number): Record<string, KeyValue> {
  const values: Record<string, KeyValue> = { limit: limit + 1 };
  if (cursor !== undefined) decodeCursor(cursor, keyset.name, keyset.parts.map(valueType)).forEach((v, i) => (values[`after${i}`] = v));
  return values;
}

/** The page of `rows` (fetched with keysetQuery's limit) and the cursor after it. */
export function keysetPage<Row>(keyset: Keyset<Row>, rows: Row[], limit: number): Page<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyset.name, keyset.key(last)) : null };
}

/** Opaque cursor: the sort it belongs to and the key of the last row returned. */
export function encodeCursor(sort: string, values: KeyValue[]): string {
  // Buffer's base64url (unpadded) is what the btoa-and-replace spelling made, in one native call:
  // every page with a next one makes a cursor (a fiftieth of a cache miss).
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} for `sort` with values of the given types. */
export function decodeCursor(cursor: string, sort: string, types: Array<'string' | 'number'>): KeyValue[] {
  const invalid = () =>
    new QueryInputError('cursor', 'cursor is not one this endpoint returned for this sort; start again without it', [
      { path: 'cursor', message: 'not a cursor of this list' },
    ]);
  let parsed: unknown;
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== types.length + 1) throw invalid();
  const values = parsed.slice(1) as unknown[];
  values.forEach((v, i) => {
    const ok = types[i] === 'number' ? typeof v === 'number' && Number.isSafeInteger(v) : typeof v === 'string';
    if (!ok) throw invalid();
  });
  return values as KeyValue[];
}
