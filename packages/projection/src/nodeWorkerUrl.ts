/**
 * The script of a worker_threads Worker running the t-SNE worker, beside the module at
 * `moduleUrl` (pass `import.meta.url`): tsneWorker.js from the built package (dist/*.js), and
 * from the TypeScript sources (tests, tsx scripts) tsneWorkerTsx.js, which registers tsx in the
 * worker thread first (a parent's `--import tsx` does not reach worker threads on Node 20).
 * The URL is computed here, not written as `new URL('./tsneWorker.js', import.meta.url)` at the
 * call site, so that bundlers building for browsers do not copy the worker as a raw asset.
 */
export function nodeWorkerUrl(moduleUrl: string): URL {
  const fromSources = new URL(moduleUrl).pathname.endsWith('.ts');
  return new URL(fromSources ? './tsneWorkerTsx.js' : './tsneWorker.js', moduleUrl);
}
