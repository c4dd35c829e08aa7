import type { ProjectionJob } from './ProjectionJob.js';
import type { SparseAffinities } from './symmetricAffinities.js';

/** The second worker, as the first sees it. */
export interface HelperPort {
  post(job: ProjectionJob): void;
  terminate(): void;
}

/** Control words shared with the helper: [requested step, finished step, measure KL, split row]. */
const REQUEST = 0;
const DONE = 1;
const MEASURE = 2;
export const SPLIT = 3;
/** Requested step that tells the helper to stop. */
export const STOP = -1;

/**
 * Splits the attraction of each t-SNE step with a second worker over SharedArrayBuffers: the
 * helper computes the pairs of rows 0..split-1 (split chosen per step) into its own output
 * while this thread computes the repulsion and the other pairs; Atomics hand each step over and
 * back. Keeps both cores busy at large N.
 */
export class AttractionHelper {
  /** The layout, shared: the optimiser must use this array. */
  readonly y: Float64Array;
  /** The helper's attraction output (its pairs reach every row), shared. */
  readonly out: Float64Array;
  /** P in shared memory (the optimiser should drop its own copy for this one). */
  readonly p: SparseAffinities;
  private readonly control: Int32Array;
  private readonly kl: Float64Array;
  private readonly port: HelperPort;
  private step = 0;

  /** The last row before which at most `share` of the pairs lie (binary search). */
  static splitRows(p: SparseAffinities, share: number): number {
    const { rowPtr } = p;
    const target = rowPtr[p.rows] * share;
    let lo = 0;
    let hi = p.rows;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rowPtr[mid] <= target) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  constructor(port: HelperPort, p: SparseAffinities, init: Float64Array) {
    this.port = port;
    const rows = p.rows;
    const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
    this.y = new Float64Array(shared(init.length * 8));
    this.y.set(init);
    this.out = new Float64Array(shared(init.length * 8));
    this.control = new Int32Array(shared(16));
    this.kl = new Float64Array(shared(8));
    const edges = p.rowPtr[rows];
    // What is in shared memory already (P as sharedPreparation leaves it) is used as it is: a
    // copy would cost as much again (0.52 GB at 972,288 states).
    const rowPtr = inShared(p.rowPtr.subarray(0, rows + 1), (n) => new Int32Array(shared(n * 4)));
    const cols = inShared(p.cols.subarray(0, edges), (n) => new Int32Array(shared(n * 4)));
    const vals = inShared(p.vals.subarray(0, edges), (n) => new Float32Array(shared(n * 4)));
    this.p = { rows, rowPtr, cols, vals };
    port.post({
      kind: 'attract',
      y: this.y,
      out: this.out,
      rowPtr,
      cols,
      vals,
      control: this.control,
      kl: this.kl,
    });
  }

  /** Starts the helper on the current layout, for the pairs of rows 0..split-1. */
  request(measure: boolean, split: number): void {
    this.step++;
    Atomics.store(this.control, MEASURE, measure ? 1 : 0);
    Atomics.store(this.control, SPLIT, split);
    Atomics.store(this.control, REQUEST, this.step);
    Atomics.notify(this.control, REQUEST);
  }

  /** Blocks until the helper has finished the requested step; returns its KL part. */
  wait(): number {
    for (;;) {
      const done = Atomics.load(this.control, DONE);
      if (done === this.step) break;
      Atomics.wait(this.control, DONE, done, 10_000);
    }
    return this.kl[0];
  }

  stop(): void {
    Atomics.store(this.control, REQUEST, STOP);
    Atomics.notify(this.control, REQUEST);
    this.port.terminate();
  }
}

/** `array` itself when it lives in a SharedArrayBuffer, else a copy into `allocate(length)`. */
function inShared<T extends Int32Array | Float32Array>(array: T, allocate: (length: number) => T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = allocate(array.length);
  copy.set(array);
  return copy;
}
