import type { ProjectionJob, WorkerReply } from './ProjectionJob.js';
import { attractionLoop } from './attractionLoop.js';
import { runJob } from './runJob.js';
import { helpPrepare } from './sharedPreparation.js';
import { spawnHelper } from './spawnHelper.js';

type Post = (reply: WorkerReply, transfer: ArrayBuffer[]) => void;

interface MessagePortLike {
  on(event: 'message', listener: (job: ProjectionJob) => void): void;
  postMessage(reply: WorkerReply, transfer: ArrayBuffer[]): void;
}

interface WebWorkerScope {
  postMessage(reply: WorkerReply, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: ProjectionJob }) => void): void;
}

/**
 * Wires the job runner to the worker's messages: a Web Worker in browsers, worker_threads'
 * parentPort in Node. The job runs to completion synchronously; the caller cancels by
 * terminating the worker, which stops it at once.
 */
export async function startWorker(): Promise<void> {
  const web = globalThis as unknown as { WorkerGlobalScope?: unknown } & WebWorkerScope;
  if (web.WorkerGlobalScope !== undefined) {
    web.addEventListener('message', (event) => void handle(event.data, (r, t) => web.postMessage(r, t)));
    web.postMessage({ type: 'ready' }, []);
    return;
  }
  // A computed specifier keeps browser bundlers from trying to resolve a Node built-in.
  const specifier = 'node:worker_threads';
  const { parentPort } = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as {
    parentPort: MessagePortLike | null;
  };
  if (!parentPort) throw new Error('tsneWorker must run as a worker');
  parentPort.on('message', (job) => void handle(job, (r, t) => parentPort.postMessage(r, t)));
  parentPort.postMessage({ type: 'ready' }, []);
}

/** From this many rows a t-SNE shares its attraction with a second worker, where it can. */
const PARALLEL_FROM = 8000;

async function handle(job: ProjectionJob, post: Post): Promise<void> {
  if (job.kind === 'attract') {
    attractionLoop(job);
    return;
  }
  if (job.kind === 'prepare') {
    helpPrepare(job);
    return;
  }
  try {
    const threads = job.kind === 'tsne' ? job.settings.threads : 1;
    const parallel = threads === 2 || (threads === undefined && job.kind === 'tsne' && job.rows >= PARALLEL_FROM);
    const helper = parallel ? await spawnHelper() : undefined;
    const steps = runJob(job, helper);
    for (;;) {
      const next = steps.next();
      if (next.done) {
        post({ type: 'done', result: next.value }, [next.value.buffer as ArrayBuffer]);
        return;
      }
      const progress = next.value;
      post({ type: 'progress', progress }, [progress.embedding.buffer as ArrayBuffer]);
    }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message }, []);
  }
}
