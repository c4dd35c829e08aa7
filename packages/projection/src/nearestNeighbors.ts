import { seededRandom } from '@statescope/core';
import { KnnHeaps } from './KnnHeaps.js';
import type { NeighborGraph } from './NeighborGraph.js';

/** Below this many rows the exact all-pairs search is cheap enough. */
const EXACT_LIMIT = 3000;
/** Neighbours of how many nearest neighbours `refine` tries (fan x fan candidates a row). */
export const REFINE_FAN = 12;

/** Whether `nearestNeighbors` searches `rows` rows exactly (by default). */
export function searchesExactly(rows: number): boolean {
  return rows <= EXACT_LIMIT;
}

/** Random-projection trees of the forest for `rows` rows. */
export function forestTrees(rows: number): number {
  return rows > 200_000 ? 3 : 4;
}

/** Leaf size of the forest's trees for k neighbours (`leafSize` if given, at least k + 1). */
export function forestLeafSize(k: number, leafSize?: number): number {
  return Math.max(leafSize ?? Math.max(64, Math.round(k * 2.5)), k + 1);
}

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
  if (options.exact ?? searchesExactly(rows)) {
    for (let i = 0; i < rows; i++) {
      for (let j = i + 1; j < rows; j++) {
        // Each pair comes once: no duplicate checks.
        const d = squaredDistance(data, dim, i, j);
        heaps.pushNew(i, j, d);
        heaps.pushNew(j, i, d);
      }
    }
  } else {
    const trees = options.trees ?? forestTrees(rows);
    const order = searchTrees(data, rows, dim, heaps, seed, 0, trees, forestLeafSize(kk, options.leafSize));
    refine(data, dim, heaps, Math.min(kk, options.fan ?? REFINE_FAN));
    return { ...heaps.sorted(), order };
  }
  return heaps.sorted();
}

/**
 * Searches trees from..to-1 into `heaps`; tree t draws from its own seeded stream, so a tree is
 * the same whichever worker builds it. Returns the leaf order of the first (a cache-friendly
 * row order, the same whether or not a second worker took part).
 */
export function searchTrees(
  data: Float32Array,
  rows: number,
  dim: number,
  heaps: KnnHeaps,
  seed: number,
  from: number,
  to: number,
  leafSize: number,
): Int32Array {
  let first: Int32Array | undefined;
  const perm = new Int32Array(rows);
  const proj = new Float64Array(rows);
  for (let t = from; t < to; t++) {
    for (let i = 0; i < rows; i++) perm[i] = i;
    // The first tree searched into empty heaps holds each pair once: no duplicate checks.
    searchTree(data, dim, perm, proj, leafSize, seededRandom(seed * 7919 + t), heaps, t === from);
    first ??= perm.slice();
  }
  return first ?? perm;
}

function squaredDistance(data: Float32Array, dim: number, i: number, j: number): number {
  // Four accumulators let the JIT overlap the additions; this loop is most of the search.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const a = i * dim;
  const b = j * dim;
  const end4 = dim & ~3;
  let c = 0;
  for (; c < end4; c += 4) {
    const d0 = data[a + c] - data[b + c];
    const d1 = data[a + c + 1] - data[b + c + 1];
    const d2 = data[a + c + 2] - data[b + c + 2];
    const d3 = data[a + c + 3] - data[b + c + 3];
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; c < dim; c++) {
    const d = data[a + c] - data[b + c];
    s0 += d * d;
  }
  return s0 + s1 + s2 + s3;
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
  // Heaps that already hold neighbours need each candidate checked against them: the leaf's
  // distances are computed once into `near`, then each row marks its kept neighbours in `stamp`
  // and offers the others, instead of scanning its heap (k entries) for every candidate.
  const near = unique ? undefined : new Float64Array(leafSize * leafSize);
  const stamp = unique ? undefined : new Int32Array(perm.length).fill(-1);
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const count = end - start;
    if (count <= leafSize) {
      if (near && stamp) {
        searchLeaf(data, dim, perm, start, count, near, stamp, heaps);
        continue;
      }
      for (let x = start; x < end; x++) {
        const i = perm[x];
        for (let y = x + 1; y < end; y++) {
          const j = perm[y];
          // The first tree searched into empty heaps holds each pair once: no duplicate checks.
          const d = squaredDistance(data, dim, i, j);
          heaps.pushNew(i, j, d);
          heaps.pushNew(j, i, d);
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

/** All pairs of the leaf perm[start .. start + count) into heaps that may hold some already. */
function searchLeaf(
  data: Float32Array,
  dim: number,
  perm: Int32Array,
  start: number,
  count: number,
  near: Float64Array,
  stamp: Int32Array,
  heaps: KnnHeaps,
): void {
  for (let x = 0; x < count; x++) {
    const i = perm[start + x];
    for (let y = x + 1; y < count; y++) {
      const d = squaredDistance(data, dim, i, perm[start + y]);
      near[x * count + y] = d;
      near[y * count + x] = d;
    }
  }
  for (let x = 0; x < count; x++) {
    const i = perm[start + x];
    heaps.mark(i, stamp);
    for (let y = 0; y < count; y++) {
      const j = perm[start + y];
      if (y !== x && stamp[j] !== i) heaps.pushNew(i, j, near[x * count + y]);
    }
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

/** Neighbours of neighbours for every row (see refineRow), from a sorted snapshot of the heaps. */
function refine(data: Float32Array, dim: number, heaps: KnnHeaps, fan: number): void {
  const { rows, k } = heaps;
  // Indices only: refineRow reads no distances (a rows x k array less, 0.35 GB at 972,288 rows).
  const snapshot = new Int32Array(rows * k);
  const rowIdx = new Int32Array(k);
  const rowDist = new Float32Array(k);
  const scratch = heaps.sortScratch();
  for (let i = 0; i < rows; i++) {
    heaps.sortRow(i, rowIdx, rowDist, 0, scratch);
    snapshot.set(rowIdx, i * k);
  }
  const stamp = new Int32Array(rows).fill(-1);
  for (let i = 0; i < rows; i++) refineRow(data, dim, heaps, snapshot, fan, i, stamp);
}

/**
 * Neighbours of neighbours for row i: tries the `fan` nearest neighbours of its `fan` nearest,
 * as listed in `snapshot` (the heaps sorted, rows x k), each candidate once. A row's heap
 * changes alone, so rows can be refined in any order, by different workers. `stamp` (rows
 * long, -1 or other rows) marks the candidates kept or tried.
 */
export function refineRow(
  data: Float32Array,
  dim: number,
  heaps: KnnHeaps,
  snapshot: Int32Array,
  fan: number,
  i: number,
  stamp: Int32Array,
): void {
  const k = heaps.k;
  const o = i * k;
  stamp[i] = i;
  for (let x = 0; x < k; x++) {
    const n = snapshot[o + x];
    if (n >= 0) stamp[n] = i;
  }
  for (let a = 0; a < fan; a++) {
    const n = snapshot[o + a];
    if (n < 0) continue;
    for (let b = 0; b < fan; b++) {
      const m = snapshot[n * k + b];
      if (m < 0 || stamp[m] === i) continue;
      stamp[m] = i;
      heaps.pushNew(i, m, squaredDistance(data, dim, i, m));
    }
  }
}
