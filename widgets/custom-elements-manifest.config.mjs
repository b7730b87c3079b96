/**
 * How @custom-elements-manifest/analyzer reads the widgets into
 * widgets/custom-elements.json (`npm run build:manifest`; a test checks the
 * file is current). Paths are from the project root, where the script runs.
 * Two plugins teach it Verity's conventions: registration by
 * `VerityReviews.define('verity-reviews')`, and Lit's `state: true`
 * properties, which are the element's inner state, not attributes.
 */
import { readFileSync } from 'node:fs';

/** `Class.define('tag')` at a module's top level registers Class as <tag>, like a customElements.define call. */
function defineCalls() {
  return {
    name: 'verity-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isExpressionStatement(node) || !ts.isSourceFile(node.parent)) return;
      const call = node.expression;
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return;
      const { expression: target, name } = call.expression;
      const [tag] = call.arguments;
      if (name.text !== 'define' || !ts.isIdentifier(target) || !tag || !ts.isStringLiteral(tag)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: target.text, module: moduleDoc.path } },
      ];
    },
    // The define methods call customElements.define(tag, this) with a tag that is a parameter: no definition of their own.
    moduleLinkPhase({ moduleDoc }) {
      const declared = new Set((moduleDoc.declarations ?? []).map((d) => d.name));
      moduleDoc.exports = moduleDoc.exports?.filter((e) => e.kind !== 'custom-element-definition' || declared.has(e.declaration.name));
    },
  };
}

/** Drops `{ state: true }` entries of `static properties` from a class's attributes and public members. */
function litState() {
  return {
    name: 'verity-lit-state',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties');
      const object = properties?.initializer;
      if (!object || !ts.isObjectLiteralExpression(object)) return;
      const state = object.properties
        .filter((p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer))
        .filter((p) => p.initializer.properties.some((o) => o.name?.getText() === 'state' && o.initializer?.kind === ts.SyntaxKind.TrueKeyword))
        .map((p) => p.name.getText());
      const klass = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      if (!klass || state.length === 0) return;
      klass.members = (klass.members ?? []).filter((m) => !state.includes(m.name));
      klass.attributes = (klass.attributes ?? []).filter((a) => !state.includes(a.fieldName ?? a.name));
    },
  };
}

export default {
  // The elements and the base they inherit from; the rest of widgets/src is not part of any element's API.
  globs: ['widgets/src/base/verity-element.ts', 'widgets/src/components/*/verity-*.ts'],
  exclude: ['**/*.styles.ts'],
  // In path order: the glob walks folders in the order the file system lists them, which differs between machines.
  overrideModuleCreation: ({ ts, globs }) =>
    [...globs].sort().map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2015, true)),
  outdir: 'widgets',
  // package.json names widgets/custom-elements.json itself; left on, every run (the test's, into a temporary folder) rewrites it.
  packagejson: false,
  litelement: true,
  plugins: [defineCalls(), litState()],
};
