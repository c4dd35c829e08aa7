import type { HelperPort } from './AttractionHelper.js';
import { conditionalAffinities } from './conditionalAffinities.js';
import { seededRandom } from '@statescope/core';
import { nearestNeighbors, searchesExactly } from './nearestNeighbors.js';
import { permuteGraph } from './permuteGraph.js';
import { projectPca } from './projectPca.js';
import { sharedPreparation } from './sharedPreparation.js';
import { symmetricAffinities, type SparseAffinities } from './symmetricAffinities.js';
import { TsneOptimizer } from './TsneOptimizer.js';
import type { TsneProgress } from './TsneProgress.js';
import type { TsneSettings } from './TsneSettings.js';

/** The resolved perplexity: capped so that 3 x perplexity neighbours exist. */
export function effectivePerplexity(rows: number, perplexity = 30): number {
  return Math.max(1, Math.min(perplexity, (rows - 1) / 3));
}

/**
 * The whole t-SNE as a generator (synchronous work between yields): neighbours, affinities,
 * initialisation, then gradient steps, yielding progress every `progressEvery` steps and
 * returning the final N x 2 layout. The worker runs it to completion; the inline runner
 * interleaves it with the event loop.
 */
export function* tsneSteps(
  data: Float32Array,
  rows: number,
  dim: number,
  settings: TsneSettings,
  helper?: HelperPort,
): Generator<TsneProgress, Float32Array, void> {
  const iterations = settings.iterations ?? 750;
  const progressEvery = Math.max(1, Math.floor(settings.progressEvery ?? 10));
  const { optimizer, order } = prepare(data, rows, dim, settings, iterations, helper);
  // The optimiser works in the neighbour search's order; layouts are reported in the caller's.
  const layout = (y: Float64Array): Float32Array => {
    const out = new Float32Array(2 * rows);
    for (let r = 0; r < rows; r++) {
      const i = order ? order[r] : r;
      out[2 * i] = y[2 * r];
      out[2 * i + 1] = y[2 * r + 1];
    }
    return out;
  };
  try {
    yield { iteration: 0, iterations, kl: NaN, embedding: layout(optimizer.y) };
    while (!optimizer.done) {
      const report = (optimizer.iteration + 1) % progressEvery === 0 || optimizer.iteration + 1 === iterations;
      optimizer.step(report);
      if (report) {
        yield { iteration: optimizer.iteration, iterations, kl: optimizer.kl, embedding: layout(optimizer.y) };
      }
    }
    return layout(optimizer.y);
  } finally {
    optimizer.release();
  }
}

/**
 * Neighbours, affinities and the starting layout, in a function of its own so that its large
 * intermediates (neighbour heaps, graphs) are garbage once the optimiser exists: a generator's
 * locals would live as long as the generator.
 */
function prepare(
  data: Float32Array,
  rows: number,
  dim: number,
  settings: TsneSettings,
  iterations: number,
  helper: HelperPort | undefined,
): { optimizer: TsneOptimizer; order: Int32Array | undefined } {
  const seed = settings.seed ?? 1;
  const perplexity = effectivePerplexity(rows, settings.perplexity);
  const k = Math.min(rows - 1, Math.max(1, Math.floor(3 * perplexity)));
  const initialization = settings.initialization ?? 'pca';
  let affinities: SparseAffinities;
  let order: Int32Array | undefined;
  let init: Float64Array;
  if (helper && !searchesExactly(rows)) {
    // Two workers: the same affinities and PCA as below, in about half the time.
    const shared = sharedPreparation(data, rows, dim, k, perplexity, seed, initialization === 'pca', helper);
    ({ affinities, order } = shared);
    init = initialLayout(data, rows, dim, initialization, seed, shared.pc);
  } else {
    let graph = nearestNeighbors(data, rows, dim, k, seed);
    order = graph.order;
    if (order) graph = permuteGraph(graph, order);
    init = initialLayout(data, rows, dim, initialization, seed);
    affinities = symmetricAffinities(graph, conditionalAffinities(graph, perplexity));
  }
  if (order) {
    const y0 = Float64Array.from(init);
    for (let r = 0; r < rows; r++) {
      init[2 * r] = y0[2 * order[r]];
      init[2 * r + 1] = y0[2 * order[r] + 1];
    }
  }
  const optimizer = new TsneOptimizer(affinities, init, {
    iterations,
    learningRate: settings.learningRate,
    exaggeration: settings.exaggeration,
    exaggerationIterations: settings.exaggerationIterations,
    theta: settings.theta,
    repulsion: settings.repulsion,
    fftBoxes: settings.fftBoxes,
    helper,
  });
  return { optimizer, order };
}

/**
 * PCA scaled so the first axis has std 1e-4 (as openTSNE), a tiny random cloud, or given.
 * `computed`: the PCA, when already computed.
 */
function initialLayout(
  data: Float32Array,
  rows: number,
  dim: number,
  init: 'pca' | 'random' | Float32Array,
  seed: number,
  computed?: Float32Array,
): Float64Array {
  if (init instanceof Float32Array) return Float64Array.from(init);
  const y = new Float64Array(2 * rows);
  if (init === 'random') {
    const random = seededRandom(seed ^ 0x5bd1e995);
    for (let i = 0; i < 2 * rows; i++) y[i] = (random() - 0.5) * 2e-4;
    return y;
  }
  const pc = computed ?? projectPca(data, rows, dim, 2);
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += pc[2 * i];
  mean /= rows;
  let variance = 0;
  for (let i = 0; i < rows; i++) variance += (pc[2 * i] - mean) ** 2;
  const std = Math.sqrt(variance / rows);
  const scale = std > 0 ? 1e-4 / std : 1;
  // A seeded jitter (about 1 % of that spread) gives rank-1 data a second dimension to unfold
  // into; without it the layout would stay on the first principal axis.
  const random = seededRandom(seed ^ 0x2545f491);
  for (let i = 0; i < 2 * rows; i++) y[i] = pc[i] * scale + (random() - 0.5) * 2e-6;
  return y;
}
