import { StatescopeError } from '@statescope/core';
import { abortError } from './abortError.js';
import type { ModelWorkerReply, ModelWorkerRequest } from './ModelWorkerMessage.js';
import { RnnModel } from './RnnModel.js';
import { runModel, type RnnRun } from './runModel.js';
import { Workspace } from './Workspace.js';

/** How a {@link ModelRunner} runs. */
export interface ModelRunnerOptions {
  /**
   * false: run on the calling thread (also the fallback where no Worker exists or a CSP refuses
   * one). Default: a Web Worker where `globalThis.Worker` exists.
   */
  worker?: boolean;
}

/** One run() call, queued until the worker (or the calling thread) takes it. */
interface Job {
  tokenIds: Float64Array;
  resolve(run: RnnRun): void;
  reject(error: Error): void;
  /** Already answered (aborted or disposed): a late result is dropped. */
  settled: boolean;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Runs a model over token ids off the main thread, in a module Web Worker, with the same answer
 * as {@link runModel} bit for bit. The weights go to the worker once, when the runner is made;
 * each run posts only its ids, and the states come back as transferred buffers. The worker keeps
 * one {@link Workspace} between runs. Where no Worker exists (Node), where `worker: false`, or
 * where the worker cannot start (a content security policy refusing it, a failed script load),
 * runs happen on the calling thread instead and {@link inWorker} is false; a run is never left
 * pending by a failed worker.
 *
 * The runner runs the parameters as they were when it was made: build a new one after training
 * or loading other weights into the model.
 *
 * Runs are answered in the order they were asked, one at a time; a newer run does not cancel an
 * older one (abort the older one's signal for that: if it has not reached the worker yet it never
 * runs).
 *
 * @example
 * Run each edit of a text in the worker, dropping the answer to an edit overtaken by the next:
 * ```ts
 * import { ModelRunner, Vocabulary, decodeWeights, tokenize, type WeightManifest } from '@statescope/rnn';
 *
 * const manifest = (await (await fetch('/data/imdb.model.json')).json()) as WeightManifest;
 * const binary = new Uint8Array(await (await fetch(`/data/${manifest.weights.file}`)).arrayBuffer());
 * const runner = new ModelRunner(decodeWeights(manifest, binary));
 * const vocabulary = new Vocabulary(manifest.vocabulary!);
 *
 * let controller: AbortController | undefined;
 * async function onInput(text: string): Promise<void> {
 *   controller?.abort();
 *   controller = new AbortController();
 *   const ids = vocabulary.encode(tokenize(text));
 *   if (ids.length === 0) return;
 *   try {
 *     const run = await runner.run(ids, controller.signal);
 *     console.log(run.expected.at(-1)); // p(positive) after the last token
 *   } catch (error) {
 *     if ((error as Error).name !== 'AbortError') throw error;
 *   }
 * }
 * // later: runner.dispose();
 * ```
 */
export class ModelRunner {
  /** A copy of the weights, for runs on this thread (and the copy the worker gets). */
  readonly #model: RnnModel;
  #workspace: Workspace | undefined;
  #worker: Worker | undefined;
  /** The worker listens (it said `ready` and has the weights). */
  #ready = false;
  #inWorker: boolean;
  #disposed = false;
  /** Runs not yet handed to the worker or run here, oldest first. */
  readonly #queue: Job[] = [];
  /** The run the worker is computing: one at a time, so that aborted queued runs never start. */
  #inFlight: { id: number; job: Job } | undefined;
  #nextId = 1;
  #drainScheduled = false;

  constructor(model: RnnModel, options: ModelRunnerOptions = {}) {
    this.#model = new RnnModel(model.shape, model.parameters.slice());
    const wanted = options.worker ?? true;
    this.#inWorker = wanted && typeof (globalThis as { Worker?: unknown }).Worker === 'function' && this.#start();
  }

  /** Whether runs happen in a worker (false after a fallback). */
  get inWorker(): boolean {
    return this.#inWorker;
  }

  /**
   * Runs `tokenIds` (the same answer as runModel(model, ids), bit for bit). A newer run() does not
   * cancel an older one; each resolves with its own answer in order. Rejects with an AbortError
   * when `signal` aborts (the result is dropped): with the signal's reason when that is an Error,
   * as fetch does. Rejects with runModel's StatescopeError for ids it refuses, and with an
   * InvalidStateError after {@link dispose}.
   */
  run(tokenIds: ArrayLike<number>, signal?: AbortSignal): Promise<RnnRun> {
    if (this.#disposed) {
      return Promise.reject(Object.assign(new Error('the ModelRunner was disposed'), { name: 'InvalidStateError' }));
    }
    if (signal?.aborted) return Promise.reject(abortError(signal));
    // A copy now: the caller may reuse its array before the run starts.
    const ids = Float64Array.from(tokenIds);
    return new Promise<RnnRun>((resolve, reject) => {
      const job: Job = {
        tokenIds: ids,
        resolve,
        reject,
        settled: false,
        signal,
        onAbort: () => {
          const queued = this.#queue.indexOf(job);
          if (queued >= 0) this.#queue.splice(queued, 1);
          this.#settle(job, abortError(signal!));
        },
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Terminates the worker; later runs reject, and runs still pending reject with an AbortError. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#worker?.terminate();
    this.#worker = undefined;
    const pending = [...(this.#inFlight ? [this.#inFlight.job] : []), ...this.#queue.splice(0)];
    this.#inFlight = undefined;
    const error = Object.assign(new Error('the ModelRunner was disposed'), { name: 'AbortError' });
    for (const job of pending) this.#settle(job, error);
  }

  /** Starts the worker; false where the platform refuses it (then runs happen here). */
  #start(): boolean {
    let worker: Worker;
    try {
      // This exact form, so that bundlers (Vite, webpack 5) find and bundle the worker.
      worker = new Worker(new URL('./modelWorker.js', import.meta.url), { type: 'module' });
    } catch {
      // A content security policy may refuse workers at once.
      return false;
    }
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<ModelWorkerReply>) => {
      if (worker === this.#worker) this.#onReply(event.data);
    };
    // A script that fails to load or start (a refused worker-src, a missing file), or any later
    // crash: the runs go on here, the one in the worker first.
    const fail = (event: Event) => {
      event.preventDefault();
      if (worker === this.#worker) this.#fallBack();
    };
    worker.onerror = fail;
    worker.onmessageerror = fail;
    return true;
  }

  #onReply(reply: ModelWorkerReply): void {
    if (reply.type === 'ready') {
      const { shape, parameters } = this.#model;
      // A copy, transferred: this thread keeps its own for a fallback.
      const copy = parameters.slice();
      this.#post({ type: 'model', shape, parameters: copy }, [copy.buffer]);
      this.#ready = true;
      this.#pump();
      return;
    }
    const inFlight = this.#inFlight;
    if (inFlight?.id !== reply.id) return;
    this.#inFlight = undefined;
    if (reply.type === 'done') this.#settle(inFlight.job, reply.run);
    else this.#settle(inFlight.job, rebuildError(reply));
    this.#pump();
  }

  #post(request: ModelWorkerRequest, transfer: ArrayBuffer[]): void {
    this.#worker!.postMessage(request, transfer);
  }

  #fallBack(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#inWorker = false;
    if (this.#inFlight) {
      if (!this.#inFlight.job.settled) this.#queue.unshift(this.#inFlight.job);
      this.#inFlight = undefined;
    }
    this.#pump();
  }

  /** Hands the oldest queued run to the worker when it is free, or runs the queue here. */
  #pump(): void {
    if (this.#disposed || this.#queue.length === 0) return;
    if (!this.#inWorker) {
      this.#scheduleDrain();
      return;
    }
    if (!this.#ready || this.#inFlight) return;
    const job = this.#queue.shift()!;
    const id = this.#nextId++;
    this.#inFlight = { id, job };
    this.#post({ type: 'run', id, tokenIds: job.tokenIds }, [job.tokenIds.buffer as ArrayBuffer]);
  }

  /**
   * Runs the queue on this thread in a microtask, not inside run(): the promise is answered the
   * same way as from a worker, and a signal aborted right after run() still skips the work.
   */
  #scheduleDrain(): void {
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    void Promise.resolve().then(() => {
      this.#drainScheduled = false;
      for (let job = this.#queue.shift(); job && !this.#disposed; job = this.#queue.shift()) {
        try {
          this.#settle(job, runModel(this.#model, job.tokenIds, (this.#workspace ??= new Workspace(this.#model))));
        } catch (error) {
          this.#settle(job, error instanceof Error ? error : new Error(String(error)));
        }
      }
    });
  }

  #settle(job: Job, outcome: RnnRun | Error): void {
    if (job.settled) return;
    job.settled = true;
    job.signal?.removeEventListener('abort', job.onAbort);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }
}

/** The worker's error as this thread's: a StatescopeError with its field and step, else its name. */
function rebuildError(reply: Extract<ModelWorkerReply, { type: 'error' }>): Error {
  const error = reply.name === 'StatescopeError' ? new StatescopeError('', reply.location) : new Error();
  error.name = reply.name;
  error.message = reply.message;
  return error;
}
