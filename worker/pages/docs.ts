/**
 * A readable API reference rendered on the server from the OpenAPI document,
 * so /docs works offline and without a third-party script.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: { type?: string; enum?: unknown[]; default?: unknown } }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface Document {
  info: { title: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
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
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} reference</title>
<style>
  :root { color-scheme: light dark; --accent: #4f46e5; }
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
  .op { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
  .method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; color: var(--accent); }
  .lock { font-size: .8em; opacity: .7; }
  table { border-collapse: collapse; } td, th { text-align: left; padding: .15rem .75rem .15rem 0; vertical-align: top; }
</style>
</head>
<body>
<h1>${doc.info.title}</h1>
<p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
${[...groups].map(
  ([tag, ops]) => html`<h2>${tag}</h2>
${ops.map(
  ({ method, path, op }) => html`<section class="op">
<div><span class="method">${method}</span> <code>${path}</code> ${op.security?.length ? html`<span class="lock">(secret key)</span>` : ''}</div>
<p><strong>${op.summary ?? ''}</strong>${op.description ? html` — ${op.description}` : ''}</p>
${op.parameters?.length
  ? html`<table><tr><th>parameter</th><th>in</th><th>type</th></tr>${op.parameters.map(
      (p) => html`<tr><td><code>${p.name}</code>${p.required ? ' *' : ''}</td><td>${p.in}</td><td>${p.schema?.enum ? p.schema.enum.join(' | ') : (p.schema?.type ?? '')}${p.schema?.default !== undefined ? html` (default ${String(p.schema.default)})` : ''}</td></tr>`,
    )}</table>`
  : ''}
${op.requestBody ? html`<p>Body: JSON (<a href="/openapi.json">schema</a>)</p>` : ''}
<p>Responses: ${raw(Object.keys(op.responses ?? {}).map((s) => `<code>${s}</code>`).join(' '))}</p>
</section>`,
)}`,
)}
</body>
</html>`;
}
