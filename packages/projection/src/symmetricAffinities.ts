import type { NeighborGraph } from './NeighborGraph.js';

/**
 * The upper triangle of a sparse symmetric matrix in compressed rows: row i owns
 * cols/vals[rowPtr[i] .. rowPtr[i+1]), all with column j > i; entry (i, j) stands for (j, i) too.
 */
export interface SparseAffinities {
  rows: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/** Where {@link symmetricAffinities} finds its rows and puts its pairs, when not the defaults. */
export interface AffinityBuffers {
  /**
   * Row r of the graph (and of `conditional`) lies at entries at[r] * k .. at[r] * k + k - 1,
   * for rows stored out of order; by default at r * k.
   */
  at?: Int32Array;
  /**
   * Memory for the pairs (neither the graph's nor `conditional`), used when both hold rows x k
   * entries, the most there can be; the result's `cols` and `vals` are then views of them.
   */
  cols?: Int32Array;
  vals?: Float32Array;
}

/**
 * P = (P_cond + P_cond^T) / (2N): the joint input affinities of t-SNE, summing to 1 over both
 * triangles. Only the upper triangle is kept: half the memory, and the attraction computes each
 * pair once and applies it to both points.
 */
export function symmetricAffinities(
  graph: Pick<NeighborGraph, 'rows' | 'k' | 'indices'>,
  conditional: Float32Array,
  buffers: AffinityBuffers = {},
): SparseAffinities {
  const { rows, k, indices } = graph;
  const { at } = buffers;
  // Upper bound per row: every listed pair goes to the row of its smaller index.
  const count = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = (at ? at[i] : i) * k;
    for (let x = 0; x < k; x++) count[Math.min(i, indices[o + x])]++;
  }
  const bound = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) bound[i + 1] = bound[i] + count[i];
  const fill = bound.slice(0, rows);
  // The bound is rows x k exactly (each listed pair counted once), so buffers of that size fit.
  const fits = (buffers.cols?.length ?? -1) >= bound[rows] && (buffers.vals?.length ?? -1) >= bound[rows];
  const cols = fits ? buffers.cols! : new Int32Array(bound[rows]);
  const vals = fits ? buffers.vals! : new Float32Array(bound[rows]);
  const scale = 1 / (2 * rows);
  for (let i = 0; i < rows; i++) {
    const o = (at ? at[i] : i) * k;
    for (let x = 0; x < k; x++) {
      const j = indices[o + x];
      const lo = i < j ? i : j;
      cols[fill[lo]] = i < j ? j : i;
      vals[fill[lo]++] = conditional[o + x] * scale;
    }
  }
  // Merge duplicate columns in place (a pair listed from both sides), compacting the rows.
  const slot = new Int32Array(rows).fill(-1);
  const rowPtr = new Int32Array(rows + 1);
  let w = 0;
  for (let i = 0; i < rows; i++) {
    const start = w;
    for (let e = bound[i]; e < fill[i]; e++) {
      const j = cols[e];
      const first = slot[j];
      if (first >= start) {
        vals[first] += vals[e];
      } else {
        slot[j] = w;
        cols[w] = j;
        vals[w++] = vals[e];
      }
    }
    rowPtr[i + 1] = w;
  }
  // Views, not copies: a copy would briefly need both at 100,000 points (memory peak).
  return { rows, rowPtr, cols: cols.subarray(0, w), vals: vals.subarray(0, w) };
}
