import type { ProvisionalSequence } from '@statescope/bus';
import { stepDistances, type DistanceMetric, type StateDataset } from '@statescope/core';

/** The largest step distance of each distances array (a dataset's, cached there): one scan each. */
const maxima = new WeakMap<Float32Array, number>();

function maxOf(distances: Float32Array): number {
  let max = maxima.get(distances);
  if (max === undefined) {
    max = 0;
    for (let i = 0; i < distances.length; i++) if (distances[i] > max) max = distances[i];
    maxima.set(distances, max);
  }
  return max;
}

/**
 * The distance from each provisional state to the next (NaN at the last), divided by the largest
 * step distance of the dataset in the same layer and metric, so that its bars share the dataset
 * bars' scale (a value above 1 moves further than any dataset step). Null when its states are not
 * of `layer`: a provisional sequence carries the top layer's h only.
 */
export function provisionalDistances(
  data: StateDataset,
  sequence: ProvisionalSequence,
  layer: string | null,
  metric: DistanceMetric,
): Float32Array | null {
  const top = data.layer();
  const length = sequence.tokens.length;
  if ((layer !== null && layer !== top.name) || sequence.hidden.length !== length * top.dim) return null;
  const raw = stepDistances(sequence.hidden, top.dim, Uint32Array.of(0, length), metric);
  const max = maxOf(data.stepDistances({ layer: top.name, metric }));
  const scale = max > 0 ? 1 / max : 0;
  for (let t = 0; t < raw.length; t++) raw[t] *= scale;
  return raw;
}
