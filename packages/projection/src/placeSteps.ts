import { conditionalAffinities } from './conditionalAffinities.js';
import { nearestReferences } from './nearestReferences.js';
import { PlacementMap } from './PlacementMap.js';
import { placementSteps } from './placementSteps.js';
import type { PlaceSettings } from './PlaceSettings.js';
import type { TsneProgress } from './TsneProgress.js';

/** Neighbours per new point for a perplexity: 3 perplexity, as in t-SNE. */
export function placementNeighbors(perplexity: number, referenceRows: number): number {
  return Math.min(referenceRows, Math.max(1, Math.floor(3 * perplexity)));
}

/**
 * Out-of-sample placement of a `place()` job as a generator: the new rows' nearest reference
 * rows, their affinities, then the optimisation on the fixed reference map (placementSteps).
 */
export function* placeSteps(
  reference: Float32Array,
  referenceRows: number,
  referenceEmbedding: Float32Array,
  data: Float32Array,
  rows: number,
  dim: number,
  settings: PlaceSettings,
): Generator<TsneProgress, Float32Array, void> {
  const perplexity = Math.max(1, Math.min(settings.perplexity ?? 5, referenceRows / 3));
  const k = placementNeighbors(perplexity, referenceRows);
  const graph = nearestReferences(reference, referenceRows, data, rows, dim, k, settings.seed ?? 1);
  const p = conditionalAffinities(graph, perplexity);
  return yield* placementSteps(new PlacementMap(referenceEmbedding), graph.indices, p, graph.k, rows, settings);
}
