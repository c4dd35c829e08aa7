import { abortError } from './abortError.js';
import { nodeWorkerUrl } from './nodeWorkerUrl.js';
import type { ProjectionJob, WorkerReply } from './ProjectionJob.js';
import type { RunControl } from './RunControl.js';
import { shareRows } from './shareRows.js';

interface NodeWorkerLike {
  on(event: 'message', listener: (reply: WorkerReply) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  postMessage(job: ProjectionJob): void;
  terminate(): Promise<number>;
}
type NodeWorkerClass = new (url: URL) => NodeWorkerLike;

/**
 * Runs a job in a fresh worker: a module Web Worker where the platform has one (browsers), else
 * worker_threads (Node). Progress arrives through `control.onProgress`; aborting terminates the
 * worker and rejects; a failure inside the worker rejects with its message.
 */
export function runInWorker(job: ProjectionJob, control: RunControl): Promise<Float32Array> {
  const { signal, onProgress } = control;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  job = shareInput(job);
  return new Promise<Float32Array>((resolve, reject) => {
    let stop: () => void = () => {};
    let settled = false;
    const finish = (error: Error | undefined, result?: Float32Array) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stop();
      if (error) reject(error);
      else resolve(result!);
    };
    const onAbort = () => finish(abortError(signal!));
    const onReply = (reply: WorkerReply) => {
      if (settled) return;
      if (reply.type === 'ready') post();
      else if (reply.type === 'progress') {
        try {
          onProgress?.(reply.progress);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      } else if (reply.type === 'done') finish(undefined, reply.result);
      else finish(Object.assign(new Error(reply.message), { name: reply.name }));
    };
    // The job goes out once the worker says it listens (its modules load asynchronously).
    let post: () => void = () => {};
    signal?.addEventListener('abort', onAbort);

    const WebWorker = (globalThis as { Worker?: typeof Worker }).Worker;
    if (WebWorker !== undefined) {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./tsneWorker.js', import.meta.url), { type: 'module' });
      } catch (error) {
        // A page's content security policy may refuse workers: reject, leaving no listener behind.
        return finish(error instanceof Error ? error : new Error(String(error)));
      }
      stop = () => worker.terminate();
      worker.onmessage = (event: MessageEvent<WorkerReply>) => onReply(event.data);
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        finish(new Error(`projection worker failed: ${event.message}`));
      };
      post = () => worker.postMessage(job);
      return;
    }
    startNodeWorker().then(
      (NodeWorker) => {
        if (settled) return;
        const worker = new NodeWorker(nodeWorkerUrl(import.meta.url));
        stop = () => void worker.terminate();
        worker.on('message', onReply);
        worker.on('error', (error) => finish(error));
        worker.on('exit', (code) => finish(new Error(`projection worker exited (code ${code}) before finishing`)));
        post = () => worker.postMessage(job);
      },
      (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

async function startNodeWorker(): Promise<NodeWorkerClass> {
  // A computed specifier keeps browser bundlers from trying to resolve a Node built-in.
  const specifier = 'node:worker_threads';
  const { Worker: NodeWorker } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as {
    Worker: NodeWorkerClass;
  };
  return NodeWorker;
}

/** The job with its large inputs in shared memory where possible (see shareRows). */
function shareInput(job: ProjectionJob): ProjectionJob {
  switch (job.kind) {
    case 'tsne':
    case 'pca':
    case 'lists':
      return { ...job, data: shareRows(job.data) };
    case 'place':
      return { ...job, data: shareRows(job.data), reference: shareRows(job.reference) };
    default:
      return job;
  }
}
