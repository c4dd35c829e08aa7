import type { NeighborGraph } from './NeighborGraph.js';

/**
 * p(j|i) over each row's k neighbours: a Gaussian whose bandwidth is found by binary search so
 * that the row's perplexity is `perplexity` (capped at k, which a short row cannot exceed).
 * Returns rows x k weights, each row summing to 1, aligned with `graph.indices`.
 */
export function conditionalAffinities(graph: NeighborGraph, perplexity: number): Float32Array {
  const { rows, k, distances } = graph;
  const out = new Float32Array(rows * k);
  const target = Math.log(Math.min(perplexity, k));
  const p = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    const o = i * k;
    // Distances relative to the nearest keep exp() in range whatever the scale of the data.
    const d0 = distances[o];
    let beta = 1;
    let lo = 0;
    let hi = Infinity;
    for (let iter = 0; iter < 200; iter++) {
      let sum = 0;
      let weighted = 0;
      for (let x = 0; x < k; x++) {
        const d = distances[o + x] - d0;
        const w = Math.exp(-beta * d);
        p[x] = w;
        sum += w;
        weighted += w * d;
      }
      const entropy = Math.log(sum) + (beta * weighted) / sum;
      const diff = entropy - target;
      if (Math.abs(diff) < 1e-5) break;
      // Entropy falls as beta grows.
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    let sum = 0;
    for (let x = 0; x < k; x++) sum += p[x];
    for (let x = 0; x < k; x++) out[o + x] = p[x] / sum;
  }
  return out;
}
