// The packages of this monorepo, read from packages/*/package.json. Vite, Vitest, Storybook and
// Rollup use it so that every tool resolves @statescope/* to the TypeScript sources, not to dist/.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ name: string, dir: string, entry: string }[]} */
export function workspacePackages() {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src/index.ts')))
    .map((dir) => {
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name, dir, entry: join(dir, 'src/index.ts') };
    });
}

/**
 * Vite `resolve.alias` entries: `@statescope/x` to its src/index.ts and `@statescope/x/sub` to
 * src/sub.ts (subpath entries such as `/define`).
 */
export function sourceAliases() {
  return workspacePackages().flatMap(({ name, dir, entry }) => {
    const escaped = name.replace('/', '\\/');
    return [
      { find: new RegExp(`^${escaped}$`), replacement: entry },
      { find: new RegExp(`^${escaped}\\/(.+)$`), replacement: join(dir, 'src/$1.ts') },
    ];
  });
}
