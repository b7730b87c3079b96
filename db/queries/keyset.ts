/**
 * Keyset pagination: a page ends at a row, and the next page starts strictly
 * after that row's sort key. Unlike OFFSET, a page costs the same however deep
 * it is, and rows inserted meanwhile neither repeat nor vanish.
 */
import { and, eq, gt, lt, or, type AnyColumn, type SQL } from 'drizzle-orm';
import { QueryInputError } from '../errors';

export type KeyValue = string | number;

export interface KeyPart {
  column: AnyColumn;
  direction: 'asc' | 'desc';
}

/** `(a, b, c)` after `(va, vb, vc)` in the given directions, expanded for SQLite. */
export function afterKey(parts: KeyPart[], values: KeyValue[]): SQL {
  const branches: SQL[] = [];
  parts.forEach((part, i) => {
    const value = values[i]!;
    const equalPrefix = parts.slice(0, i).map((p, j) => eq(p.column, values[j]!));
    const beyond = part.direction === 'desc' ? lt(part.column, value) : gt(part.column, value);
    branches.push(and(...equalPrefix, beyond)!);
  });
  return or(...branches)!;
}

/** Opaque cursor: the sort it belongs to and the key of the last row returned. */
export function encodeCursor(sort: string, values: KeyValue[]): string {
  const json = JSON.stringify([sort, ...values]);
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
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
