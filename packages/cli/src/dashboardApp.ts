import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StatescopeError } from '@statescope/core';
import type { Terminal } from './Terminal.js';

/**
 * The folder of the prebuilt dashboard app, shipped in the package's app/. Inside the Statescope
 * repository before `npm run build` it is built once here, so `npx statescope open` just works.
 */
export function dashboardApp(terminal: Terminal): string {
  const app = fileURLToPath(new URL('../app/', import.meta.url));
  if (existsSync(`${app}index.html`)) return app;
  const builder = fileURLToPath(new URL('../../../scripts/build-app.mjs', import.meta.url));
  if (existsSync(builder)) {
    terminal.stderr.write('building the dashboard app once (npm run build:app)...\n');
    const run = spawnSync(process.execPath, [builder], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status === 0 && existsSync(`${app}index.html`)) return app;
  }
  throw new StatescopeError(`the dashboard app is missing from ${app}; reinstall @statescope/cli`, { field: 'app' });
}
