/** The values of {@link DistanceMetric}. */
export const DISTANCE_METRICS = Object.freeze(['euclidean', 'cosine'] as const);
/** How the distance between two consecutive hidden states is measured. */
export type DistanceMetric = (typeof DISTANCE_METRICS)[number];

/**
 * Distance from h_t to h_t+1 for every step t of every sequence, in the original space.
 * The last step of each sequence has no successor and gets NaN.
 * Cosine distance is 1 - cos(h_t, h_t+1); two zero vectors are at distance 0.
 */
export function stepDistances(
  states: Float32Array,
  dim: number,
  offsets: Uint32Array,
  metric: DistanceMetric = 'euclidean',
): Float32Array {
  const steps = offsets[offsets.length - 1];
  const out = new Float32Array(steps);
  for (let s = 0; s + 1 < offsets.length; s++) {
    const end = offsets[s + 1];
    for (let t = offsets[s]; t + 1 < end; t++) {
      const a = t * dim;
      const b = a + dim;
      if (metric === 'euclidean') {
        let sum = 0;
        for (let k = 0; k < dim; k++) {
          const d = states[b + k] - states[a + k];
          sum += d * d;
        }
        out[t] = Math.sqrt(sum);
      } else {
        let dot = 0;
        let na = 0;
        let nb = 0;
        for (let k = 0; k < dim; k++) {
          const x = states[a + k];
          const y = states[b + k];
          dot += x * y;
          na += x * x;
          nb += y * y;
        }
        out[t] = na === 0 && nb === 0 ? 0 : na === 0 || nb === 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
      }
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
