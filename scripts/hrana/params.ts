/** SQL parameters: which a statement has, and the positional values to bind for a request's arguments. */

import { RequestError } from './errors';
import type { BindValue, NamedArg } from './protocol';

/**
 * Parameter names by 1-based index (index i at [i - 1]): a string for named and `?NNN` parameters,
 * null for a bare `?`, undefined for an index no parameter uses. Follows SQLite's numbering:
 * `?NNN` takes index NNN, a bare `?` the next one, and a repeated name reuses its first index.
 * The engine binding API has no sqlite3_bind_parameter_name(), hence this scan.
 */
export function scanParameters(sql: string): (string | null | undefined)[] {
  const params: (string | null | undefined)[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(sql, i);
    else if (c === '[') i = skipPast(sql, ']', i + 1);
    else if (c === '-' && next === '-') i = skipPast(sql, '\n', i + 2);
    else if (c === '/' && next === '*') i = skipPast(sql, '*/', i + 2);
    else if (c === '?') {
      const end = wordEnd(sql, i + 1, isDigit);
      if (end === i + 1) params.push(null);
      else {
        const index = Number(sql.slice(i + 1, end));
        while (params.length < index) params.push(undefined);
        params[index - 1] = sql.slice(i, end);
      }
      i = end;
    } else if (c === ':' || c === '@' || c === '$') {
      const end = wordEnd(sql, i + 1, isIdChar);
      const name = sql.slice(i, end);
      if (end > i + 1 && !seen.has(name)) {
        seen.add(name);
        params.push(name);
      }
      i = Math.max(end, i + 1);
    } else if (isIdChar(c)) {
      // Skip whole words so `a$b` or the `x` of `x'00'` are not misread.
      i = wordEnd(sql, i, isIdChar);
    } else i++;
  }
  return params;
}

/** The first keyword of a statement, uppercased, after whitespace and comments. */
export function leadingKeyword(sql: string): string {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i] ?? '')) i++;
    if (sql.startsWith('--', i)) i = skipPast(sql, '\n', i + 2);
    else if (sql.startsWith('/*', i)) i = skipPast(sql, '*/', i + 2);
    else break;
  }
  return sql.slice(i, wordEnd(sql, i, isIdChar)).toUpperCase();
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdChar(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;
}

function wordEnd(sql: string, from: number, accept: (c: string) => boolean): number {
  let i = from;
  while (i < sql.length && accept(sql[i] ?? '')) i++;
  return i;
}

function skipPast(sql: string, terminator: string, from: number): number {
  const at = sql.indexOf(terminator, from);
  return at === -1 ? sql.length : at + terminator.length;
}

/** Skips a quoted string or identifier, where a doubled quote is an escaped one. */
function skipQuoted(sql: string, start: number): number {
  const quote = sql[start] ?? '';
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(quote, i);
    if (at === -1) return sql.length;
    if (sql[at + 1] !== quote) return at + 1;
    i = at + 2;
  }
}

/**
 * Positional values for the statement, with named arguments moved to their indexes. The engine
 * is only ever given an array: its by-name binding silently binds NULL for prefixed names and
 * aborts the process if the statement also has a bare `?`.
 */
export function bindArgs(sql: string, args: BindValue[], namedArgs: NamedArg[]): BindValue[] {
  const params = scanParameters(sql);
  if (args.length > params.length) {
    const message = `The statement has ${params.length} parameters but ${args.length} positional arguments were given`;
    throw new RequestError('ARGS_INVALID', message);
  }
  // Indexes no parameter uses still need a value; NULL is what SQLite leaves there anyway.
  const values = params.map((name, i): BindValue | undefined => {
    if (i < args.length) return args[i];
    return name === undefined ? null : undefined;
  });
  for (const { name, value } of namedArgs) {
    const index = findParameter(params, name);
    if (index === -1) throw new RequestError('ARGS_INVALID', `No parameter named ${JSON.stringify(name)} in the statement`);
    values[index] = value; // named wins over positional, as the spec says
  }
  const missing = values.findIndex((v) => v === undefined);
  if (missing !== -1) {
    const name = params[missing];
    throw new RequestError('ARGS_INVALID', `No value given for parameter ${name ?? `#${missing + 1}`}`);
  }
  return values as BindValue[];
}

/** Names may come without their `:`, `@` or `$`, in which case we guess the prefix. */
function findParameter(params: (string | null | undefined)[], name: string): number {
  const candidates = /^[:@$?]/.test(name) ? [name] : [`:${name}`, `@${name}`, `$${name}`];
  for (const candidate of candidates) {
    const index = params.indexOf(candidate);
    if (index !== -1) return index;
  }
  return -1;
}
