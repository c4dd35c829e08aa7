// The t-SNE worker as Node's worker_threads start it from the TypeScript sources (tests, tsx
// scripts): a parent's `--import tsx` does not reach worker threads on Node 20, so this thread
// registers tsx itself before tsneWorker.js imports the .ts modules. Not built, not packed: the
// built package starts dist/tsneWorker.js, which needs nothing.
import { register } from 'tsx/esm/api';

register();
await import('./tsneWorker.js');
