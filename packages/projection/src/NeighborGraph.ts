/** k nearest neighbours of every row: row i owns entries i*k .. i*k+k-1, nearest first. */
export interface NeighborGraph {
  rows: number;
  k: number;
  indices: Int32Array;
  /** Squared Euclidean distances, matching `indices`. */
  distances: Float32Array;
  /**
   * A cache-friendly order of the rows (neighbours tend to be close in it), when the search
   * found one: the leaf order of its last random-projection tree.
   */
  order?: Int32Array;
}
