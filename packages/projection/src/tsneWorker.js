// Worker entry of @statescope/projection. Plain JavaScript on purpose: bundlers and rollup treat
// `new Worker(new URL('./tsneWorker.js', import.meta.url))` as the standard worker pattern, and
// Node's worker_threads can start it from the sources too. There, the rest is TypeScript, and a
// parent's `--import tsx` does not reach worker threads on Node 20, so the caller asks (through
// workerData) for tsx to be registered here before the .ts modules are imported.
if (globalThis.WorkerGlobalScope === undefined) {
  const threads = 'node:worker_threads';
  const { workerData } = await import(/* @vite-ignore */ threads);
  if (workerData && workerData.registerTsx) {
    const tsxApi = 'tsx/esm/api';
    const { register } = await import(/* @vite-ignore */ tsxApi);
    register();
  }
}
const { startWorker } = await import('./startWorker.ts');
await startWorker();
