// Loads one dataset in a fresh process and prints {ms, peakBytes} as JSON: wall time of
// loadDataset, and the peak resident memory it added over the process's baseline.
import { readFileSync } from 'node:fs';
import { loadDataset } from '@statescope/core';

/**
 * Peak resident bytes of this process. On Linux from /proc (VmHWM): getrusage's maxRSS survives
 * exec, so a child spawned by a large parent would report the parent's peak.
 */
function peakResident(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

const path = process.argv[2];
globalThis.gc?.();
const before = process.memoryUsage().rss;
const start = performance.now();
const dataset = await loadDataset(path);
const ms = performance.now() - start;
const peakBytes = peakResident() - before;
if (dataset.stepCount === 0) throw new Error('empty dataset');
process.stdout.write(JSON.stringify({ ms, peakBytes, steps: dataset.stepCount, dim: dataset.layer().dim }));
