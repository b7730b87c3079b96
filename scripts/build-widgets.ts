/**
 * Builds the widgets into dist/public/widgets: the stable entry `verity.js`
 * (short cache: merchants embed this URL) and content-hashed chunks under
 * `c/` (cached for a year: a new build makes new names), plus `manifest.json`
 * with each file's minified and gzipped size and what it imports, which the
 * budget test and the README's figures read. Run: npm run build:widgets
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { headersFile } from '../worker/assets/widget-headers';

const root = fileURLToPath(new URL('..', import.meta.url));
export const widgetsOut = join(root, 'dist', 'public', 'widgets');

export interface WidgetFile {
  bytes: number;
  gzip: number;
  /** Static imports: fetched before this file runs. */
  imports: string[];
  /** Dynamic imports: fetched only when the code asks. */
  dynamicImports: string[];
  /** For the chunk of a lazily imported module, that module's source path. */
  entryPoint?: string;
}

/** Paths are relative to the widgets folder, e.g. `verity.js`, `c/verity-stars-ABC123.js`. */
export interface WidgetManifest {
  files: Record<string, WidgetFile>;
}

export async function buildWidgets(outdir = widgetsOut): Promise<WidgetManifest> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: { verity: join(root, 'widgets/src/verity.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outdir,
    entryNames: '[name]',
    chunkNames: 'c/[name]-[hash]',
    metafile: true,
    write: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  const outRel = relative(root, outdir);
  const name = (path: string) => relative(outRel, path).split(sep).join('/');
  const manifest: WidgetManifest = { files: {} };
  for (const [path, output] of Object.entries(result.metafile.outputs as Metafile['outputs'])) {
    const bytes = readFileSync(join(root, path));
    manifest.files[name(path)] = {
      bytes: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      imports: output.imports.filter((i) => i.kind === 'import-statement').map((i) => name(i.path)),
      dynamicImports: output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => name(i.path)),
      ...(output.entryPoint ? { entryPoint: output.entryPoint } : {}),
    };
  }
  writeFileSync(join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Workers static assets read their headers from this file (the Node server sets the same ones).
  writeFileSync(join(outdir, '..', '_headers'), headersFile());
  return manifest;
}


/** Every file a browser fetches before `file` runs: itself and its static imports, transitively. */
export function closure(manifest: WidgetManifest, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of manifest.files[file]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

/** The chunk that defines a source module loaded lazily, e.g. `widgets/src/components/verity-stars/verity-stars.ts`. */
export function chunkOf(manifest: WidgetManifest, source: string): string {
  const found = Object.entries(manifest.files).find(([, f]) => f.entryPoint === source);
  if (!found) throw new Error(`no chunk for ${source}`);
  return found[0];
}

/** Gzipped bytes of a set of files. */
export function gzipTotal(manifest: WidgetManifest, files: Iterable<string>): number {
  let total = 0;
  for (const f of files) total += manifest.files[f]!.gzip;
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = await buildWidgets();
  const total = Object.values(manifest.files).reduce((n, f) => n + f.gzip, 0);
  for (const [name, f] of Object.entries(manifest.files)) console.log(`${name.padEnd(36)} ${String(f.bytes).padStart(7)} B  ${String(f.gzip).padStart(6)} B gzip`);
  console.log(`built ${Object.keys(manifest.files).length} files into ${widgetsOut} (${total} B gzip in all)`);
}
