#!/usr/bin/env node
// The `statescope` command. Installed from the package, it runs the built dist/. In a checkout of
// the Statescope repository (src/ is there; the package does not ship it) it runs the TypeScript
// sources through tsx, so it is never a stale build: tsx maps @statescope/* to the sources of the
// other packages by the `paths` of the repository's tsconfig.json, named here so that the command
// works from any working folder (worker threads inherit the variable).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/run.ts', import.meta.url));
if (!existsSync(source)) {
  const { main } = await import(new URL('../dist/index.js', import.meta.url).href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  // tsx is resolved from here, so the command works from any working folder.
  const tsx = import.meta.resolve('tsx');
  const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
  const child = spawn(process.execPath, ['--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  });
  // Ctrl-C reaches the child through the terminal's process group; wait for it to finish.
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
