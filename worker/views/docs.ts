/**
 * A readable API reference rendered on the server from the OpenAPI document,
 * so /docs works offline and without a third-party script.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { fieldsOf, fieldTable, notesOf, prose, refName, schemaAnchor, typeOf, type Schema, type Schemas } from './docs-schema';

interface Media {
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { description?: string; content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}

interface Document {
  info: { title: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Schemas };
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** The schema to describe a body by: JSON's when there is one (a form carries the same fields). */
const bodySchema = (content: Record<string, Media> = {}) => (content['application/json'] ?? Object.values(content)[0])?.schema;

const mediaTypes = (content: Record<string, Media> = {}) => html`${Object.keys(content).map((t, i) => html`${i ? ', ' : ''}<code>${t}</code>`)}`;

function parameters(op: Operation): Html | string {
  if (!op.parameters?.length) return '';
  return html`<h4>Parameters</h4>
<table>
<tr><th>name</th><th>in</th><th>type</th><th>notes</th></tr>
${op.parameters.map((p) => {
  const notes = notesOf({ ...p.schema, description: p.description ?? p.schema?.description });
  return html`<tr><td><code>${p.name}</code>${p.required ? ' *' : ''}</td><td>${p.in}</td><td>${p.schema ? typeOf(p.schema) : ''}</td><td>${prose(notes)}</td></tr>`;
})}
</table>`;
}

function requestBody(op: Operation, schemas: Schemas): Html | string {
  const body = op.requestBody;
  if (!body?.content) return '';
  const schema = bodySchema(body.content);
  const name = refName(schema);
  return html`<h4>Request body</h4>
<p>${mediaTypes(body.content)}${name ? html` — <a href="#${schemaAnchor(name)}">${name}</a>` : ''}${body.description ? html`. ${prose(body.description)}` : ''}</p>
${schema ? fieldTable(fieldsOf(schema, schemas)) : ''}`;
}

/** Success answers with their fields; error answers on one line each, since they all share the Error shape. */
function responses(op: Operation, schemas: Schemas): Html {
  const entries = Object.entries(op.responses ?? {});
  const isError = (content?: Record<string, Media>) => refName(bodySchema(content)) === 'Error';
  const errors = entries.filter(([, r]) => isError(r.content));
  return html`<h4>Responses</h4>
${entries
  .filter(([, r]) => !isError(r.content))
  .map(([status, r]) => {
    const schema = bodySchema(r.content);
    const name = refName(schema);
    return html`<p><strong>${status}</strong> ${prose(r.description)}${r.content ? html` — ${mediaTypes(r.content)}` : ''}${name ? html` (<a href="#${schemaAnchor(name)}">${name}</a>)` : ''}</p>
${schema ? fieldTable(fieldsOf(schema, schemas)) : ''}`;
  })}
${errors.length
  ? html`<p>Errors (<a href="#${schemaAnchor('Error')}">Error</a>):</p>
<ul>${errors.map(([status, r]) => html`<li><strong>${status}</strong> ${prose(r.description)}</li>`)}</ul>`
  : ''}`;
}

const methodOrder = ['get', 'post', 'put', 'patch', 'delete'];

export function docsPage(document: object): HtmlEscapedString | Promise<HtmlEscapedString> {
  const doc = document as Document;
  const groups = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of methodOrder) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, op });
    }
  }
  const schemas = doc.components?.schemas ?? {};
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} reference</title>
<style>
  :root { color-scheme: light dark; --accent: #4f46e5; }
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
  code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
  .op { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
  .op > summary { cursor: pointer; }
  .method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; color: var(--accent); }
  .lock { font-size: .8em; opacity: .7; }
  h4 { margin: 1rem 0 .25rem; }
  table { border-collapse: collapse; font-size: .95em; } td, th { text-align: left; padding: .15rem .75rem .15rem 0; vertical-align: top; }
  tr + tr td { border-top: 1px solid color-mix(in srgb, currentColor 10%, transparent); }
  nav ul { columns: 2; }
</style>
</head>
<body>
<h1>${doc.info.title}</h1>
<p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Fields marked * are required.</p>
<nav><ul>${[...groups].map(([tag]) => html`<li><a href="#${tagAnchor(tag)}">${tag}</a></li>`)}<li><a href="#schemas">Schemas</a></li></ul></nav>
${[...groups].map(
  ([tag, ops]) => html`<h2 id="${tagAnchor(tag)}">${tag}</h2>
${ops.map(
  ({ method, path, op }) => html`<details class="op"${op.operationId ? html` id="op-${op.operationId}"` : ''}>
<summary><span class="method">${method}</span> <code>${path}</code> ${op.security?.length ? html`<span class="lock">(secret key)</span>` : ''} — ${prose(op.summary)}</summary>
${op.description ? html`<p>${prose(op.description)}</p>` : ''}
${op.operationId ? html`<p>Operation id: <code>${op.operationId}</code></p>` : ''}
${parameters(op)}
${requestBody(op, schemas)}
${responses(op, schemas)}
</details>`,
)}`,
)}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas).map(
  ([name, schema]) => html`<section id="${schemaAnchor(name)}">
<h3>${name}</h3>
${schema.description ? html`<p>${prose(schema.description)}</p>` : ''}
${fieldTable(fieldsOf(schema, schemas)) || html`<p>${typeOf(schema)}</p>`}
</section>`,
)}
</body>
</html>`;
}
