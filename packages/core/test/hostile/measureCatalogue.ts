// Runs every case of the hostile catalogue in this one process and prints, as JSON, the peak
// resident memory the loads added over the process after the files were built (VmHWM on Linux),
// and any case that did not end in a StatescopeError. Used by hostileInputs.test.ts.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset, StatescopeError } from '@statescope/core';
import { catalogue, caseFolder } from './catalogue.js';

const peak = async () => Number(/VmHWM:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8'))![1]) / 1024;
const current = async () => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8'))![1]) / 1024;

const root = await mkdtemp(join(tmpdir(), 'statescope-hostile-memory-'));
const prepared = [];
for (const [i, hostile] of catalogue.entries()) prepared.push(await hostile.setup(await caseFolder(root, i)));
globalThis.gc?.();
const before = Math.max(await current(), 0);
const peakBefore = await peak();
const errors: string[] = [];
for (const [i, { input, options }] of prepared.entries()) {
  try {
    await loadDataset(input, options);
    errors.push(`${catalogue[i].name}: loaded`);
  } catch (error) {
    if (!(error instanceof StatescopeError)) errors.push(`${catalogue[i].name}: ${String(error)}`);
  }
}
const peakAfter = await peak();
process.stdout.write(
  JSON.stringify({ peakAddedMb: peakAfter > peakBefore ? peakAfter - before : 0, cases: prepared.length, errors }),
);
