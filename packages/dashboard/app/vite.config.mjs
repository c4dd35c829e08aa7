// Builds the dashboard app to static files that work from any folder (relative URLs), for
// `statescope open` to serve: `npx vite build packages/dashboard/app` writes packages/dashboard/app-dist/.
// The app needs a datasets.json beside its index.html to list datasets (the server writes it);
// without one it opens files, drops and ?src= URLs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceAliases } from '../../../scripts/workspaces.mjs';

const appDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The Vite config of the app build, writing to `outDir` (default packages/dashboard/app-dist).
 * @param {string} [outDir]
 * @returns {import('vite').UserConfig}
 */
export function appBuildConfig(outDir = fileURLToPath(new URL('../app-dist', import.meta.url))) {
  return {
    root: appDir,
    configFile: false,
    base: './',
    // @statescope/* from the TypeScript sources, as `npm start` and the tests use them.
    resolve: { alias: sourceAliases() },
    // The t-SNE worker is an ES module (it imports, and awaits at top level).
    worker: { format: 'es' },
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  };
}

export default defineConfig(appBuildConfig());
