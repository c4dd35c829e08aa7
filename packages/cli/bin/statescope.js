#!/usr/bin/env node
// The `statescope` command. Installed from the package, it runs the built dist/. In a checkout of
// the Statescope repository (src/ is there; the package does not ship it) it runs the TypeScript
// sources through tsx, so it is never a stale build.
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
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  // Ctrl-C reaches the child through the terminal's process group; wait for it to finish.
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
