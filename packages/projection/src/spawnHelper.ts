import type { HelperPort } from './AttractionHelper.js';
import { nodeWorkerUrl } from './nodeWorkerUrl.js';
import type { WorkerReply } from './ProjectionJob.js';

interface NodeWorkerLike {
  once(event: 'message', listener: (reply: WorkerReply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  postMessage(job: unknown): void;
  terminate(): Promise<number>;
}
type NodeWorkerClass = new (url: URL) => NodeWorkerLike;

/**
 * Starts a second worker for AttractionHelper, from inside the first, when memory can be shared
 * (SharedArrayBuffer and Atomics; in browsers only on cross-origin isolated pages). Resolves to
 * undefined where it cannot, and the t-SNE then runs on one thread.
 */
export async function spawnHelper(): Promise<HelperPort | undefined> {
  const scope = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Worker?: unknown };
  if (scope.SharedArrayBuffer === undefined || scope.crossOriginIsolated === false) return undefined;
  try {
    if (scope.Worker !== undefined) {
      const worker = new Worker(new URL('./tsneWorker.js', import.meta.url), { type: 'module' });
      // Browsers may drop messages sent before a module worker listens: wait for its word.
      await new Promise<void>((resolve, reject) => {
        worker.onmessage = () => resolve();
        worker.onerror = () => reject(new Error('helper worker failed to start'));
      });
      worker.onmessage = null;
      return { post: (job) => worker.postMessage(job), terminate: () => worker.terminate() };
    }
    const specifier = 'node:worker_threads';
    const { Worker: NodeWorker } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as {
      Worker: NodeWorkerClass;
    };
    const start = () => {
      const started = new NodeWorker(nodeWorkerUrl(import.meta.url));
      started.on('error', () => {});
      return started;
    };
    let worker = start();
    let prepared = false;
    return {
      post: (job) => {
        // A worker that ran a preparation keeps its buffers (0.7 GB dead at 972,288 states)
        // until it collects garbage, which it never does in the attraction loop (it allocates
        // nothing): the attraction gets a fresh worker, and the old one takes its buffers along.
        if (prepared && job.kind === 'attract') {
          void worker.terminate();
          worker = start();
        }
        prepared ||= job.kind === 'prepare';
        // Node queues messages until the worker listens, so there is no need to wait for it here.
        worker.postMessage(job);
      },
      terminate: () => void worker.terminate(),
    };
  } catch {
    return undefined;
  }
}
