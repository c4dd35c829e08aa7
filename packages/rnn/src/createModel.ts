import { layerGroupName } from './layerGroupName.js';
import { RnnModel, type RnnKind, type RnnShape } from './RnnModel.js';
import { seededRandom } from '@statescope/core';

/** Sizes and seed of a new model. */
export interface ModelOptions extends Omit<RnnShape, 'kind'> {
  /** Seed of the initialisation; the same seed gives the same weights. */
  seed?: number;
}

/** A new LSTM classifier with seeded random weights. */
export function createLstm(options: ModelOptions): RnnModel {
  return createModel('lstm', options);
}

/** A new GRU classifier with seeded random weights. */
export function createGru(options: ModelOptions): RnnModel {
  return createModel('gru', options);
}

/**
 * A new model with seeded random weights: embeddings U(-0.1, 0.1); recurrent layers
 * U(-1/sqrt(hidden), 1/sqrt(hidden)) as in PyTorch; head Glorot-uniform; biases zero except the
 * LSTM forget gate (1), which keeps early gradients flowing through long sequences.
 */
export function createModel(kind: RnnKind, options: ModelOptions): RnnModel {
  const { seed = 1, ...sizes } = options;
  const model = new RnnModel({ kind, ...sizes });
  const random = seededRandom(seed);
  const fill = (name: string, limit: number): void => {
    const values = model.group(name);
    for (let i = 0; i < values.length; i++) values[i] = (2 * random() - 1) * limit;
  };
  const { hiddenDim: h, classCount } = model;
  fill('embedding', 0.1);
  for (let layer = 0; layer < model.layers; layer++) {
    fill(layerGroupName('inputWeights', layer), 1 / Math.sqrt(h));
    fill(layerGroupName('recurrentWeights', layer), 1 / Math.sqrt(h));
  }
  fill('outputWeights', Math.sqrt(6 / (h + classCount)));
  if (kind === 'lstm') {
    for (let layer = 0; layer < model.layers; layer++) model.group(layerGroupName('bias', layer)).fill(1, h, 2 * h);
  }
  return model;
}
