import { createRandom } from './createRandom.js';
import type { NeighborGraph } from './NeighborGraph.js';

/** Below this many rows the exact all-pairs search is cheap enough. */
const EXACT_LIMIT = 3000;

/**
 * k nearest neighbours of every row of `data` (row-major, `dim` columns), excluding the row
 * itself. Exact for small inputs; otherwise a forest of random-projection trees (median splits
 * along the line through two random rows), exact search within each leaf, then one round of
 * neighbour-of-neighbour refinement. t-SNE tolerates approximate neighbours well.
 */
export function nearestNeighbors(
  data: Float32Array,
  rows: number,
  dim: number,
  k: number,
  seed: number,
  options: { trees?: number; leafSize?: number; exact?: boolean; fan?: number } = {},
): NeighborGraph {
  const kk = Math.min(k, rows - 1);
  const heaps = new KnnHeaps(rows, kk);
  if (options.exact ?? rows <= EXACT_LIMIT) {
    for (let i = 0; i < rows; i++) {
      for (let j = i + 1; j < rows; j++) {
        const d = squaredDistance(data, dim, i, j);
        heaps.push(i, j, d);
        heaps.push(j, i, d);
      }
    }
  } else {
    const random = createRandom(seed);
    const trees = options.trees ?? (rows > 200_000 ? 3 : 4);
    const leafSize = Math.max(options.leafSize ?? Math.max(64, Math.round(kk * 2.5)), kk + 1);
    const perm = new Int32Array(rows);
    const proj = new Float64Array(rows);
    for (let t = 0; t < trees; t++) {
      for (let i = 0; i < rows; i++) perm[i] = i;
      // A first tree's leaves hold each pair once, so its insertions skip the duplicate check.
      searchTree(data, dim, perm, proj, leafSize, random, heaps, t === 0);
    }
    refine(data, dim, heaps, Math.min(kk, options.fan ?? 12));
    return { ...heaps.sorted(), order: perm };
  }
  return heaps.sorted();
}

function squaredDistance(data: Float32Array, dim: number, i: number, j: number): number {
  let s = 0;
  const a = i * dim;
  const b = j * dim;
  for (let c = 0; c < dim; c++) {
    const d = data[a + c] - data[b + c];
    s += d * d;
  }
  return s;
}

/** Splits perm into leaves (median cut along random directions) and searches each leaf exactly. */
function searchTree(
  data: Float32Array,
  dim: number,
  perm: Int32Array,
  proj: Float64Array,
  leafSize: number,
  random: () => number,
  heaps: KnnHeaps,
  unique: boolean,
): void {
  const stack: number[] = [0, perm.length];
  const direction = new Float64Array(dim);
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const count = end - start;
    if (count <= leafSize) {
      for (let x = start; x < end; x++) {
        const i = perm[x];
        for (let y = x + 1; y < end; y++) {
          const j = perm[y];
          const d = squaredDistance(data, dim, i, j);
          if (unique) {
            heaps.pushNew(i, j, d);
            heaps.pushNew(j, i, d);
          } else {
            heaps.push(i, j, d);
            heaps.push(j, i, d);
          }
        }
      }
      continue;
    }
    const ia = Math.floor(random() * count);
    let ib = Math.floor(random() * (count - 1));
    if (ib >= ia) ib++;
    const a = perm[start + ia] * dim;
    const b = perm[start + ib] * dim;
    for (let c = 0; c < dim; c++) direction[c] = data[a + c] - data[b + c];
    for (let x = start; x < end; x++) {
      const o = perm[x] * dim;
      let s = 0;
      for (let c = 0; c < dim; c++) s += data[o + c] * direction[c];
      proj[perm[x]] = s;
    }
    const mid = start + (count >> 1);
    selectNth(perm, proj, start, end - 1, mid);
    stack.push(start, mid, mid, end);
  }
}

/** Quickselect on perm[lo..hi] by proj so that perm[nth] has the nth-smallest key. */
function selectNth(perm: Int32Array, key: Float64Array, lo: number, hi: number, nth: number): void {
  while (hi > lo) {
    const pivot = key[perm[(lo + hi) >> 1]];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key[perm[i]] < pivot) i++;
      while (key[perm[j]] > pivot) j--;
      if (i <= j) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/**
 * Neighbours of neighbours: for each row, try the `fan` nearest neighbours of its `fan` nearest,
 * each candidate once (a stamp per row marks those already kept or tried).
 */
function refine(data: Float32Array, dim: number, heaps: KnnHeaps, fan: number): void {
  const { rows, k } = heaps;
  const snapshot = heaps.sorted();
  const stamp = new Int32Array(rows).fill(-1);
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    stamp[i] = i;
    for (let x = 0; x < k; x++) {
      const n = snapshot.indices[o + x];
      if (n >= 0) stamp[n] = i;
    }
    for (let a = 0; a < fan; a++) {
      const n = snapshot.indices[o + a];
      if (n < 0) continue;
      for (let b = 0; b < fan; b++) {
        const m = snapshot.indices[n * k + b];
        if (m < 0 || stamp[m] === i) continue;
        stamp[m] = i;
        heaps.pushNew(i, m, squaredDistance(data, dim, i, m));
      }
    }
  }
}

/** One bounded max-heap per row in flat typed arrays; the root is the farthest kept neighbour. */
class KnnHeaps {
  readonly rows: number;
  readonly k: number;
  private readonly idx: Int32Array;
  private readonly dist: Float32Array;

  constructor(rows: number, k: number) {
    this.rows = rows;
    this.k = k;
    this.idx = new Int32Array(rows * k).fill(-1);
    this.dist = new Float32Array(rows * k).fill(Infinity);
  }

  /** Inserts j as a neighbour of i unless it is no closer than the farthest kept, or already kept. */
  push(i: number, j: number, d: number): void {
    const o = i * this.k;
    if (d >= this.dist[o]) return;
    for (let x = 0; x < this.k; x++) if (this.idx[o + x] === j) return;
    this.pushNew(i, j, d);
  }

  /** As push, for a j known not to be kept already. */
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
    const hd = new Float32Array(k);
    const hi = new Int32Array(k);
    for (let i = 0; i < rows; i++) {
      const o = i * k;
      hd.set(this.dist.subarray(o, o + k));
      hi.set(this.idx.subarray(o, o + k));
      for (let size = k; size > 0; size--) {
        indices[o + size - 1] = hi[0];
        distances[o + size - 1] = hd[0];
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
    }
    return { rows, k, indices, distances };
  }
}
