// Writes custom-elements.json into every package of elements (views, dashboard): the custom elements
// manifest that editors, Storybook and documentation tools read (tag, attributes, properties,
// events, CSS parts), from the JSDoc of the element classes and their StatescopeElement base; and,
// after a build, the React and Vue typings generated from it (dist/react.d.ts, dist/vue.d.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { elementsOf, FRAMEWORK_TYPINGS } from './frameworkTypings.mjs';
import { workspacePackages } from './workspaces.mjs';

const cli = join(import.meta.dirname, '../node_modules/@custom-elements-manifest/analyzer/cem.js');

// Every package whose package.json names a manifest ("customElements") gets one; with package
// folders as arguments (scripts/build-package.mjs), only those.
const only = process.argv.slice(2).map((dir) => resolve(dir));
const withElements = workspacePackages().filter(
  ({ dir }) =>
    (only.length === 0 || only.includes(dir)) &&
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).customElements,
);
for (const { dir } of withElements) {
  const out = join(dir, '.cem'); // the analyzer takes --outdir relative to its working directory
  execFileSync(
    process.execPath,
    [
      cli,
      'analyze',
      '--globs',
      'src/**/*.ts',
      '../view-base/src/StatescopeElement.ts',
      '--outdir',
      '.cem',
      '--config',
      join(import.meta.dirname, 'cem.config.mjs'),
    ],
    {
      cwd: dir,
      stdio: 'ignore',
    },
  );
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  rmSync(out, { recursive: true });
  writeFileSync(join(dir, 'custom-elements.json'), JSON.stringify(shipped(manifest), null, 2) + '\n');
  // The React and Vue typings sit beside the built declarations they import (after a build).
  if (existsSync(join(dir, 'dist/index.d.ts'))) {
    const elements = elementsOf(shipped(manifest));
    for (const [name, typings] of Object.entries(FRAMEWORK_TYPINGS)) {
      writeFileSync(join(dir, `dist/${name}.d.ts`), typings(elements));
      writeFileSync(join(dir, `dist/${name}.js`), '// Types only: see the .d.ts beside this file.\nexport {};\n');
    }
  }
  const tags = shipped(manifest)
    .modules.flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .map((d) => `<${d.tagName}>`);
  console.log(`${dir.replace(/.*packages\//, 'packages/')}/custom-elements.json: ${tags.join(', ') || 'no elements'}`);
}

/**
 * The analyzer's manifest (modules are the TypeScript sources, the base class included) as the
 * package ships it: one module dist/index.js holding what the main entry exports, its public
 * members only, inherited items pointing at the @statescope/view-base package; and one module
 * dist/define.js whose custom-element-definition exports map each tag to its class (the entry
 * that registers it).
 */
function shipped(manifest) {
  const own = manifest.modules.filter((module) => !module.path.startsWith('../'));
  const index = own.find((module) => module.path === 'src/index.ts');
  const exported = new Set((index?.exports ?? []).map((e) => e.name));
  const fromBase = (ref) =>
    ref?.module?.startsWith('../view-base/') ? { name: ref.name, package: '@statescope/view-base' } : ref;
  const declarations = own
    .flatMap((module) => module.declarations ?? [])
    .filter((d) => exported.has(d.name))
    .map((d) => {
      const tidy = (items) => items?.map((item) => ({ ...item, inheritedFrom: fromBase(item.inheritedFrom) }));
      return {
        ...d,
        superclass: fromBase(d.superclass),
        attributes: tidy(d.attributes),
        // public API only; the base class's generic emit(type) is not an event
        members: tidy(d.members?.filter((m) => !m.static && !m.privacy && !m.name.startsWith('#'))),
        events: tidy(d.events?.filter((e) => e.name !== 'type')),
        cssProperties: tidy(d.cssProperties),
        cssParts: tidy(d.cssParts),
      };
    });
  const names = new Set(declarations.map((d) => d.name));
  const at = (name) => ({ name, module: 'dist/index.js' });
  return {
    schemaVersion: manifest.schemaVersion,
    modules: [
      {
        kind: 'javascript-module',
        path: 'dist/index.js',
        declarations,
        exports: [...exported]
          .filter((name) => names.has(name))
          .map((name) => ({ kind: 'js', name, declaration: at(name) })),
      },
      {
        kind: 'javascript-module',
        path: 'dist/define.js',
        declarations: [],
        exports: declarations
          .filter((d) => d.tagName)
          .map((d) => ({ kind: 'custom-element-definition', name: d.tagName, declaration: at(d.name) })),
      },
    ],
  };
}
