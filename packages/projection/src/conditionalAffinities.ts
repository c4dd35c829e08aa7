import type { NeighborGraph } from './NeighborGraph.js';

/**
 * p(j|i) over each row's k neighbours: a Gaussian whose bandwidth is found by binary search so
 * that the row's perplexity is `perplexity` (capped at k, which a short row cannot exceed).
 * Returns rows x k weights, each row summing to 1, aligned with `graph.indices`.
 */
export function conditionalAffinities(graph: NeighborGraph, perplexity: number): Float32Array {
  const { rows, k, distances } = graph;
  const out = new Float32Array(rows * k);
  const p = new Float64Array(k);
  for (let i = 0; i < rows; i++) rowAffinities(distances, i * k, k, perplexity, out, p);
  return out;
}

/**
 * One row of `conditionalAffinities`: the k distances at distances[o..o+k) (nearest first) to
 * weights at out[o..o+k). Rows are independent, so different workers can compute them. `p`
 * (k long) is scratch.
 */
export function rowAffinities(
  distances: Float32Array,
  o: number,
  k: number,
  perplexity: number,
  out: Float32Array,
  p: Float64Array,
): void {
  const target = Math.log(Math.min(perplexity, k));
  // Distances relative to the nearest keep exp() in range whatever the scale of the data.
  const d0 = distances[o];
  // Start where the perplexity-th neighbour has weight 1/e: near the answer whatever the
  // scale of the data, so the search takes a handful of steps instead of dozens.
  const spread = distances[o + Math.min(k - 1, Math.max(1, Math.round(perplexity)))] - d0;
  let beta = spread > 0 ? 1 / spread : 1;
  let lo = 0;
  let hi = Infinity;
  for (let iter = 0; iter < 200; iter++) {
    let sum = 0;
    let m1 = 0;
    let m2 = 0;
    for (let x = 0; x < k; x++) {
      const d = distances[o + x] - d0;
      const w = Math.exp(-beta * d);
      p[x] = w;
      sum += w;
      m1 += w * d;
      m2 += w * d * d;
    }
    m1 /= sum;
    m2 /= sum;
    const entropy = Math.log(sum) + beta * m1;
    const diff = entropy - target;
    if (Math.abs(diff) < 1e-5) break;
    // Entropy falls as beta grows.
    if (diff > 0) lo = beta;
    else hi = beta;
    // Newton's step (dH/dbeta = -beta Var(d)), kept inside the bracket; else bisect.
    const slope = -beta * (m2 - m1 * m1);
    const newton = slope < 0 ? beta - diff / slope : NaN;
    if (newton > lo && newton < hi) beta = newton;
    else beta = hi === Infinity ? Math.min(beta * 2, Number.MAX_VALUE) : (lo + hi) / 2;
  }
  let sum = 0;
  for (let x = 0; x < k; x++) sum += p[x];
  for (let x = 0; x < k; x++) out[o + x] = p[x] / sum;
}
