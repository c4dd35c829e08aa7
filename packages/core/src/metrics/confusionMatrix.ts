/**
 * Confusion matrix, row-major classCount x classCount: entry [true * classCount + predicted]
 * counts the sequences of that true class given that prediction.
 */
export function confusionMatrix(labels: Int32Array, predictions: Int32Array, classCount: number): Uint32Array {
  const matrix = new Uint32Array(classCount * classCount);
  for (let s = 0; s < labels.length; s++) matrix[labels[s] * classCount + predictions[s]]++;
  return matrix;
}

/** Number of sequences of each class (by the given per-sequence class indices). */
export function classCounts(classesOfSequences: Int32Array, classCount: number): Uint32Array {
  const counts = new Uint32Array(classCount);
  for (let s = 0; s < classesOfSequences.length; s++) counts[classesOfSequences[s]]++;
  return counts;
}
