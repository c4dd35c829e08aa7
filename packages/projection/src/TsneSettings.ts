import type { RepulsionMethod } from './TsneOptimizer.js';

/** Tuning of a t-SNE run; every field but `dim` has a default. */
export interface TsneSettings {
  /** Effective number of neighbours; default 30, capped at (N - 1) / 3. */
  perplexity?: number;
  /** Gradient steps in all, early exaggeration included; default 750 (as openTSNE). */
  iterations?: number;
  /** Seed of the PRNG (neighbour search, random initialisation); default 1. */
  seed?: number;
  /** Default max(N / exaggeration, 200), so max(N / 12, 200) with the default exaggeration. */
  learningRate?: number;
  /** Early exaggeration factor; default 12. */
  exaggeration?: number;
  /** Steps of early exaggeration; default 250 (fewer when `iterations` is small). */
  exaggerationIterations?: number;
  /** Repulsion estimate; default `auto` (Barnes-Hut below 5,000 points, FFT from there). */
  repulsion?: RepulsionMethod;
  /** Most boxes per side of the FFT interpolation grid (cost grows with its square); default 21 below 20,000 points, else 42. */
  fftBoxes?: number;
  /** Barnes-Hut opening angle; default 0.5. */
  theta?: number;
  /**
   * Workers for the gradient steps. By default a second worker shares the attraction from 8,000
   * rows on, where memory can be shared (Node; cross-origin isolated pages); 2 always asks for
   * it, 1 never. The layout is the same either way.
   */
  threads?: 1 | 2;
  /** Report progress every this many steps; default 10. */
  progressEvery?: number;
  /** Starting layout: `pca` (default, scaled to std 1e-4), `random`, or N x 2 coordinates. */
  initialization?: 'pca' | 'random' | Float32Array;
}
