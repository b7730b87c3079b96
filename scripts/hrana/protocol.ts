/** Hrana's JSON messages (see docs/HRANA_3_SPEC.md in tursodatabase/libsql): their types, the request decoder and the value encoder. */

import { protocolError } from './errors';

export type BindValue = null | bigint | number | string | Buffer;
export interface NamedArg {
  name: string;
  value: BindValue;
}
export type SqlRef = { sql: string } | { sqlId: number };
export interface Stmt {
  sql: SqlRef;
  args: BindValue[];
  namedArgs: NamedArg[];
  wantRows: boolean;
}
export type BatchCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and' | 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };
export interface Batch {
  steps: { condition?: BatchCond; stmt: Stmt }[];
}
export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: Batch }
  | { type: 'sequence'; sql: SqlRef }
  | { type: 'describe'; sql: SqlRef }
  | { type: 'store_sql'; sqlId: number; sql: string }
  | { type: 'close_sql'; sqlId: number }
  | { type: 'get_autocommit' };
export interface PipelineBody {
  baton?: string;
  requests: StreamRequest[];
}

export type ProtoValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };
export interface ProtoError {
  message: string;
  code: string;
}
export interface Col {
  name: string | null;
  decltype: string | null;
}
export interface StmtResult {
  cols: Col[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}
export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}
export interface DescribeResult {
  params: { name: string | null }[];
  cols: Col[];
  is_explain: boolean;
  is_readonly: boolean;
}
export type StreamResponse =
  | { type: 'close' | 'sequence' | 'store_sql' | 'close_sql' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'get_autocommit'; is_autocommit: boolean };
export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: ProtoError };
export interface PipelineResponse {
  baton: string | null;
  base_url: null;
  results: StreamResult[];
}

// Decoding request JSON. Anything malformed fails the whole request with a 400, as in sqld.

type JsonObject = Record<string, unknown>;

export function parsePipelineBody(value: unknown): PipelineBody {
  const body = object(value, 'request body');
  const baton = optional(body.baton, (v) => string(v, 'baton'));
  const requests = array(body.requests, 'requests').map((r, i) => parseRequest(r, `requests[${i}]`));
  return baton === undefined ? { requests } : { baton, requests };
}

function parseRequest(value: unknown, where: string): StreamRequest {
  const req = object(value, where);
  const type = string(req.type, `${where}.type`);
  switch (type) {
    case 'close':
    case 'get_autocommit':
      return { type };
    case 'execute':
      return { type, stmt: parseStmt(req.stmt, `${where}.stmt`) };
    case 'batch':
      return { type, batch: parseBatch(req.batch, `${where}.batch`) };
    case 'sequence':
    case 'describe':
      return { type, sql: parseSqlRef(req, where) };
    case 'store_sql':
      return { type, sqlId: int(req.sql_id, `${where}.sql_id`), sql: string(req.sql, `${where}.sql`) };
    case 'close_sql':
      return { type, sqlId: int(req.sql_id, `${where}.sql_id`) };
    default:
      throw protocolError(`${where}: unsupported request type ${JSON.stringify(type)}`);
  }
}

function parseSqlRef(obj: JsonObject, where: string): SqlRef {
  const sql = optional(obj.sql, (v) => string(v, `${where}.sql`));
  const sqlId = optional(obj.sql_id, (v) => int(v, `${where}.sql_id`));
  if (sql !== undefined && sqlId === undefined) return { sql };
  if (sqlId !== undefined && sql === undefined) return { sqlId };
  throw protocolError(`${where}: exactly one of sql and sql_id is required`);
}

function parseStmt(value: unknown, where: string): Stmt {
  const stmt = object(value, where);
  return {
    sql: parseSqlRef(stmt, where),
    args: optionalArray(stmt.args, `${where}.args`).map((v, i) => parseValue(v, `${where}.args[${i}]`)),
    namedArgs: optionalArray(stmt.named_args, `${where}.named_args`).map((v, i) => {
      const at = `${where}.named_args[${i}]`;
      const arg = object(v, at);
      return { name: string(arg.name, `${at}.name`), value: parseValue(arg.value, `${at}.value`) };
    }),
    wantRows: optional(stmt.want_rows, (v) => boolean(v, `${where}.want_rows`)) ?? true,
  };
}

function parseBatch(value: unknown, where: string): Batch {
  const steps = array(object(value, where).steps, `${where}.steps`).map((v, i) => {
    const step = object(v, `${where}.steps[${i}]`);
    const condition = optional(step.condition, (c) => parseCondition(c, i, `${where}.steps[${i}].condition`));
    const stmt = parseStmt(step.stmt, `${where}.steps[${i}].stmt`);
    return condition === undefined ? { stmt } : { condition, stmt };
  });
  return { steps };
}

/** `stepIndex` is the step owning the condition, which may only look at earlier steps. */
function parseCondition(value: unknown, stepIndex: number, where: string): BatchCond {
  const cond = object(value, where);
  const type = string(cond.type, `${where}.type`);
  switch (type) {
    case 'ok':
    case 'error': {
      const step = int(cond.step, `${where}.step`);
      if (step < 0 || step >= stepIndex) throw protocolError(`${where}: step ${step} is not an earlier step`);
      return { type, step };
    }
    case 'not':
      return { type, cond: parseCondition(cond.cond, stepIndex, `${where}.cond`) };
    case 'and':
    case 'or':
      return {
        type,
        conds: array(cond.conds, `${where}.conds`).map((c, i) => parseCondition(c, stepIndex, `${where}.conds[${i}]`)),
      };
    case 'is_autocommit':
      return { type };
    default:
      throw protocolError(`${where}: unsupported condition type ${JSON.stringify(type)}`);
  }
}

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

function parseValue(value: unknown, where: string): BindValue {
  const v = object(value, where);
  const type = string(v.type, `${where}.type`);
  switch (type) {
    case 'null':
      return null;
    case 'integer': {
      // A string in JSON so that 64-bit values survive; accept a plain safe integer too.
      const raw =
        typeof v.value === 'number' && Number.isSafeInteger(v.value) ? String(v.value) : string(v.value, `${where}.value`);
      if (!/^-?\d+$/.test(raw)) throw protocolError(`${where}.value: ${JSON.stringify(raw)} is not an integer`);
      const int64 = BigInt(raw);
      if (int64 < MIN_INT64 || int64 > MAX_INT64) throw protocolError(`${where}.value: ${raw} is not a 64-bit integer`);
      return int64;
    }
    case 'float':
      if (typeof v.value !== 'number') throw protocolError(`${where}.value must be a number`);
      return v.value;
    case 'text':
      return string(v.value, `${where}.value`);
    case 'blob':
      return Buffer.from(string(v.base64, `${where}.base64`), 'base64');
    default:
      throw protocolError(`${where}: unsupported value type ${JSON.stringify(type)}`);
  }
}

function object(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw protocolError(`${where} must be an object`);
  }
  return value as JsonObject;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw protocolError(`${where} must be an array`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw protocolError(`${where} must be a string`);
  return value;
}

function int(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw protocolError(`${where} must be an integer`);
  return value;
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw protocolError(`${where} must be a boolean`);
  return value;
}

function optionalArray(value: unknown, where: string): unknown[] {
  return optional(value, (v) => array(v, where)) ?? [];
}

/** Hrana treats a missing field and `null` alike. */
function optional<T>(value: unknown, parse: (v: unknown) => T): T | undefined {
  return value === undefined || value === null ? undefined : parse(value);
}

// Encoding engine values for responses.

// Array.isArray narrows to any[]; engine rows are unknown until checked.
export function isArray(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

export function encodeRow(row: unknown): ProtoValue[] {
  if (!isArray(row)) throw new Error('expected a raw row from the engine');
  return row.map(encodeValue);
}

function encodeValue(value: unknown): ProtoValue {
  if (value === null) return { type: 'null' };
  // safeIntegers(true) makes every INTEGER a bigint, so a number is always a REAL.
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  throw new Error(`unexpected ${typeof value} value from the engine`);
}
