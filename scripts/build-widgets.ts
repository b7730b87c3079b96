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
import { build, transformSync, type Metafile, type Plugin } from 'esbuild';
import { headersFile } from '../worker/http/widget-headers';

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
  /** The source files bundled into it. */
  sources: string[];
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
    plugins: [minifyLitCss],
    write: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  // The dashboard on its own, without splitting: sharing chunks with verity.js would change what storefronts load.
  const admin = await build({
    entryPoints: { admin: join(root, 'widgets/src/admin/index.ts') },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outdir,
    entryNames: '[name]',
    metafile: true,
    plugins: [minifyLitCss],
    write: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  const outRel = relative(root, outdir);
  const name = (path: string) => relative(outRel, path).split(sep).join('/');
  const manifest: WidgetManifest = { files: {} };
  for (const [path, output] of Object.entries({ ...result.metafile.outputs, ...admin.metafile.outputs } as Metafile['outputs'])) {
    const bytes = readFileSync(join(root, path));
    manifest.files[name(path)] = {
      bytes: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      imports: output.imports.filter((i) => i.kind === 'import-statement').map((i) => name(i.path)),
      dynamicImports: output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => name(i.path)),
      ...(output.entryPoint ? { entryPoint: output.entryPoint } : {}),
      sources: Object.keys(output.inputs),
    };
  }
  writeFileSync(join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Workers static assets read their headers from this file (the Node server sets the same ones).
  writeFileSync(join(outdir, '..', '_headers'), headersFile());
  return manifest;
}


/**
 * esbuild minifies JavaScript but leaves template literals alone, so Lit's
 * html`` and css`` templates would ship with their indentation. In our own
 * sources, leading indentation is insignificant everywhere (code is minified
 * anyway; no template renders preformatted text), so it goes; css`` blocks
 * hold no expressions, so their whitespace and comments go too.
 */
const minifyLitCss: Plugin = {
  name: 'minify-lit-css',
  setup(b) {
    b.onLoad({ filter: /widgets[\\/]src[\\/].*\.ts$/ }, (args) => ({
      loader: 'ts',
      contents: readFileSync(args.path, 'utf8')
        .replace(/\bcss`([^`$]*)`/g, (_, body: string) => `css\`${minifyCss(body)}\``)
        .replace(/\n[ \t]+/g, '\n'),
    }));
  },
};

/**
 * esbuild's own CSS minifier, not a hand-written one: stripping the spaces
 * around every `:` turned `.media-list :is(img)` (a descendant) into
 * `.media-list:is(img)` (the list itself), and the dashboard's photos lost their size.
 */
export function minifyCss(source: string): string {
  return transformSync(source, { loader: 'css', minify: true }).code.trim();
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

export const elementSource = (tag: string) => `widgets/src/components/${tag}/${tag}.ts`;

/**
 * Every file a page with these elements fetches: verity.js with its static
 * imports, then each lazily loaded element's chunk with its own. An element
 * without a chunk of its own must be in verity.js's static imports.
 */
export function pageLoad(manifest: WidgetManifest, ...tags: string[]): Set<string> {
  const files = closure(manifest, 'verity.js');
  for (const tag of tags) {
    const chunk = Object.entries(manifest.files).find(([, f]) => f.entryPoint === elementSource(tag))?.[0];
    if (chunk) closure(manifest, chunk, files);
    else if (![...files].some((f) => manifest.files[f]!.sources.includes(elementSource(tag)))) throw new Error(`<${tag}> is in no chunk`);
  }
  return files;
}

/** Gzipped bytes of the biggest non-English catalogue a page may add (the form's strings come with the form). */
export function largestLocaleGzip(manifest: WidgetManifest): number {
  return Math.max(...['de', 'fr', 'es', 'ja'].map((l) => manifest.files[chunkOf(manifest, `widgets/src/locales/${l}.ts`)]!.gzip));
}

/** Gzipped bytes of a set of files. */
export function gzipTotal(manifest: WidgetManifest, files: Iterable<string>): number {
  let total = 0;
  for (const f of files) total += manifest.files[f]!.gzip;
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = await buildWidgets();
  for (const [name, f] of Object.entries(manifest.files)) console.log(`${name.padEnd(36)} ${String(f.bytes).padStart(7)} B  ${String(f.gzip).padStart(6)} B gzip`);
  const load = (...elements: string[]) => gzipTotal(manifest, pageLoad(manifest, ...elements));
  const locale = largestLocaleGzip(manifest);
  console.log(`\n<verity-stars> alone (a collection page): ${load('verity-stars')} B gzip (budget 5120)`);
  console.log(`product page before the form: ${load('verity-stars', 'verity-reviews', 'verity-questions')} B gzip, + ${locale} B for the largest locale (budget 30720)`);
  const form = closure(manifest, chunkOf(manifest, elementSource('verity-review-form')));
  for (const f of pageLoad(manifest, 'verity-reviews')) form.delete(f);
  console.log(`opening the form adds ${gzipTotal(manifest, form)} B, and marked ${Object.entries(manifest.files).find(([n]) => n.includes('marked'))![1].gzip} B once the shopper types`);
  console.log(`built into ${widgetsOut}`);
}
