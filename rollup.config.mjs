// Builds every package to packages/<name>/dist: one ES module per entry in its package.json
// "exports" that points into dist/ (dist/X.js is built from src/X.ts, or src/X.js), with .d.ts
// files. Packages are built in dependency order, and each resolves its sibling packages through
// their built dist/ (tsconfig.build.json resets the `paths` that map @statescope/* to sources),
// so a package's declarations never include a sibling's sources. Source maps carry the sources
// (sourcesContent), so the packages ship dist/ without src/.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// Written by scripts/manifest.mjs from the manifests, not built here.
import { FRAMEWORK_TYPINGS } from './scripts/frameworkTypings.mjs';
import { sourceAliases, workspacePackages } from './scripts/workspaces.mjs';

function manifestOf(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

function inDependencyOrder(packages) {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const ordered = [];
  const visit = (pkg, seen = new Set()) => {
    if (ordered.includes(pkg) || seen.has(pkg.name)) return;
    seen.add(pkg.name);
    const { dependencies = {}, peerDependencies = {} } = manifestOf(pkg.dir);
    for (const dep of Object.keys({ ...dependencies, ...peerDependencies }))
      if (byName.has(dep)) visit(byName.get(dep), seen);
    ordered.push(pkg);
  };
  packages.forEach((pkg) => visit(pkg));
  return ordered;
}

/**
 * The rollup inputs of a package, from its exports: an export whose target (its `default`) is
 * ./dist/X.js is built from src/X.ts (or src/X.js, as the t-SNE worker is plain JavaScript).
 * @returns {Record<string, string>} entry name (X) to source file
 */
export function packageInputs(dir) {
  const inputs = {};
  for (const value of Object.values(manifestOf(dir).exports ?? {})) {
    const target = typeof value === 'string' ? value : value?.default;
    const name = /^\.\/dist\/(.+)\.js$/.exec(target ?? '')?.[1];
    if (!name || name === STANDALONE || name in FRAMEWORK_TYPINGS) continue;
    const source = ['ts', 'js'].map((ext) => join(dir, 'src', `${name}.${ext}`)).find((file) => existsSync(file));
    if (!source) throw new Error(`${dir}: no src/${name}.ts or src/${name}.js for the export ${target}`);
    inputs[name] = source;
  }
  return inputs;
}

/** Empties dist/ before a build, so that no chunk of an earlier build is packed with this one. */
function cleanDist(dir) {
  return {
    name: 'statescope-clean-dist',
    buildStart: () => rmSync(join(dir, 'dist'), { recursive: true, force: true }),
  };
}

/**
 * Declarations for the plain JavaScript entries (the t-SNE worker script, which exports nothing),
 * so that every export of a package is typed.
 */
function scriptDeclarations(input) {
  return {
    name: 'statescope-script-declarations',
    generateBundle() {
      for (const [name, file] of Object.entries(input)) {
        if (!file.endsWith('.js')) continue;
        this.emitFile({
          type: 'asset',
          fileName: `${name}.d.ts`,
          source: `// ${name}.js is a worker script (new Worker(new URL(...), { type: 'module' })): it exports nothing.\nexport {};\n`,
        });
      }
    },
  };
}

/** An import that is neither relative, nor node:, nor declared in package.json fails the build. */
function onwarn(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(`${warning.message} (declare it in package.json)`);
  warn(warning);
}

/** The single-file bundle of an element package (see standaloneBundle). */
const STANDALONE = 'standalone';

/** @statescope/* imports resolved to their TypeScript sources, for bundles that carry them inside. */
function fromSources() {
  const aliases = sourceAliases();
  return {
    name: 'statescope-sources',
    resolveId(id) {
      const alias = aliases.find(({ find }) => find.test(id));
      return alias ? id.replace(alias.find, alias.replacement) : null;
    },
  };
}

/**
 * dist/standalone.js of an element package: its `define` entry with everything it imports
 * inside (core, bus, view-base, d3), minified, for a page without a build step or a notebook
 * cell. Several bundles in one page link: their copies of view-base share named buses and loads
 * (see sharedRegistry).
 */
function standaloneBundle(dir) {
  return {
    input: { [STANDALONE]: join(dir, 'src/define.ts') },
    output: { dir: join(dir, 'dist'), format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    onwarn,
    plugins: [
      fromSources(),
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: 'tsconfig.build.json',
        include: [join(dir, '../*/src/**/*.ts')], // absolute: the filter resolves relative paths from rootDir
        // Only transpiled: the library builds type-check these sources, and here each would also
        // meet its own built declarations (the global tag map declared twice).
        compilerOptions: { declaration: false, noCheck: true, rootDir: 'packages', outDir: join(dir, 'dist') },
      }),
      terser({ format: { comments: false } }),
    ],
  };
}

/**
 * A command package (one with a `bin`, i.e. @statescope/cli) is bundled whole, its @statescope/*
 * imports from their sources, so that `npm i -g` of its one tarball works without the others on a
 * registry. The t-SNE worker is an entry of its own, beside the code that starts it.
 */
function commandBundle(dir) {
  return {
    input: { index: join(dir, 'src/index.ts'), tsneWorker: join(dir, '../projection/src/tsneWorker.js') },
    external: (id) => id.startsWith('node:'),
    output: { dir: join(dir, 'dist'), format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    onwarn,
    plugins: [
      cleanDist(dir),
      fromSources(),
      typescript({
        tsconfig: 'tsconfig.build.json',
        include: ['packages/{cli,core,projection}/src/**/*.ts'],
        compilerOptions: { declaration: false, outDir: join(dir, 'dist') },
      }),
    ],
  };
}

export default inDependencyOrder(workspacePackages()).flatMap(({ dir }) => {
  const manifest = manifestOf(dir);
  if (manifest.bin) return commandBundle(dir);
  const input = packageInputs(dir);
  const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  const library = {
    input,
    external: (id) => id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    output: { dir: join(dir, 'dist'), format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    onwarn,
    plugins: [
      cleanDist(dir),
      scriptDeclarations(input),
      typescript({
        tsconfig: 'tsconfig.build.json',
        include: [`${dir}/src/**/*.ts`],
        compilerOptions: { rootDir: join(dir, 'src'), outDir: join(dir, 'dist'), declarationDir: join(dir, 'dist') },
      }),
    ],
  };
  // After the library build, which empties dist/ first.
  return manifest.exports[`./${STANDALONE}`] ? [library, standaloneBundle(dir)] : [library];
});
