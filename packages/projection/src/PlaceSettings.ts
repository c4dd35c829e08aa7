/** Tuning of an out-of-sample placement; all optional. */
export interface PlaceSettings {
  /** Perplexity over the reference neighbours of each new point; default 5 (as openTSNE). */
  perplexity?: number;
  /** Gradient steps; default 100. */
  iterations?: number;
  /** Seed of the neighbour search; default 1. */
  seed?: number;
  /** Step size; default 1. */
  learningRate?: number;
  /** Report progress every this many steps; default 10. */
  progressEvery?: number;
}
