/**
 * Response headers for the built widgets, shared by the Node server and the
 * `_headers` file that Workers static assets read. Module scripts are fetched
 * with CORS, so a store on another origin needs `Access-Control-Allow-Origin`;
 * the entry merchants embed is revalidated within minutes, hashed chunks
 * (under `c/`) never change and are cached for a year.
 */
const widgetHeaders = {
  cors: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
  entry: 'public, max-age=300',
  hashed: 'public, max-age=31536000, immutable',
} as const;

/** Path pattern → headers, the shape of Workers static assets' header rules. */
export function widgetHeaderRules(): Record<string, Record<string, string>> {
  return {
    '/widgets/*': { ...widgetHeaders.cors },
    '/widgets/verity.js': { 'Cache-Control': widgetHeaders.entry },
    '/widgets/manifest.json': { 'Cache-Control': widgetHeaders.entry },
    '/widgets/c/*': { 'Cache-Control': widgetHeaders.hashed },
  };
}

/**
 * The headers for one path, by the same rules (a trailing `*` matches any
 * rest of the path): what the Node server sends, so it says exactly what
 * `_headers` makes Workers say.
 */
export function widgetHeadersFor(path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [pattern, set] of Object.entries(widgetHeaderRules())) {
    const matches = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (matches) Object.assign(headers, set);
  }
  return headers;
}

/** The `_headers` file for Workers static assets: the same rules `serveWidgets` applies on Node. */
export function headersFile(): string {
  return Object.entries(widgetHeaderRules())
    .map(([path, headers]) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'))
    .join('\n') + '\n';
}
