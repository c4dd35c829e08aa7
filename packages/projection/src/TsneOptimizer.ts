import { AttractionHelper, type HelperPort } from './AttractionHelper.js';
import { attractiveForces } from './attractiveForces.js';
import { barnesHutRepulsion } from './barnesHutRepulsion.js';
import { InterpolationGrid } from './InterpolationGrid.js';
import { interpolatedRepulsion } from './interpolatedRepulsion.js';
import type { SparseAffinities } from './symmetricAffinities.js';

/** How the repulsion is estimated; `auto` picks FFT interpolation from this many points on. */
export type RepulsionMethod = 'auto' | 'barnes-hut' | 'fft';
const FFT_FROM = 5000;
/** Below this many points the FFT grid has at most 21 boxes a side, else 42. */
const COARSE_GRID_BELOW = 20_000;
/**
 * Share of the attraction pairs the helper takes with Barnes-Hut repulsion: this thread also
 * builds and walks the tree and applies the update.
 */
const BARNES_HUT_SHARE = 0.9;
/**
 * Costs of this thread's own work per step in units of one attraction pair, from profiles
 * (V8, x86-64; 96,617 IMDB states; both threads' CPU time over a run equal within 2 %):
 * spreading a point onto the FFT grid, reading its potentials back and updating it cost as
 * much as 30 pairs; the grid's transforms 2.5 pairs per m^2 log2 m (m = FFT side); a pair
 * costs 2.5 plain ones where the KL is measured (a log each).
 */
const POINT_COST = 30;
const TRANSFORM_COST = 2.5;
const MEASURED_PAIR_COST = 2.5;

export interface OptimizerOptions {
  /** Total gradient steps, early exaggeration included. */
  iterations: number;
  /** Default max(N / exaggeration, 200) (Belkina et al. 2019). */
  learningRate?: number;
  exaggeration?: number;
  exaggerationIterations?: number;
  /** Barnes-Hut opening angle. */
  theta?: number;
  repulsion?: RepulsionMethod;
  /** Most interpolation boxes per side of the FFT grid (10, 21, 42, 85 or 170). */
  fftBoxes?: number;
  /** A second worker to share the attraction with (see AttractionHelper). */
  helper?: HelperPort;
}

/**
 * Gradient descent on the t-SNE objective, one `step()` at a time so that the caller can report
 * progress and stop between steps: early exaggeration, momentum 0.5 then 0.8, per-coordinate
 * gains, attraction over the sparse P, repulsion by Barnes-Hut or FFT interpolation.
 */
export class TsneOptimizer {
  /** The embedding, interleaved x, y (float64 while optimising). */
  readonly y: Float64Array;
  iteration = 0;
  readonly iterations: number;
  private p: SparseAffinities;
  private readonly rows: number;
  private readonly update: Float64Array;
  private readonly gains: Float64Array;
  private readonly force: Float64Array;
  private readonly attraction: Float64Array;
  /** Attraction of the pairs in rows 0..split-1 (the helper's output when there is one). */
  private readonly firstPart: Float64Array;
  private readonly learningRate: number;
  private readonly exaggeration: number;
  private readonly exaggerationIterations: number;
  private readonly theta: number;
  private readonly useFft: boolean;
  private readonly grid: InterpolationGrid;
  private lastKl = NaN;
  private readonly helper: AttractionHelper | undefined;
  private readonly pLogP: number;

  constructor(p: SparseAffinities, init: Float64Array, options: OptimizerOptions) {
    this.p = p;
    this.rows = p.rows;
    this.helper = options.helper ? new AttractionHelper(options.helper, p, init) : undefined;
    if (this.helper) this.p = this.helper.p;
    this.y = this.helper ? this.helper.y : Float64Array.from(init);
    this.iterations = options.iterations;
    this.update = new Float64Array(2 * this.rows);
    this.gains = new Float64Array(2 * this.rows).fill(1);
    this.force = new Float64Array(2 * this.rows);
    this.attraction = new Float64Array(2 * this.rows);
    this.firstPart = this.helper ? this.helper.out : new Float64Array(2 * this.rows);
    this.exaggeration = options.exaggeration ?? 12;
    this.exaggerationIterations = Math.min(options.exaggerationIterations ?? 250, this.iterations);
    this.learningRate = options.learningRate ?? Math.max(this.rows / this.exaggeration, 200);
    this.theta = options.theta ?? 0.5;
    let pLogP = 0;
    for (let e = 0; e < p.vals.length; e++) if (p.vals[e] > 0) pLogP += p.vals[e] * Math.log(p.vals[e]);
    // Both triangles.
    this.pLogP = 2 * pLogP;
    // The FFT costs the same at any N for a given grid: small maps get the coarse one.
    this.grid = new InterpolationGrid(options.fftBoxes ?? (this.rows < COARSE_GRID_BELOW ? 21 : 42));
    const method = options.repulsion ?? 'auto';
    this.useFft = method === 'fft' || (method === 'auto' && this.rows >= FFT_FROM);
  }

  get done(): boolean {
    return this.iteration >= this.iterations;
  }

  /** One gradient step; with `measureKl`, also estimates KL(P || Q) at the pre-step layout. */
  step(measureKl = false): void {
    const { y, rows, force, update, gains } = this;
    const early = this.iteration < this.exaggerationIterations;
    const exaggeration = early ? this.exaggeration : 1;
    const momentum = early ? 0.5 : 0.8;
    const helper = this.helper;
    const split = this.splitRow(measureKl);
    helper?.request(measureKl, split);
    const z = this.useFft
      ? interpolatedRepulsion(y, rows, this.grid, force)
      : barnesHutRepulsion(y, rows, this.theta, force);
    const invZ = 1 / z;
    const { attraction, firstPart } = this;
    let firstKl = 0;
    if (!helper) {
      firstPart.fill(0);
      firstKl = attractiveForces(y, this.p, firstPart, measureKl, 0, split);
    }
    attraction.fill(0);
    const secondKl = attractiveForces(y, this.p, attraction, measureKl, split, rows);
    if (helper) firstKl = helper.wait();
    const klSum = firstKl + secondKl;
    const lr = this.learningRate;
    let meanX = 0;
    let meanY = 0;
    for (let i = 0; i < rows; i++) {
      const ax = firstPart[2 * i] + attraction[2 * i];
      const ay = firstPart[2 * i + 1] + attraction[2 * i + 1];
      const gx = exaggeration * ax - force[2 * i] * invZ;
      const gy = exaggeration * ay - force[2 * i + 1] * invZ;
      // Gains grow where the gradient keeps changing direction against the update, else shrink.
      const ix = 2 * i;
      let gain = gx > 0 !== update[ix] > 0 ? gains[ix] + 0.2 : gains[ix] * 0.8;
      if (gain < 0.01) gain = 0.01;
      gains[ix] = gain;
      update[ix] = momentum * update[ix] - lr * gain * gx;
      const iy = ix + 1;
      gain = gy > 0 !== update[iy] > 0 ? gains[iy] + 0.2 : gains[iy] * 0.8;
      if (gain < 0.01) gain = 0.01;
      gains[iy] = gain;
      update[iy] = momentum * update[iy] - lr * gain * gy;
      meanX += update[ix];
      meanY += update[iy];
    }
    meanX /= rows;
    meanY /= rows;
    // KL = sum p log p + sum p log(1 + d^2) + log Z, since q_ij = 1 / ((1 + d^2) Z) and sum p = 1.
    if (measureKl) this.lastKl = this.pLogP + klSum + Math.log(z);
    // Applying the updates after the loop keeps every gradient on one snapshot; re-centring
    // keeps the map around the origin (t-SNE is translation invariant).
    for (let i = 0; i < rows; i++) {
      y[2 * i] += update[2 * i] - meanX;
      y[2 * i + 1] += update[2 * i + 1] - meanY;
    }
    this.iteration++;
  }

  /**
   * The row that splits this step's attraction in two parts: the helper's (or, alone, the first
   * call's) rows 0..split-1 and this thread's rest. The pairs are split whether or not a helper
   * takes a part, so that the sums, and the layout, are the same bit for bit with one worker or
   * two. The share balances the two threads: the helper's pairs against this thread's pairs plus
   * its repulsion and update, by the cost model above. It depends only on the state (previous
   * grid, KL measured or not), never on timings, so the layout stays a function of the seed.
   */
  private splitRow(measureKl: boolean): number {
    let share = BARNES_HUT_SHARE;
    if (this.useFft) {
      const pairs = this.p.rowPtr[this.rows] * (measureKl ? MEASURED_PAIR_COST : 1);
      const m = this.grid.transformSize;
      const own = this.rows * POINT_COST + (m > 0 ? TRANSFORM_COST * m * m * Math.log2(m) : 0);
      share = Math.min(0.95, Math.max(0.5, (pairs + own) / (2 * pairs)));
    }
    return AttractionHelper.splitRows(this.p, share);
  }

  /** The KL divergence measured by the latest `step(true)` (NaN before any). */
  get kl(): number {
    return this.lastKl;
  }

  /** Stops the helper worker, if any. */
  release(): void {
    this.helper?.stop();
  }
}
