// `npm test`: every test project. The browser tests need Debian's Chromium; on a machine without
// it they are skipped with a plain notice, except in CI (CI=true), where a missing browser fails.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromiumPath as chromium } from './chromium.mjs';

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const hasBrowser = existsSync(chromium);
const extra = process.argv.slice(2);

if (!hasBrowser && inCi) {
  console.error(`\nCI: Chromium not found at ${chromium}; the browser tests are required in CI.`);
  console.error('Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).\n');
  process.exit(1);
}
const projects = hasBrowser ? [] : ['--project', 'node'];
const run = spawnSync('npx', ['vitest', 'run', ...projects, ...extra], { stdio: 'inherit' });
if (!hasBrowser) {
  console.warn('\n' + '='.repeat(78));
  console.warn(`BROWSER TESTS SKIPPED: no Chromium at ${chromium}.`);
  console.warn('Only the Node tests ran. To run the real-browser tests too:');
  console.warn('  sudo apt-get install -y chromium      (or set CHROMIUM_PATH to a Chromium binary)');
  console.warn('='.repeat(78) + '\n');
}
process.exit(run.status ?? 1);
