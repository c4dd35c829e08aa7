// Worker entry of ModelRunner, started with
// `new Worker(new URL('./modelWorker.js', import.meta.url), { type: 'module' })`, the pattern that
// Vite, webpack 5 and rollup plugins bundle as a worker. Plain JavaScript with no top-level await
// and a dynamic import, for the reasons given in @statescope/projection's tsneWorker.js (Vite's
// iife worker format, webpack 5's classic worker scripts). The module it imports listens only
// inside a Web Worker, so Node importing every entry of the package runs nothing here.
import('./startModelWorker.ts')
  .then(({ startModelWorker }) => startModelWorker())
  .catch((error) => {
    // Thrown outside the promise, so that the starting thread gets the worker's error event and
    // falls back to running inline.
    setTimeout(() => {
      throw error;
    });
  });
