import { StateMatrix } from '../StateMatrix.js';

/** The values of {@link DistanceMetric}. */
export const DISTANCE_METRICS = Object.freeze(['euclidean', 'cosine'] as const);
/** How the distance between two consecutive hidden states is measured. */
export type DistanceMetric = (typeof DISTANCE_METRICS)[number];

/**
 * Distance from h_t to h_t+1 for every step t of every sequence, in the original space.
 * The last step of each sequence has no successor and gets NaN.
 * Cosine distance is 1 - cos(h_t, h_t+1); two zero vectors are at distance 0.
 * States given as a {@link StateMatrix} are read a row at a time (int8 ones are never decoded whole).
 */
export function stepDistances(
  states: Float32Array | StateMatrix,
  dim: number,
  offsets: Uint32Array,
  metric: DistanceMetric = 'euclidean',
): Float32Array {
  const matrix = states instanceof StateMatrix ? states : StateMatrix.float32(states, dim);
  const steps = offsets[offsets.length - 1];
  const out = new Float32Array(steps);
  let a = new Float32Array(dim);
  let b = new Float32Array(dim);
  for (let s = 0; s + 1 < offsets.length; s++) {
    const end = offsets[s + 1];
    if (end > offsets[s]) matrix.row(offsets[s], a);
    for (let t = offsets[s]; t + 1 < end; t++) {
      matrix.row(t + 1, b);
      if (metric === 'euclidean') {
        let sum = 0;
        for (let k = 0; k < dim; k++) {
          const d = b[k] - a[k];
          sum += d * d;
        }
        out[t] = Math.sqrt(sum);
      } else {
        let dot = 0;
        let na = 0;
        let nb = 0;
        for (let k = 0; k < dim; k++) {
          const x = a[k];
          const y = b[k];
          dot += x * y;
          na += x * x;
          nb += y * y;
        }
        out[t] = na === 0 && nb === 0 ? 0 : na === 0 || nb === 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
      }
      [a, b] = [b, a]; // this step's successor is the next step's state
    }
    if (end > offsets[s]) out[end - 1] = NaN;
  }
  return out;
}

/** The distances divided by their maximum over the data (NaN entries stay NaN; all-zero stays zero). */
export function normalizeByMax(values: Float32Array): Float32Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  const out = new Float32Array(values.length);
  const scale = max > 0 ? 1 / max : 0;
  for (let i = 0; i < values.length; i++) out[i] = values[i] * scale;
  return out;
}
