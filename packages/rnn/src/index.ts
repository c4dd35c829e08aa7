/**
 * A small LSTM and GRU in TypeScript whose forward pass returns every hidden and cell state and
 * the expected prediction of every step: {@link runModel} for one sequence, {@link runToDataset}
 * for a {@link @statescope/core!StateDataset} the views show. Also seeded training
 * ({@link train}) and the weight format ({@link loadWeights}, {@link decodeWeights}). No DOM.
 *
 * @packageDocumentation
 * @module @statescope/rnn
 */
export { RnnModel, parameterLayout, gateCount } from './RnnModel.js';
export { layerGroupName } from './layerGroupName.js';
export type { RnnKind, RnnShape, ParameterGroup } from './RnnModel.js';
export { createLstm, createGru, createModel } from './createModel.js';
export type { ModelOptions } from './createModel.js';
export { seededRandom } from '@statescope/core';
export { Workspace } from './Workspace.js';
export { runModel, predictLast } from './runModel.js';
export type { RnnRun, RnnLayerRun } from './runModel.js';
export { ModelRunner } from './ModelRunner.js';
export type { ModelRunnerOptions } from './ModelRunner.js';
export { sequenceGradient } from './sequenceGradient.js';
export { Adam } from './Adam.js';
export type { AdamOptions } from './Adam.js';
export { train } from './train.js';
export type { TrainingData, TrainOptions, EpochReport } from './train.js';
export { evaluate } from './evaluate.js';
export type { Evaluation } from './evaluate.js';
export { runToDataset } from './runToDataset.js';
export type { LabelledSequence, RunToDatasetOptions } from './runToDataset.js';
export { tokenize } from './tokenize.js';
export { Vocabulary, UNKNOWN_TOKEN } from './Vocabulary.js';
export {
  encodeWeights,
  decodeWeights,
  saveWeights,
  loadWeights,
  WEIGHT_FORMAT,
  WEIGHT_VERSION,
} from './weightFormat.js';
export type { WeightManifest, WeightExtras } from './weightFormat.js';
