import { StatescopeError } from '@statescope/core';
import { NearestHeap } from './NearestHeap.js';
import type { NearestMetric } from './NearestMetric.js';

/** The k nearest states of a query, nearest first (ties: lower step first). */
export interface NearestResult {
  /** Step indices (rows of the indexed matrix). */
  steps: Uint32Array;
  /** Their distances to the query: Euclidean, or 1 - cosine similarity. */
  distances: Float32Array;
}

/** The inverted file of an approximate index: rows grouped by their nearest k-means centroid. */
export interface InvertedFile {
  /** L x dim centroids (unit length for cosine). */
  centroids: Float32Array;
  /** List l holds the steps members[offsets[l] .. offsets[l + 1]), in step order. */
  offsets: Uint32Array;
  members: Uint32Array;
  /** Lists searched per query, nearest centroids first. */
  probes: number;
}

/**
 * An index over N hidden states for k-nearest-state queries, made by {@link nearestStates}.
 * Queries run synchronously on the calling thread and return typed arrays. Exact (every state
 * compared) or, for large N, approximate (the states of the `probes` lists whose centroids lie
 * nearest the query). It references the rows it was built from without copying them: do not
 * change them while the index is in use.
 */
export class NearestStateIndex {
  /** Values per state. */
  readonly dim: number;
  /** The distance the index answers in. */
  readonly metric: NearestMetric;
  #rows: Float32Array | undefined;
  #size: number;
  /** Cosine only: |row| of every row. */
  #norms: Float64Array | undefined;
  #lists: InvertedFile | undefined;

  /** @internal Made by {@link nearestStates}. */
  constructor(rows: Float32Array, dim: number, metric: NearestMetric, lists?: InvertedFile) {
    this.dim = dim;
    this.metric = metric;
    this.#rows = rows;
    this.#size = rows.length / dim;
    this.#lists = lists;
    if (metric === 'cosine') {
      const norms = new Float64Array(this.#size);
      for (let i = 0; i < this.#size; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += rows[i * dim + j] ** 2;
        norms[i] = Math.sqrt(s);
      }
      this.#norms = norms;
    }
  }

  /** Number of indexed states (0 once disposed). */
  get size(): number {
    return this.#size;
  }

  /** Whether queries search a subset of the states (the inverted file) rather than all. */
  get approximate(): boolean {
    return this.#lists !== undefined;
  }

  /** Lists searched per query (0 for an exact index). */
  get probes(): number {
    return this.#lists?.probes ?? 0;
  }

  /** Bytes of the index's own arrays (the indexed rows are referenced, not copied, and not counted). */
  get bytes(): number {
    const lists = this.#lists;
    return (
      (this.#norms?.byteLength ?? 0) +
      (lists ? lists.centroids.byteLength + lists.offsets.byteLength + lists.members.byteLength : 0)
    );
  }

  /**
   * The k states nearest `vector` (dim values, a new state or any point in the same space).
   * `probes`: lists searched this time (approximate index only; default the index's
   * {@link probes}): fewer is faster and misses more, as placing a what-if state can afford.
   */
  query(vector: ArrayLike<number>, k: number, probes?: number): NearestResult {
    const rows = this.#live();
    checkK(k);
    if (probes !== undefined && !(Number.isInteger(probes) && probes >= 1)) {
      throw new StatescopeError(`must be a positive integer, got ${String(probes)}`, { field: 'probes' });
    }
    if (vector === null || typeof vector !== 'object' || vector.length !== this.dim) {
      throw new StatescopeError(
        `must hold dim = ${this.dim} values, got ${vector === null || typeof vector !== 'object' ? String(vector) : `${vector.length}`}`,
        { field: 'vector' },
      );
    }
    const q = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) {
      const v = Number(vector[j]);
      if (v - v !== 0) {
        throw new StatescopeError(`holds ${String(vector[j])} at column ${j}; values must be finite`, {
          field: 'vector',
        });
      }
      q[j] = v;
    }
    return this.#search(rows, q, k, -1, probes);
  }

  /** The k states nearest the state of `step`, that step itself left out. */
  queryStep(step: number, k: number): NearestResult {
    const rows = this.#live();
    checkK(k);
    if (!Number.isInteger(step) || step < 0 || step >= this.#size) {
      throw new StatescopeError(`must be an integer in [0, ${this.#size}), got ${String(step)}`, { field: 'step' });
    }
    const q = Float64Array.from(rows.subarray(step * this.dim, (step + 1) * this.dim));
    return this.#search(rows, q, k, step);
  }

  /** Drops the index's arrays and its reference to the rows; later queries throw. */
  dispose(): void {
    this.#rows = undefined;
    this.#norms = undefined;
    this.#lists = undefined;
    this.#size = 0;
  }

  #live(): Float32Array {
    if (!this.#rows) throw new StatescopeError('was disposed; build a new one', { field: 'index' });
    return this.#rows;
  }

  #search(rows: Float32Array, q: Float64Array, k: number, exclude: number, probes = this.probes): NearestResult {
    const dim = this.dim;
    const cosine = this.metric === 'cosine';
    const available = this.#size - (exclude >= 0 ? 1 : 0);
    const heap = new NearestHeap(Math.min(k, available));
    if (available === 0) return heap.sorted(identity);
    let qNorm = 0;
    if (cosine) {
      for (let j = 0; j < dim; j++) qNorm += q[j] * q[j];
      qNorm = Math.sqrt(qNorm);
    }
    const norms = this.#norms;
    const offer = (i: number) => {
      if (i === exclude) return;
      if (cosine) {
        const d = cosineDistance(rows, i * dim, q, dim, norms![i], qNorm);
        if (d <= heap.bound) heap.push(d, i);
      } else {
        const d = squaredDistance(rows, i * dim, q, dim);
        if (d <= heap.bound) heap.push(d, i);
      }
    };
    const lists = this.#lists;
    if (!lists) {
      for (let i = 0; i < this.#size; i++) offer(i);
    } else {
      const { centroids, offsets, members } = lists;
      const count = offsets.length - 1;
      // Probe the nearest lists; more when they hold fewer than k candidates.
      const needed = Math.min(k + (exclude >= 0 ? 1 : 0), this.#size);
      let order = nearestLists(centroids, count, q, dim, cosine, Math.min(probes, count));
      let seen = 0;
      for (let p = 0; p < count && (p < probes || seen < needed); p++) {
        if (p === order.length) order = nearestLists(centroids, count, q, dim, cosine, count);
        const l = order[p];
        for (let m = offsets[l]; m < offsets[l + 1]; m++) offer(members[m]);
        seen += offsets[l + 1] - offsets[l];
      }
    }
    return heap.sorted(cosine ? identity : Math.sqrt);
  }
}

const identity = (d: number) => d;

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new StatescopeError(`must be a positive integer, got ${String(k)}`, { field: 'k' });
  }
}

/** Squared Euclidean distance of the row at offset o to q. */
function squaredDistance(rows: Float32Array, o: number, q: Float64Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    const a = rows[o + j] - q[j];
    const b = rows[o + j + 1] - q[j + 1];
    const c = rows[o + j + 2] - q[j + 2];
    const d = rows[o + j + 3] - q[j + 3];
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
  }
  for (; j < dim; j++) {
    const a = rows[o + j] - q[j];
    s0 += a * a;
  }
  return s0 + s1 + s2 + s3;
}

/** 1 - cosine similarity; 1 when either vector is zero (no direction to compare). */
function cosineDistance(
  rows: Float32Array,
  o: number,
  q: Float64Array,
  dim: number,
  rowNorm: number,
  qNorm: number,
): number {
  if (rowNorm === 0 || qNorm === 0) return 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dim; j += 4) {
    s0 += rows[o + j] * q[j];
    s1 += rows[o + j + 1] * q[j + 1];
    s2 += rows[o + j + 2] * q[j + 2];
    s3 += rows[o + j + 3] * q[j + 3];
  }
  for (; j < dim; j++) s0 += rows[o + j] * q[j];
  return 1 - (s0 + s1 + s2 + s3) / (rowNorm * qNorm);
}

/**
 * The `wanted` lists whose centroids lie nearest q, nearest first (ties: lower list first): a
 * bounded heap when few are wanted (a query probes a few of hundreds), else a full sort.
 */
function nearestLists(
  centroids: Float32Array,
  count: number,
  q: Float64Array,
  dim: number,
  cosine: boolean,
  wanted: number,
): Uint32Array {
  const heap = new NearestHeap(wanted);
  for (let l = 0; l < count; l++) {
    // Unit-length centroids for cosine: the nearest has the largest dot product.
    const s = cosine ? cosineDistance(centroids, l * dim, q, dim, 1, 1) : squaredDistance(centroids, l * dim, q, dim);
    if (s <= heap.bound) heap.push(s, l);
  }
  return heap.sorted(identity).steps;
}
