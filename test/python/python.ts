// Shared by the tests that run Debian's Python (python/statescope_export.py and its PyTorch
// helpers). Like the browser tests (scripts/test.mjs): skipped with a printed reason where
// /usr/bin/python3 lacks torch, numpy or pytest, but required in CI (CI set and not 'false').
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** Debian's Python, where apt installs torch; the `python3` first on PATH may be another one. */
export const PYTHON = '/usr/bin/python3';
export const APT_COMMAND = 'apt-get install -y python3-numpy python3-torch python3-pytest';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/** No __pycache__ in the repository; one thread each, as the Node tests run beside. */
const pythonEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: '1' };

/** Why the Python tests cannot run here, or undefined when they can. */
function missingPython(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy, pytest'], {
    encoding: 'utf8',
    env: pythonEnv,
    timeout: 60_000,
  });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').pop() ?? '';
    return `${PYTHON} cannot import torch, numpy and pytest (${last})`;
  }
  return undefined;
}

const missing = missingPython();

/**
 * A describe block that needs Debian's Python with torch, numpy and pytest: skipped with a
 * warning where they are missing, failing in CI.
 */
export function describeWithPython(name: string, body: () => void): void {
  if (missing !== undefined && !inCi) {
    console.warn(`\nPYTHON TESTS SKIPPED (${name}): ${missing}.\nTo run them: sudo ${APT_COMMAND}\n`);
  }
  describe.skipIf(missing !== undefined && !inCi)(name, () => {
    if (missing !== undefined) {
      it('finds Debian Python with torch, numpy and pytest (required in CI)', () => {
        throw new Error(`CI: ${missing}; the Python tests are required in CI. Install them with: ${APT_COMMAND}`);
      });
      return;
    }
    body();
  });
}

/** Runs Debian's Python from the repository root; resolves with its exit code and output. */
export function runPython(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd: ROOT, env: pythonEnv, timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
