import type { TsneProgress } from './TsneProgress.js';

/** How the caller follows and stops a job. */
export interface RunControl {
  /** Called every `progressEvery` steps with the current layout. */
  onProgress?: (progress: TsneProgress) => void;
  /** Aborting rejects the promise (AbortError) and stops the worker at once. */
  signal?: AbortSignal;
  /**
   * `true` (default): run in a Web Worker (browsers) or worker_threads (Node), never blocking
   * the caller. `false`: run on the calling thread in slices between event-loop turns, for
   * environments without workers.
   */
  worker?: boolean;
}
