/**
 * Steps whose predicted class differs from the previous step's, within the same sequence
 * (the first step of a sequence never counts). Ascending step indices.
 */
export function predictionChanges(stepClasses: Uint16Array, offsets: Uint32Array): Uint32Array {
  let count = 0;
  const marks = new Uint8Array(stepClasses.length);
  for (let s = 0; s + 1 < offsets.length; s++) {
    for (let t = offsets[s] + 1; t < offsets[s + 1]; t++) {
      if (stepClasses[t] !== stepClasses[t - 1]) {
        marks[t] = 1;
        count++;
      }
    }
  }
  const steps = new Uint32Array(count);
  for (let t = 0, k = 0; t < marks.length; t++) if (marks[t]) steps[k++] = t;
  return steps;
}

/**
 * For every step t, the largest absolute change of any class's expected prediction from t to
 * t+1 (for a binary model, |p_t+1 - p_t|). NaN at the last step of each sequence.
 */
export function expectedPredictionChanges(
  probabilities: Float32Array,
  classCount: number,
  offsets: Uint32Array,
): Float32Array {
  const out = new Float32Array(probabilities.length / classCount);
  for (let s = 0; s + 1 < offsets.length; s++) {
    const end = offsets[s + 1];
    for (let t = offsets[s]; t + 1 < end; t++) {
      let max = 0;
      for (let c = 0; c < classCount; c++) {
        const d = Math.abs(probabilities[(t + 1) * classCount + c] - probabilities[t * classCount + c]);
        if (d > max) max = d;
      }
      out[t] = max;
    }
    if (end > offsets[s]) out[end - 1] = NaN;
  }
  return out;
}
