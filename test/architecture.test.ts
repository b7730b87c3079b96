/**
 * The layering rules, read off the imports of every source file, so a change
 * that breaks one fails here instead of in review:
 *  1. db/ imports nothing from worker/ (and so never throws an HTTP error).
 *  2. SQL lives in db/queries/: nothing in worker/ imports drizzle-orm, nor
 *     db/schema's table objects (its types and enum constants are fine).
 *  3. The widgets import nothing of the server but types.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface Import {
  file: string;
  /** Resolved to a path relative to the project for relative imports, else the package name. */
  target: string;
  /** Names imported as values (not `import type`). */
  values: string[];
  typeOnly: boolean;
}

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'migrations' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (specifier: string, values: string[], typeOnly: boolean) => {
    const target = specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)) : specifier;
    found.push({ file: relative(root, file), target, values, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const typeOnly = ts.isImportDeclaration(node) ? Boolean(clause?.isTypeOnly) : node.isTypeOnly;
      const values: string[] = [];
      if (clause && !clause.isTypeOnly) {
        if (clause.name) values.push('default');
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) values.push('*');
        if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (!e.isTypeOnly) values.push(e.name.text);
      }
      add(node.moduleSpecifier.text, values, typeOnly || (clause !== undefined && values.length === 0));
    }
    // import('…') expressions count too.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, ['*'], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const all = (dir: string) => sourceFiles(join(root, dir)).flatMap((f) => importsOf(f));
const within = (target: string, dir: string) => target === dir || target.startsWith(`${dir}/`);
/** db/schema exports enum constants (reviewStatuses, reportReasons, memberRoles…) that schemas validate against: not tables. */
const SCHEMA_CONSTANT = /^(?:[a-z]+(?:Statuses|Reasons|Kinds|Roles|Modes)|defaultStoreSettings)$/;

function violations(imports: Import[]) {
  return {
    dbToWorker: imports.filter((i) => within(i.file, 'db') && within(i.target, 'worker')),
    sqlOutsideDb: imports.filter(
      (i) =>
        within(i.file, 'worker') &&
        ((i.target === 'drizzle-orm' || i.target.startsWith('drizzle-orm/')) ||
          (within(i.target, 'db/schema') && i.values.some((v) => !SCHEMA_CONSTANT.test(v)))),
    ),
    widgetsToServer: imports.filter((i) => within(i.file, 'widgets') && (within(i.target, 'worker') || within(i.target, 'db')) && !i.typeOnly),
  };
}

const show = (list: Import[]) => list.map((i) => `${i.file} → ${i.target}${i.values.length ? ` (${i.values.join(', ')})` : ''}`);

describe('layering', () => {
  const imports = [...all('db'), ...all('worker'), ...all('widgets/src')];

  it('finds the imports it checks (the reader works)', () => {
    expect(imports.some((i) => i.file === 'worker/app.ts' && i.target === 'worker/errors')).toBe(true);
    expect(imports.some((i) => i.file === 'db/queries/reviews.ts' && i.target === 'drizzle-orm')).toBe(true);
  });

  it('db/ imports nothing from worker/', () => {
    expect(show(violations(imports).dbToWorker)).toEqual([]);
  });

  it('no SQL outside db/: worker/ imports neither drizzle-orm nor table objects', () => {
    expect(show(violations(imports).sqlOutsideDb)).toEqual([]);
  });

  it('the widgets take nothing but types from the server', () => {
    expect(show(violations(imports).widgetsToServer)).toEqual([]);
  });

  it('catches a deliberately added upward or SQL import', () => {
    const planted = [
      ...importsOf(join(root, 'db/queries/planted.ts'), "import { ApiError } from '../../worker/errors';"),
      ...importsOf(join(root, 'worker/routes/planted.ts'), "import { eq } from 'drizzle-orm';\nimport { reviews, type Review } from '../../db/schema';"),
      ...importsOf(join(root, 'worker/routes/fine.ts'), "import { reviewStatuses, type Review } from '../../db/schema';"),
      ...importsOf(join(root, 'widgets/src/planted.ts'), "import { ApiError } from '../../worker/errors';\nimport type { Store } from '../../db/schema';"),
    ];
    const found = violations(planted);
    expect(show(found.dbToWorker)).toEqual(['db/queries/planted.ts → worker/errors (ApiError)']);
    expect(show(found.sqlOutsideDb)).toEqual(['worker/routes/planted.ts → drizzle-orm (eq)', 'worker/routes/planted.ts → db/schema (reviews)']);
    expect(show(found.widgetsToServer)).toEqual(['widgets/src/planted.ts → worker/errors (ApiError)']);
  });
});
