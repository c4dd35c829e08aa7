/**
 * Options for a worker_threads Worker running tsneWorker.js. From the TypeScript sources (tests,
 * tsx scripts) the worker must register tsx itself (a parent's `--import tsx` does not reach
 * worker threads on Node 20); from the built package (dist/*.js) nothing is needed.
 */
export function nodeWorkerOptions(moduleUrl: string): { workerData?: { registerTsx: boolean } } {
  return new URL(moduleUrl).pathname.endsWith('.ts') ? { workerData: { registerTsx: true } } : {};
}
