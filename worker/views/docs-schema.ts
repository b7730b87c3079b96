/**
 * JSON Schemas of the OpenAPI document as tables of fields, for /docs.
 * Inline objects are flattened into dotted names (`author.email`, `items[].sku`);
 * a named schema is expanded where it is the whole body and linked elsewhere,
 * so a table stays short and each named schema is described once.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export type Schemas = Record<string, Schema>;
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

interface Field {
  name: string;
  type: Html | string;
  required: boolean;
  notes: string;
}

/** Past this depth inline objects are shown as "object"; Verity's bodies nest three levels at most. */
const MAX_DEPTH = 4;

export const refName = (schema: Schema | undefined): string | undefined => schema?.$ref?.replace('#/components/schemas/', '');

export const schemaAnchor = (name: string) => `schema-${name}`;

const resolve = (schema: Schema, schemas: Schemas): Schema => {
  const name = refName(schema);
  return name ? (schemas[name] ?? {}) : schema;
};

const variants = (schema: Schema) => schema.anyOf ?? schema.oneOf ?? schema.allOf;

/** The non-null variant of an `X or null` union, so it is described as X. */
function withoutNull(schema: Schema): { schema: Schema; nullable: boolean } {
  const list = variants(schema);
  if (list && list.length === 2 && list.some((v) => v.type === 'null')) return { schema: list.find((v) => v.type !== 'null')!, nullable: true };
  return { schema, nullable: false };
}

const literal = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

/** A short type: `string (email)`, `"a" | "b"`, `array of Review`, `integer or null`. */
export function typeOf(input: Schema): Html | string {
  const { schema, nullable } = withoutNull(input);
  const orNull = nullable ? ' or null' : '';
  const name = refName(schema);
  if (name) return html`<a href="#${schemaAnchor(name)}">${name}</a>${orNull}`;
  if (schema.const !== undefined) return literal(schema.const) + orNull;
  if (schema.enum) return schema.enum.map(literal).join(' | ') + orNull;
  const list = variants(schema);
  if (list) return html`${list.map((v, i) => html`${i ? ' | ' : ''}${typeOf(v)}`)}${orNull}`;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any']).filter((t) => t !== 'null');
  const isNull = nullable || (Array.isArray(schema.type) && schema.type.includes('null'));
  const tail = isNull ? ' or null' : '';
  if (types[0] === 'array') return html`array of ${schema.items ? typeOf(schema.items) : 'any'}${tail}`;
  if (types[0] === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return html`map of ${typeOf(schema.additionalProperties)}${tail}`;
  }
  return `${types.join(' or ')}${schema.format ? ` (${schema.format})` : ''}${tail}`;
}

/** Limits and defaults in words, beside the description. */
export function notesOf(schema: Schema): string {
  const s = withoutNull(schema).schema;
  const limits = [
    s.minLength !== undefined && s.maxLength !== undefined ? `${s.minLength}-${s.maxLength} characters` : '',
    s.minLength === undefined && s.maxLength !== undefined ? `at most ${s.maxLength} characters` : '',
    s.minLength !== undefined && s.maxLength === undefined && s.minLength > 0 ? `at least ${s.minLength} characters` : '',
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
    s.maxItems !== undefined ? `at most ${s.maxItems} items` : '',
    s.minItems ? `at least ${s.minItems}` : '',
    s.default !== undefined ? `default ${literal(s.default)}` : '',
  ].filter(Boolean);
  return [schema.description ?? s.description, limits.join(', ')].filter(Boolean).join('; ');
}

/** An object (or array of objects) whose fields are worth listing under its name. */
function expandable(schema: Schema, schemas: Schemas): Schema | undefined {
  const s = withoutNull(schema).schema;
  if (refName(s)) return undefined;
  if (s.properties) return s;
  const list = variants(s);
  if (list?.every((v) => resolve(v, schemas).properties)) return { properties: Object.assign({}, ...list.map((v) => resolve(v, schemas).properties)) };
  return undefined;
}

function collect(schema: Schema, schemas: Schemas, prefix: string, depth: number, out: Field[]): void {
  const s = expandable(schema, schemas);
  if (!s?.properties) return;
  for (const [key, child] of Object.entries(s.properties)) {
    const name = `${prefix}${key}`;
    out.push({ name, type: typeOf(child), required: s.required?.includes(key) ?? false, notes: notesOf(child) });
    if (depth >= MAX_DEPTH) continue;
    const inner = withoutNull(child).schema;
    if (inner.type === 'array' && inner.items) collect(inner.items, schemas, `${name}[].`, depth + 1, out);
    else collect(child, schemas, `${name}.`, depth + 1, out);
  }
}

/** The fields of a body: a named schema is expanded here, since it is the whole body. */
export function fieldsOf(schema: Schema, schemas: Schemas): Field[] {
  const out: Field[] = [];
  const root = resolve(schema, schemas);
  if (root.type === 'array' && root.items) {
    out.push({ name: '[]', type: typeOf(root.items), required: true, notes: notesOf(root) });
    collect(resolve(root.items, schemas), schemas, '[].', 1, out);
  } else {
    collect(root, schemas, '', 0, out);
  }
  return out;
}

export function fieldTable(fields: Field[]): Html | string {
  if (fields.length === 0) return '';
  return html`<table>
<tr><th>field</th><th>type</th><th>notes</th></tr>
${fields.map((f) => html`<tr><td><code>${f.name}</code>${f.required ? ' *' : ''}</td><td>${f.type}</td><td>${prose(f.notes as string)}</td></tr>`)}
</table>`;
}

/** A description as text, its `backticked` parts as code: the Markdown the document's descriptions use, and no more. */
export const prose = (text: string | undefined): Html | string =>
  text ? html`${text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}` : '';
