// `prepack` of every library package (run in its folder by `npm pack` and `npm publish`): builds
// that package's dist/ with rollup.config.mjs, and its custom-elements.json when it has elements,
// so that a tarball never ships an unbuilt or stale package. The @statescope/* packages it
// imports are built first when their dist/ is missing or older than their sources, because its
// declarations are checked against theirs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { rollup } from 'rollup';
import { root, workspacePackages } from './workspaces.mjs';

const target = resolve(process.argv[2] ?? process.cwd());
const packages = workspacePackages();
const manifestOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** The folders of the package in `dir` and of every workspace package it needs, transitively. */
function closure(dir, found = new Set()) {
  if (found.has(dir)) return found;
  found.add(dir);
  const { dependencies = {}, peerDependencies = {} } = manifestOf(dir);
  for (const name of Object.keys({ ...dependencies, ...peerDependencies })) {
    const dep = packages.find((p) => p.name === name);
    if (dep) closure(dep.dir, found);
  }
  return found;
}

const newest = (path) =>
  statSync(path).isDirectory()
    ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
    : statSync(path).mtimeMs;

/** Whether dist/ is missing or older than the sources, package.json or the build's tsconfigs. */
function stale(dir, entries) {
  const built = entries.map((name) => join(dir, 'dist', `${name}.js`));
  if (!built.every((file) => existsSync(file))) return true;
  const inputs = [
    join(dir, 'src'),
    join(dir, 'package.json'),
    join(root, 'tsconfig.base.json'),
    join(root, 'tsconfig.build.json'),
  ];
  return Math.min(...built.map((file) => statSync(file).mtimeMs)) < Math.max(...inputs.map(newest));
}

if (!packages.some((p) => p.dir === target)) throw new Error(`${target} is not a package of this repository`);
process.chdir(root); // the rollup config names files relative to the repository
const { default: configs, packageInputs } = await import('../rollup.config.mjs');
const needed = closure(target);
for (const config of configs) {
  const dir = resolve(config.output.dir, '..');
  if (!needed.has(dir) || (dir !== target && !stale(dir, Object.keys(packageInputs(dir))))) continue;
  const started = Date.now();
  const bundle = await rollup(config);
  await bundle.write(config.output);
  await bundle.close();
  console.log(`${manifestOf(dir).name}: dist/ built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (manifestOf(target).customElements) {
  const run = spawnSync(process.execPath, [join(root, 'scripts/manifest.mjs'), target], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
