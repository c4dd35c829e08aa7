import type { NeighborGraph } from './NeighborGraph.js';

/**
 * Renumbers the rows of a neighbour graph so that new row r is old row order[r]. The optimiser
 * then reads the layout of a point's neighbours from nearby memory, which matters at 100,000
 * points where random reads miss the cache.
 */
export function permuteGraph(graph: NeighborGraph, order: Int32Array): NeighborGraph {
  const { rows, k } = graph;
  const rank = new Int32Array(rows);
  for (let r = 0; r < rows; r++) rank[order[r]] = r;
  const indices = new Int32Array(rows * k);
  const distances = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const src = order[r] * k;
    const dst = r * k;
    for (let x = 0; x < k; x++) {
      indices[dst + x] = rank[graph.indices[src + x]];
      distances[dst + x] = graph.distances[src + x];
    }
  }
  return { rows, k, indices, distances };
}
