// Worker entry of @statescope/projection, started with
// `new Worker(new URL('./tsneWorker.js', import.meta.url), { type: 'module' })`, the pattern
// that Vite, webpack 5 and rollup plugins bundle as a worker. No top-level await and no Node-only
// import here: Vite's default worker format (iife) refuses top-level await, and webpack 5 builds
// this file as a classic script. Plain JavaScript, so that Vite (dev and build) and Node's
// worker_threads start it by its .js name; from the TypeScript sources, Node starts
// tsneWorkerTsx.js instead, which registers tsx first.
// A dynamic import, not a static one: with a static import, Vite's worker bundle started the
// helper worker (this same file) but the t-SNE never progressed in cross-origin isolated pages
// (test/e2e/statescopeOpen.e2e.test.ts, "second worker"); the cause was not pinned down.
import('./startWorker.ts')
  .then(({ startWorker }) => startWorker())
  .catch((error) => {
    // Thrown outside the promise, so that the starting thread gets the worker's error event.
    setTimeout(() => {
      throw error;
    });
  });
