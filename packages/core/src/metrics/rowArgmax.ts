/** The most probable class of every step and its probability (the confidence). */
export interface RowArgmax {
  /** Class index per step (ties go to the lower index). */
  classes: Uint16Array;
  /** Probability of that class per step. */
  confidences: Float32Array;
}

/** Argmax and maximum of every row of a row-major steps x classCount matrix. */
export function rowArgmax(probabilities: Float32Array, classCount: number): RowArgmax {
  const steps = probabilities.length / classCount;
  const classes = new Uint16Array(steps);
  const confidences = new Float32Array(steps);
  for (let t = 0, i = 0; t < steps; t++, i += classCount) {
    let best = 0;
    let bestValue = probabilities[i];
    for (let c = 1; c < classCount; c++) {
      if (probabilities[i + c] > bestValue) {
        bestValue = probabilities[i + c];
        best = c;
      }
    }
    classes[t] = best;
    confidences[t] = bestValue;
  }
  return { classes, confidences };
}
