import { seededRandom } from '@statescope/core';
import type { NeighborGraph } from './NeighborGraph.js';

/** Above this many distance evaluations, search a random-projection forest instead. */
const EXACT_WORK = 3e7;

/**
 * k nearest reference rows of every query row (indices into `reference`). Exact when the
 * all-pairs work is small; otherwise each query descends a few random-projection trees built on
 * the reference and is compared with the rows of the leaves it reaches.
 */
export function nearestReferences(
  reference: Float32Array,
  referenceRows: number,
  queries: Float32Array,
  rows: number,
  dim: number,
  k: number,
  seed: number,
): NeighborGraph {
  const kk = Math.min(k, referenceRows);
  const indices = new Int32Array(rows * kk).fill(-1);
  const distances = new Float32Array(rows * kk).fill(Infinity);
  const push = (i: number, j: number, d: number) => {
    const o = i * kk;
    if (d >= distances[o + kk - 1]) return;
    let x = kk - 1;
    for (let y = 0; y < kk; y++) if (indices[o + y] === j) return;
    // Sorted insertion: k is small for placement.
    while (x > 0 && distances[o + x - 1] > d) {
      distances[o + x] = distances[o + x - 1];
      indices[o + x] = indices[o + x - 1];
      x--;
    }
    distances[o + x] = d;
    indices[o + x] = j;
  };
  const distance = (i: number, j: number) => {
    let s = 0;
    const a = i * dim;
    const b = j * dim;
    for (let c = 0; c < dim; c++) {
      const d = queries[a + c] - reference[b + c];
      s += d * d;
    }
    return s;
  };
  if (referenceRows * rows <= EXACT_WORK) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < referenceRows; j++) push(i, j, distance(i, j));
    return { rows, k: kk, indices, distances };
  }
  const random = seededRandom(seed);
  const leafSize = Math.max(64, 2 * kk);
  const trees = 4;
  for (let t = 0; t < trees; t++) {
    const tree = new ProjectionTree(reference, referenceRows, dim, leafSize, random);
    for (let i = 0; i < rows; i++) {
      const leaf = tree.leafOf(queries, i * dim);
      for (let e = tree.start[leaf]; e < tree.end[leaf]; e++) push(i, tree.perm[e], distance(i, tree.perm[e]));
    }
  }
  return { rows, k: kk, indices, distances };
}

/** A random-projection tree over the reference rows, kept so that queries can descend it. */
class ProjectionTree {
  readonly perm: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  private readonly left: Int32Array;
  private readonly threshold: Float64Array;
  private readonly directions: Float64Array;
  private readonly dim: number;

  constructor(data: Float32Array, rows: number, dim: number, leafSize: number, random: () => number) {
    this.dim = dim;
    const cap = 2 * Math.ceil(rows / Math.max(1, leafSize >> 1)) + 4;
    this.perm = Int32Array.from({ length: rows }, (_, i) => i);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.left = new Int32Array(cap).fill(-1);
    this.threshold = new Float64Array(cap);
    this.directions = new Float64Array(cap * dim);
    const proj = new Float64Array(rows);
    let nodes = 1;
    this.start[0] = 0;
    this.end[0] = rows;
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const s = this.start[node];
      const e = this.end[node];
      const count = e - s;
      if (count <= leafSize) continue;
      const ia = Math.floor(random() * count);
      let ib = Math.floor(random() * (count - 1));
      if (ib >= ia) ib++;
      const a = this.perm[s + ia] * dim;
      const b = this.perm[s + ib] * dim;
      const dir = node * dim;
      for (let c = 0; c < dim; c++) this.directions[dir + c] = data[a + c] - data[b + c];
      for (let x = s; x < e; x++) {
        const o = this.perm[x] * dim;
        let v = 0;
        for (let c = 0; c < dim; c++) v += data[o + c] * this.directions[dir + c];
        proj[this.perm[x]] = v;
      }
      // Median split by sorting this node's rows on their projection.
      const slice = Array.from(this.perm.subarray(s, e)).sort((x, y) => proj[x] - proj[y] || x - y);
      this.perm.set(slice, s);
      const mid = s + (count >> 1);
      this.threshold[node] = (proj[this.perm[mid - 1]] + proj[this.perm[mid]]) / 2;
      const l = nodes++;
      const r = nodes++;
      this.left[node] = l;
      this.start[l] = s;
      this.end[l] = mid;
      this.start[r] = mid;
      this.end[r] = e;
      stack.push(l, r);
    }
  }

  /** The leaf a query row (at `offset` in `queries`) falls into. */
  leafOf(queries: Float32Array, offset: number): number {
    const dim = this.dim;
    let node = 0;
    while (this.left[node] >= 0) {
      const dir = node * dim;
      let v = 0;
      for (let c = 0; c < dim; c++) v += queries[offset + c] * this.directions[dir + c];
      node = v < this.threshold[node] ? this.left[node] : this.left[node] + 1;
    }
    return node;
  }
}
