import { StatescopeError } from '@statescope/core';
import type { RnnModel } from './RnnModel.js';
import { Workspace } from './Workspace.js';
import { predictLast } from './runModel.js';

/** Predictions of a model on labelled sequences. */
export interface Evaluation {
  /** Fraction of sequences whose predicted class (argmax after the last token) equals the label. */
  accuracy: number;
  /** Number of sequences predicted correctly. */
  correct: number;
  /** Number of sequences evaluated. */
  count: number;
  /** Predicted class per sequence. */
  predictions: Int32Array;
}

/** Predicts every sequence and compares with the labels. */
export function evaluate(
  model: RnnModel,
  tokenIds: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
): Evaluation {
  if (tokenIds.length !== labels.length || tokenIds.length === 0) {
    throw new StatescopeError(`needs one label per sequence (${tokenIds.length} sequences, ${labels.length} labels)`, {
      field: 'labels',
    });
  }
  const ws = new Workspace(model);
  const predictions = new Int32Array(tokenIds.length);
  let correct = 0;
  for (let s = 0; s < tokenIds.length; s++) {
    const probabilities = predictLast(model, tokenIds[s], ws);
    let best = 0;
    for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
    predictions[s] = best;
    if (best === labels[s]) correct++;
  }
  return { accuracy: correct / tokenIds.length, correct, count: tokenIds.length, predictions };
}
