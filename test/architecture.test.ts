/**
 * The layering rules, read off the imports of every source file, so a change
 * that breaks one fails here instead of in review:
 *  1. db/ imports nothing from worker/ (and so never throws an HTTP error).
 *  2. SQL lives in db/queries/: nothing in worker/ imports drizzle-orm, nor
 *     db/schema's table objects (its types and enum constants are fine).
 *  3. The widgets import nothing of the server but types.
 *  4. A route handler is validated input → one domain or query call → a
 *     serializer: routes import no Markdown renderer, CSV parser, hash or id generator.
 * And two ideas read off the text, each with one home:
 *  5. Only worker/http/body.ts reads a request body (one set of limits and errors).
 *  6. Only db/email.ts lower-cases an email address (one spelling stored and compared).
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
/** db/schema exports enum constants (reviewStatuses, reportReasons, moderationPolicies, notificationModes, memberRoles…) that schemas validate against: not tables. */
const SCHEMA_CONSTANT = /^(?:[a-z]+(?:Statuses|Reasons|Kinds|Policies|Modes|Roles|Locales)|defaultStoreSettings)$/;

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

/** What a route may not import: rendering, parsing and hashing belong to domain/ (or lib/ through domain/). */
const ROUTE_FORBIDDEN: Array<{ target: string; names?: RegExp }> = [
  { target: 'worker/domain/markdown', names: /^(?:renderMarkdown|\*)$/ },
  { target: 'worker/lib/csv' },
  { target: 'worker/lib/crypto' },
  { target: 'worker/domain/voters', names: /^(?:hashVoterToken|hashClientAddress|voterIdentity|\*)$/ },
];

function routeViolations(imports: Import[]) {
  return imports.filter(
    (i) =>
      within(i.file, 'worker/routes') &&
      ROUTE_FORBIDDEN.some((rule) => i.target === rule.target && !i.typeOnly && (!rule.names || i.values.some((v) => rule.names!.test(v)))),
  );
}

interface Source {
  file: string;
  text: string;
}

const BODY_READ = /\bc\.req\.(?:text|json|arrayBuffer|formData|parseBody|blob)\(|\.raw\.body\b|\.getReader\(/;
/** `email.toLowerCase()`, `input.authorEmail?.trim().toLowerCase()`, `(order.customerEmail ?? '').toLowerCase()`… */
const EMAIL_LOWERCASE = /(?:email|address)\w*(?:\s*\?\?\s*''\))?\??\.(?:trim\(\)\.)?toLowerCase\(/i;

const RELATIONAL_QUERY = /\.query\.\w+\.find(?:First|Many)\(/;

/** Lines that break rule 2 (the relational API), 5 or 6, as `file:line`. */
function textViolations(sources: Source[]) {
  const where = (pattern: RegExp, home: string) =>
    sources.flatMap(({ file, text }) =>
      file === home ? [] : text.split('\n').flatMap((line, n) => (pattern.test(line) ? [`${file}:${n + 1}`] : [])),
    );
  return {
    bodyReads: where(BODY_READ, 'worker/http/body.ts'),
    emailLowerCasing: where(EMAIL_LOWERCASE, 'db/email.ts'),
    // drizzle's relational API needs no import of drizzle-orm, so rule 2 is read off the text for it.
    relationalQueries: where(RELATIONAL_QUERY, '').filter((at) => at.startsWith('worker/')),
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

  it('route handlers import no Markdown renderer, CSV parser, hash or id generator', () => {
    expect(show(routeViolations(imports))).toEqual([]);
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

describe('one home for an idea', () => {
  const sources = [...sourceFiles(join(root, 'db')), ...sourceFiles(join(root, 'worker'))].map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));

  it('finds the homes it checks (the reader works)', () => {
    const home = (file: string) => sources.find((s) => s.file === file)!.text;
    expect(home('worker/http/body.ts')).toMatch(BODY_READ);
    expect(home('db/email.ts')).toMatch(EMAIL_LOWERCASE);
  });

  it('only worker/http/body.ts reads a request body', () => {
    expect(textViolations(sources).bodyReads).toEqual([]);
  });

  it('no relational query (db.query.<table>.find…) outside db/', () => {
    expect(textViolations(sources).relationalQueries).toEqual([]);
  });

  it('only db/email.ts lower-cases an email address', () => {
    expect(textViolations(sources).emailLowerCasing).toEqual([]);
  });

  it('catches a deliberately added body read, relational query, email lower-casing or route-side rendering', () => {
    const found = textViolations([
      { file: 'worker/routes/planted.ts', text: "const csv = await c.req.text();\nconst raw = await c.req.raw.body!.getReader().read();" },
      { file: 'worker/routes/links/planted.ts', text: 'const product = await c.var.db.query.products.findFirst({ where: (p, { eq }) => eq(p.id, 1) });' },
      { file: 'db/queries/planted.ts', text: "const address = input.authorEmail.trim().toLowerCase();\nconst tag = locale.toLowerCase();\nconst given = (order.customerEmail ?? '').trim().toLowerCase();" },
    ]);
    expect(found.bodyReads).toEqual(['worker/routes/planted.ts:1', 'worker/routes/planted.ts:2']);
    expect(found.emailLowerCasing).toEqual(['db/queries/planted.ts:1', 'db/queries/planted.ts:3']);
    expect(found.relationalQueries).toEqual(['worker/routes/links/planted.ts:1']);
    const planted = [
      ...importsOf(join(root, 'worker/routes/planted.ts'), "import { renderMarkdown, MAX_MARKDOWN_LENGTH } from '../domain/markdown';\nimport { csvRecords } from '../lib/csv';\nimport { sha256Hex } from '../lib/crypto';"),
      ...importsOf(join(root, 'worker/routes/fine.ts'), "import { MAX_MARKDOWN_LENGTH } from '../domain/markdown';\nimport { VOTES_PER_ADDRESS } from '../domain/voters';"),
    ];
    expect(show(routeViolations(planted))).toEqual([
      'worker/routes/planted.ts → worker/domain/markdown (renderMarkdown, MAX_MARKDOWN_LENGTH)',
      'worker/routes/planted.ts → worker/lib/csv (csvRecords)',
      'worker/routes/planted.ts → worker/lib/crypto (sha256Hex)',
    ]);
  });
});
