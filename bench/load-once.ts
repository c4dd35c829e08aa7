// Loads one dataset in a fresh process and prints {ms, peakBytes} as JSON: wall time of
// loadDataset, and the peak resident memory it added over the process's baseline.
import { loadDataset } from '@statescope/core';

const path = process.argv[2];
globalThis.gc?.();
const before = process.memoryUsage().rss;
const start = performance.now();
const dataset = await loadDataset(path);
const ms = performance.now() - start;
const peakBytes = process.resourceUsage().maxRSS * 1024 - before;
if (dataset.stepCount === 0) throw new Error('empty dataset');
process.stdout.write(JSON.stringify({ ms, peakBytes, steps: dataset.stepCount, dim: dataset.layer().dim }));
