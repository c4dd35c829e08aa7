// Settings of the custom elements manifest analyzer for scripts/manifest.mjs: leave package.json
// alone (each view's package.json already names its manifest), and read the attributes a view
// declares with withAttributes(Base, { ... }) from @statescope/view-base.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export default { packagejson: false, plugins: [declaredAttributes()] };

/**
 * Views declare their attributes once, as `class X extends withAttributes(Base, { name: spec })`
 * with a comment on each entry. The analyzer does not run that call, so this plugin reads the
 * declaration: each entry becomes an attribute (kebab-case) and a reflecting field with the type
 * the spec stands for, and Base becomes the superclass (its attributes are inherited as usual).
 */
function declaredAttributes() {
  const found = new Map(); // module path -> [{ className, base, entries }]
  return {
    name: 'statescope-declared-attributes',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const call = node.heritageClauses?.[0]?.types[0]?.expression;
      if (!call || !ts.isCallExpression(call) || call.expression.getText() !== 'withAttributes') return;
      const [base, specs] = call.arguments;
      if (!specs || !ts.isObjectLiteralExpression(specs)) return;
      const entries = specs.properties.filter(ts.isPropertyAssignment).map((property) => ({
        name: property.name.getText(),
        description: (property.jsDoc ?? [])
          .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
          .join('\n')
          .trim(),
        ...specType(ts, property.initializer),
      }));
      const list = found.get(moduleDoc.path) ?? [];
      list.push({ className: node.name.getText(), base: base.getText(), entries });
      found.set(moduleDoc.path, list);
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const { className, base, entries } of found.get(moduleDoc.path) ?? []) {
        const doc = moduleDoc.declarations?.find((d) => d.name === className);
        if (!doc) continue;
        doc.superclass = { name: base, ...baseModule(moduleDoc, base) };
        delete doc.mixins;
        const attribute = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        doc.attributes = [
          ...(doc.attributes ?? []).filter((a) => !entries.some((e) => attribute(e.name) === a.name)),
          ...entries.map((e) => ({
            name: attribute(e.name),
            fieldName: e.name,
            type: { text: e.type },
            description: e.description,
            ...(e.fallback !== undefined && { default: e.fallback }),
          })),
        ];
        doc.members = [
          ...(doc.members ?? []).filter((m) => !entries.some((e) => e.name === m.name)),
          ...entries.map((e) => ({
            kind: 'field',
            name: e.name,
            type: { text: e.type },
            description: e.description,
            attribute: attribute(e.name),
            reflects: true,
            ...(e.fallback !== undefined && { default: e.fallback }),
          })),
        ];
      }
    },
  };
}

/** The property type and default a spec call stands for (see attributeSpecs.ts). */
function specType(ts, initializer) {
  const kind = ts.isCallExpression(initializer) ? initializer.expression.getText() : '';
  if (kind === 'booleanAttribute') return { type: 'boolean', fallback: 'false' };
  if (kind === 'numberAttribute') return { type: 'number | null', fallback: 'null' };
  if (kind === 'stringAttribute') return { type: 'string | null', fallback: 'null' };
  if (kind === 'oneOfAttribute') {
    const [values, fallback] = initializer.arguments;
    const words = (
      ts.isArrayLiteralExpression(values) ? values.elements.map((v) => v.text) : constantWords(values)
    ).map((word) => `'${word}'`);
    const isNull = fallback.kind === ts.SyntaxKind.NullKeyword;
    return {
      type: [...words, ...(isNull ? ['null'] : [])].join(' | '),
      fallback: isNull ? 'null' : `'${fallback.text}'`,
    };
  }
  return { type: 'unknown' };
}

/**
 * The words of a shared constant list (`COLOR_MODES`): declared in this file or exported from one
 * of the packages' sources (any depth) as `export const NAME = ... ['a', 'b'] ...`.
 */
function constantWords(identifier) {
  const name = identifier.getText();
  const pattern = new RegExp(`const ${name}\\b[^=]*=[^[]*\\[([^\\]]*)\\]`);
  const sources = [identifier.getSourceFile().text];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) sources.push(readFileSync(path, 'utf8'));
    }
  };
  const packages = join(import.meta.dirname, '../packages');
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    if (existsSync(src)) visit(src);
  }
  for (const text of sources) {
    const match = pattern.exec(text);
    if (match) return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
  }
  throw new Error(`cem.config.mjs: cannot find the words of ${name}`);
}

/** Where the base class is declared, from the module's imports as the analyzer recorded them. */
function baseModule(moduleDoc, base) {
  const local = moduleDoc.declarations?.some((d) => d.name === base);
  if (local) return { module: moduleDoc.path };
  return base === 'StatescopeElement' ? { module: '../view-base/src/StatescopeElement.ts' } : {};
}
