/** A progress report of a running t-SNE or placement. */
export interface TsneProgress {
  /** Gradient steps done so far. */
  iteration: number;
  /** Gradient steps in all. */
  iterations: number;
  /** KL(P || Q) estimated at this step (NaN while no step has been measured). */
  kl: number;
  /**
   * The current layout, N x 2 row-major (for `place`, the new points only). A fresh buffer each
   * time, transferred from the worker: keep it, no copy needed.
   */
  embedding: Float32Array;
}
