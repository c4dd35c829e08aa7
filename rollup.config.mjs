// Builds every package to packages/<name>/dist: one ES module per entry in its package.json
// "exports" (source condition), with .d.ts files. Packages are built in dependency order, and
// each resolves its sibling packages through their built dist/ (tsconfig.build.json has no
// "source" condition), so a package's declarations never include a sibling's sources.
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const { dependencies = {} } = manifestOf(pkg.dir);
    for (const dep of Object.keys(dependencies)) if (byName.has(dep)) visit(byName.get(dep), seen);
    ordered.push(pkg);
  };
  packages.forEach((pkg) => visit(pkg));
  return ordered;
}

/**
 * A command package (one with a `bin`, i.e. @statescope/cli) is bundled whole, its @statescope/*
 * imports from their sources, so that `npm i -g` of its one tarball works without the others on a
 * registry. The t-SNE worker is an entry of its own, beside the code that starts it.
 */
function commandBundle(dir) {
  const aliases = sourceAliases();
  return {
    input: { index: join(dir, 'src/index.ts'), tsneWorker: join(dir, '../projection/src/tsneWorker.js') },
    external: (id) => id.startsWith('node:') || id === 'tsx/esm/api',
    output: { dir: join(dir, 'dist'), format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [
      {
        name: 'statescope-sources',
        resolveId(id) {
          const alias = aliases.find(({ find }) => find.test(id));
          return alias ? id.replace(alias.find, alias.replacement) : null;
        },
      },
      typescript({
        tsconfig: 'tsconfig.build.json',
        include: ['packages/{cli,core,projection}/src/**/*.ts'],
        compilerOptions: { declaration: false, outDir: join(dir, 'dist') },
      }),
    ],
  };
}

export default inDependencyOrder(workspacePackages()).map(({ dir }) => {
  const manifest = manifestOf(dir);
  if (manifest.bin) return commandBundle(dir);
  const input = Object.fromEntries(
    Object.entries(manifest.exports ?? {})
      .filter(([, value]) => typeof value === 'object' && value.source)
      .map(([key, value]) => [key === '.' ? 'index' : key.replace(/^\.\//, ''), join(dir, value.source)]),
  );
  const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return {
    input,
    external: (id) => id.startsWith('node:') || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    output: { dir: join(dir, 'dist'), format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [
      typescript({
        tsconfig: 'tsconfig.build.json',
        include: [`${dir}/src/**/*.ts`],
        compilerOptions: { rootDir: join(dir, 'src'), outDir: join(dir, 'dist'), declarationDir: join(dir, 'dist') },
      }),
    ],
  };
});
