import type { NeighborGraph } from './NeighborGraph.js';

/** One bounded max-heap per row in flat typed arrays; the root is the farthest kept neighbour. */
export class KnnHeaps {
  readonly rows: number;
  readonly k: number;
  private readonly idx: Int32Array;
  private readonly dist: Float32Array;

  /** `idx` and `dist` may be given (shared memory filled by another worker), else allocated. */
  constructor(rows: number, k: number, idx?: Int32Array, dist?: Float32Array) {
    this.rows = rows;
    this.k = k;
    this.idx = idx ?? new Int32Array(rows * k).fill(-1);
    this.dist = dist ?? new Float32Array(rows * k).fill(Infinity);
  }

  /** Sets stamp[j] = i for every neighbour j kept for row i (to skip them without a search). */
  mark(i: number, stamp: Int32Array): void {
    const k = this.k;
    const idx = this.idx;
    for (let x = i * k; x < i * k + k; x++) if (idx[x] >= 0) stamp[idx[x]] = i;
  }

  /**
   * Adds every neighbour kept by `other` (same rows and k) for rows from..to-1, each once. A
   * row's heap changes alone, so different workers can merge different rows. `stamp` (rows
   * long, -1 or other rows) is scratch.
   */
  mergeRows(other: KnnHeaps, from: number, to: number, stamp: Int32Array): void {
    const k = this.k;
    for (let i = from; i < to; i++) {
      const o = i * k;
      this.mark(i, stamp);
      for (let x = 0; x < k; x++) {
        const j = other.idx[o + x];
        if (j >= 0 && stamp[j] !== i) this.pushNew(i, j, other.dist[o + x]);
      }
    }
  }

  /**
   * Inserts j as a neighbour of i unless it is no closer than the farthest kept; j must not be
   * kept already (callers know: a pair seen once, or a `mark`ed row).
   */
  pushNew(i: number, j: number, d: number): void {
    const k = this.k;
    const o = i * k;
    const idx = this.idx;
    const dist = this.dist;
    if (d >= dist[o]) return;
    // Replace the root and sift down.
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= k) break;
      const r = l + 1;
      const c = r < k && dist[o + r] > dist[o + l] ? r : l;
      if (dist[o + c] <= d) break;
      dist[o + pos] = dist[o + c];
      idx[o + pos] = idx[o + c];
      pos = c;
    }
    dist[o + pos] = d;
    idx[o + pos] = j;
  }

  /** Copies out every row sorted nearest first (heap sort: pop the farthest into the last slot). */
  sorted(): NeighborGraph {
    const { rows, k } = this;
    const indices = new Int32Array(rows * k);
    const distances = new Float32Array(rows * k);
    const scratch = this.sortScratch();
    for (let i = 0; i < rows; i++) this.sortRow(i, indices, distances, i * k, scratch);
    return { rows, k, indices, distances };
  }

  /** Scratch for `sortRow`: one per thread. */
  sortScratch(): { hd: Float32Array; hi: Int32Array } {
    return { hd: new Float32Array(this.k), hi: new Int32Array(this.k) };
  }

  /** Row i sorted nearest first into indices/distances[at .. at + k) (see `sorted`). */
  sortRow(
    i: number,
    indices: Int32Array,
    distances: Float32Array,
    at: number,
    { hd, hi }: { hd: Float32Array; hi: Int32Array },
  ): void {
    const k = this.k;
    const o = i * k;
    hd.set(this.dist.subarray(o, o + k));
    hi.set(this.idx.subarray(o, o + k));
    for (let size = k; size > 0; size--) {
      indices[at + size - 1] = hi[0];
      distances[at + size - 1] = hd[0];
      // Move the last element to the root and sift it down within size - 1.
      const d = hd[size - 1];
      const j = hi[size - 1];
      const n = size - 1;
      let pos = 0;
      for (;;) {
        const l = 2 * pos + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && hd[r] > hd[l] ? r : l;
        if (hd[c] <= d) break;
        hd[pos] = hd[c];
        hi[pos] = hi[c];
        pos = c;
      }
      hd[pos] = d;
      hi[pos] = j;
    }
    // Equal distances in index order, so the result does not depend on insertion order.
    for (let x = at + 1; x < at + k; x++) {
      const d = distances[x];
      const j = indices[x];
      let y = x - 1;
      while (y >= at && distances[y] === d && indices[y] > j) {
        indices[y + 1] = indices[y];
        y--;
      }
      indices[y + 1] = j;
    }
  }
}
