import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cliSource = fileURLToPath(new URL('../../packages/cli/src/run.ts', import.meta.url));

/** Builds the dashboard app that `statescope open` serves (packages/cli/app), from the current sources. */
export function buildApp(): void {
  const run = spawnSync(process.execPath, ['scripts/build-app.mjs'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build:app failed:\n${run.stderr}`);
}

/** The statescope command from its TypeScript sources, as a user's shell runs it. */
export function statescope(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', cliSource, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Output and exit code of a command that ends by itself. */
export function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The URL `statescope open` prints once it serves. */
export function servedUrl(child: ChildProcess): Promise<string> {
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const url = /Statescope dashboard: (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`statescope open exited (${code}) before serving:\n${stderr}`)));
  });
}
