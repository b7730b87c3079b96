/**
 * Response headers for the built widgets, shared by the Node server and the
 * `_headers` file that Workers static assets read. Module scripts are fetched
 * with CORS, so a store on another origin needs `Access-Control-Allow-Origin`;
 * the entry merchants embed is revalidated within minutes, hashed chunks
 * (under `c/`) never change and are cached for a year.
 */
export const widgetHeaders = {
  cors: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
  entry: 'public, max-age=300',
  hashed: 'public, max-age=31536000, immutable',
} as const;

/** Cache-Control for a path under /widgets/. */
export const widgetCacheControl = (path: string): string => (path.startsWith('/widgets/c/') ? widgetHeaders.hashed : widgetHeaders.entry);

/** Path pattern → headers, the shape of Workers static assets' header rules. */
export function widgetHeaderRules(): Record<string, Record<string, string>> {
  return {
    '/widgets/*': { ...widgetHeaders.cors },
    '/widgets/verity.js': { 'Cache-Control': widgetHeaders.entry },
    '/widgets/manifest.json': { 'Cache-Control': widgetHeaders.entry },
    '/widgets/c/*': { 'Cache-Control': widgetHeaders.hashed },
  };
}

/** The `_headers` file for Workers static assets: the same rules `serveWidgets` applies on Node. */
export function headersFile(): string {
  return Object.entries(widgetHeaderRules())
    .map(([path, headers]) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'))
    .join('\n') + '\n';
}
