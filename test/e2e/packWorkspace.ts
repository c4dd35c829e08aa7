// `npm pack` of every workspace package (each prepack builds its package), done once for all the
// end-to-end files that install the tarballs: the result is kept in the system's temporary folder
// under a hash of everything that goes into a build, so a second file (or run) on the same sources
// reuses it. The e2e files run one at a time (vitest.config.ts), so two packs never overlap: both
// would rebuild packages/*/dist in place.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { workspacePackages } from '../../scripts/workspaces.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_OUTPUTS = ['dist', 'node_modules', 'app-dist', 'custom-elements.json'];
const BUILD_INPUTS = [
  'scripts',
  'rollup.config.mjs',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json', // the build tools' versions
  'LICENSE',
];

async function hashTree(hash: ReturnType<typeof createHash>, path: string): Promise<void> {
  if ((await stat(path)).isDirectory()) {
    for (const name of (await readdir(path)).sort()) {
      if (BUILD_OUTPUTS.includes(name) || name.startsWith('.')) continue;
      if (name === 'app' && path.endsWith('/cli')) continue; // the CLI's copy of the built dashboard app
      await hashTree(hash, join(path, name));
    }
    return;
  }
  hash.update(path).update(await readFile(path));
}

/** Tarball path by package name, e.g. `@statescope/core` -> /tmp/…/statescope-core-0.1.0.tgz. */
export async function packWorkspace(): Promise<Map<string, string>> {
  const packages = workspacePackages();
  const hash = createHash('sha256');
  for (const input of [...BUILD_INPUTS, ...packages.map(({ dir }) => dir)]) {
    await hashTree(hash, input.startsWith('/') ? input : join(root, input));
  }
  const out = join(tmpdir(), `statescope-tarballs-${hash.digest('hex').slice(0, 16)}`);
  const tarballs = new Map<string, string>();
  for (const { name, dir } of packages) {
    const { version } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string };
    tarballs.set(name, join(out, `${name.slice(1).replace('/', '-')}-${version}.tgz`));
  }
  if ([...tarballs.values()].every((tarball) => existsSync(tarball))) return tarballs;
  // Packed into a fresh folder, renamed when complete: an interrupted run leaves no half set.
  const partial = await mkdtemp(`${out}.partial-`);
  try {
    await run('npm', ['pack', '--workspaces', '--pack-destination', partial], { cwd: root, maxBuffer: 1 << 26 });
    await rm(out, { recursive: true, force: true }); // an incomplete set (files removed by a cleaner)
    await rename(partial, out);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return tarballs;
}
