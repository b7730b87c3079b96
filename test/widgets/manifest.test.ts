/**
 * widgets/custom-elements.json, the elements' documented API: built from the
 * sources by @custom-elements-manifest/analyzer (`npm run build:manifest`),
 * checked in, and checked here against a fresh build and against what the
 * sources really do (the parts they render, the custom properties their
 * styles read, the events they fire), so neither the file nor the JSDoc it
 * is built from can fall behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementSource } from '../../scripts/build-widgets';

const root = process.cwd();
const checkedIn = join(root, 'widgets/custom-elements.json');
const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  attributes?: Array<Named & { fieldName?: string }>;
  members?: Array<Named & { kind: string; privacy?: string; static?: boolean; attribute?: string }>;
  events?: Named[];
  cssProperties?: Named[];
  cssParts?: Named[];
  slots?: Named[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string; declaration: { name: string; module?: string } }> }>;
}

let dir: string;
let fresh: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verity-cem-'));
  // The analyzer joins --outdir to the working directory, so it gets the temporary folder as a relative path.
  execFileSync(process.execPath, [cem, 'analyze', '--config', 'widgets/custom-elements-manifest.config.mjs', '--outdir', relative(root, dir), '--quiet'], { cwd: root });
  fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = () => JSON.parse(fresh) as Manifest;

function element(tag: string): Declaration {
  const found = manifest()
    .modules.flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === tag);
  if (!found) throw new Error(`<${tag}> is not in the manifest`);
  return found;
}

const names = (list: Named[] | undefined) => (list ?? []).map((x) => x.name).sort();

/** The source files an element's module runs: itself and its static imports, transitively (lazy imports are other chunks). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    if (specifier.startsWith('.')) closure(relative(root, resolve(dirname(join(root, file)), specifier)) + '.ts', seen);
  }
  return seen;
}

/** Every distinct first capture of `pattern` across an element's files. */
const texts = new Map<string, string>();
function found(tag: string, pattern: RegExp): string[] {
  if (!texts.has(tag)) texts.set(tag, [...closure(elementSource(tag))].map((f) => readFileSync(join(root, f), 'utf8')).join('\n'));
  const text = texts.get(tag)!;
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))].sort();
}

const eventNames = [...readFileSync(join(root, 'widgets/src/events.ts'), 'utf8').matchAll(/^\s*'(verity-[a-z-]+)': CustomEvent/gm)].map((m) => m[1]!);

const attributes: Record<string, string[]> = {
  'verity-stars': ['api', 'href', 'locale', 'product', 'store', 'theme'],
  'verity-reviews': ['api', 'locale', 'page-size', 'product', 'store', 'structured-data', 'theme'],
  'verity-review-form': ['api', 'author-name', 'locale', 'page-size', 'product', 'rating', 'store', 'theme', 'token'],
  'verity-questions': ['api', 'locale', 'page-size', 'product', 'store', 'theme'],
  'verity-gallery': ['api', 'locale', 'page-size', 'product', 'store', 'theme'],
};
const tags = Object.keys(attributes);

describe('widgets/custom-elements.json', () => {
  it('is what the analyzer builds from the sources now (npm run build:manifest rewrites it)', () => {
    expect(readFileSync(checkedIn, 'utf8'), 'widgets/custom-elements.json is out of date: run npm run build:manifest').toBe(fresh);
  });

  it('is the file package.json names for tools, still after a build elsewhere (the analyzer would rewrite the name)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { customElements?: string };
    expect(pkg.customElements).toBe('widgets/custom-elements.json');
  });

  it('defines all five elements, each from its own module', () => {
    const definitions = manifest().modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => [e.name, m.path]));
    expect(Object.fromEntries(definitions)).toEqual(Object.fromEntries(tags.map((tag) => [tag, elementSource(tag)])));
    for (const tag of tags) expect(element(tag).summary, tag).toBeTruthy();
  });

  it.each(tags)('lists the attributes of <%s>, each with a description and a property', (tag) => {
    const el = element(tag);
    expect(names(el.attributes)).toEqual(attributes[tag]);
    for (const a of el.attributes!) expect(a.description, `${tag}[${a.name}]`).toBeTruthy();
    // Lit's inner state is no attribute and no public property.
    const fields = (el.members ?? []).filter((m) => m.kind === 'field' && m.privacy === 'public' && !m.static).map((m) => m.attribute ?? m.name);
    expect(fields.filter((f) => f !== 'structured-data').sort()).toEqual(attributes[tag]!.filter((a) => a !== 'structured-data'));
  });

  it.each(tags)('lists the events <%s> fires, by their names in events.ts', (tag) => {
    const events = element(tag).events ?? [];
    for (const e of events) {
      expect(eventNames, `${tag} @fires ${e.name}`).toContain(e.name);
      expect(e.description, `${tag} @fires ${e.name}`).toBeTruthy();
    }
    const fired = found(tag, /(?:emit\(this, |new CustomEvent\()'(verity-[a-z-]+)'/g);
    expect(fired.length, tag).toBeGreaterThan(0);
    expect(names(events)).toEqual(expect.arrayContaining(fired));
  });

  it.each(tags)('lists every CSS custom property the styles of <%s> read, and every part it renders', (tag) => {
    const el = element(tag);
    expect(names(el.cssProperties)).toEqual(found(tag, /var\((--verity-[a-z-]+)/g));
    expect(names(el.cssParts)).toEqual(found(tag, /part="([a-z-]+)"/g));
    for (const x of [...el.cssProperties!, ...el.cssParts!]) expect(x.description, `${tag} ${x.name}`).toBeTruthy();
  });

  // The forms' Turnstile slots are filled by the elements themselves (turnstile.ts), never by the merchant.
  const slotsOf: Record<string, string[]> = { 'verity-reviews': [''], 'verity-review-form': ['turnstile'], 'verity-questions': ['turnstile-ask'] };
  it('lists its slots: the server snippet inside <verity-reviews>, and the forms’ Turnstile challenge', () => {
    expect(tags.map((tag) => [tag, found(tag, /<(slot)[\s>]/g).length])).toEqual(tags.map((tag) => [tag, slotsOf[tag]?.length ?? 0]));
    expect(element('verity-reviews').slots).toEqual([{ name: '', description: expect.stringContaining('snippet') }]);
    for (const tag of tags.filter((t) => t !== 'verity-reviews')) expect(names(element(tag).slots), tag).toEqual(slotsOf[tag] ?? []);
    for (const tag of ['verity-review-form', 'verity-questions']) expect(element(tag).slots![0]!.description, tag).toMatch(/Turnstile/);
  });
});
