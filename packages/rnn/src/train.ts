import { StatescopeError } from '@statescope/core';
import type { RnnModel } from './RnnModel.js';
import { Adam } from './Adam.js';
import { Workspace } from './Workspace.js';
import { seededRandom } from '@statescope/core';
import { sequenceGradient } from './sequenceGradient.js';

/** Labelled token sequences to train on. */
export interface TrainingData {
  /** The token ids of each sequence. */
  tokenIds: readonly ArrayLike<number>[];
  /** The true class of each sequence. */
  labels: ArrayLike<number>;
}

/** What {@link train} reports after every epoch. */
export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** Mean cross-entropy over the epoch's sequences. */
  loss: number;
  /** Seconds the epoch took. */
  seconds: number;
  /** The learning rate the epoch used. */
  learningRate: number;
}

/** How {@link train} trains. */
export interface TrainOptions {
  /** Passes over the data. */
  epochs: number;
  /** Sequences per Adam step (default 32). */
  batchSize?: number;
  /** Adam's learning rate in the first epoch (default 3e-3). */
  learningRate?: number;
  /** The learning rate is multiplied by this after every epoch (default 1). */
  learningRateDecay?: number;
  /** Gradients whose global norm exceeds this are scaled down to it (default 5). */
  clipNorm?: number;
  /** Seed of the shuffling; same seed, same data, same model -> same weights. */
  seed?: number;
  /** Called after each batch with the batch number within the epoch and its mean loss. */
  onBatch?: (batch: number, loss: number) => void;
  /** Called after each epoch (e.g. to evaluate and keep the best weights). */
  onEpoch?: (report: EpochReport) => void;
}

/**
 * Trains a model in place by backpropagation through time on the loss after each sequence's
 * last token, with mini-batch Adam and global-norm gradient clipping. Deterministic: the same
 * seed, data and initial weights give the same weights bit for bit. Returns one report per epoch.
 * One-layer models only: a model with `layers` > 1 is refused.
 *
 * @example
 * A tiny model on a toy task (is "good" in the text?), trained and saved (Node):
 * ```ts
 * import { Vocabulary, createLstm, evaluate, saveWeights, train } from '@statescope/rnn';
 *
 * const texts = [['a', 'good', 'film'], ['a', 'bad', 'film'], ['good', 'acting'], ['bad', 'acting']];
 * const labels = [1, 0, 1, 0];
 * const vocabulary = Vocabulary.fromCorpus(texts, { maxSize: 100 });
 * const tokenIds = texts.map((tokens) => vocabulary.encode(tokens));
 * const model = createLstm({ vocabularySize: vocabulary.size, embeddingDim: 8, hiddenDim: 8, classCount: 2 });
 * train(model, { tokenIds, labels }, { epochs: 30, batchSize: 2, learningRate: 0.02, seed: 1 });
 * console.log(evaluate(model, tokenIds, labels).accuracy);
 * await saveWeights(model, 'toy.model.json', { classes: ['no', 'yes'], vocabulary: [...vocabulary.tokens] });
 * ```
 */
export function train(model: RnnModel, data: TrainingData, options: TrainOptions): EpochReport[] {
  const count = data.tokenIds.length;
  if (count === 0 || data.labels.length !== count) {
    throw new StatescopeError(`needs one label per sequence (${count} sequences, ${data.labels.length} labels)`, {
      field: 'labels',
    });
  }
  if (model.layers > 1) {
    throw new StatescopeError(`training supports one recurrent layer; this model has ${model.layers}`, {
      field: 'layers',
    });
  }
  const batchSize = options.batchSize ?? 32;
  const clipNorm = options.clipNorm ?? 5;
  const decay = options.learningRateDecay ?? 1;
  if (!Number.isInteger(options.epochs) || options.epochs < 1) {
    throw new StatescopeError(`must be a positive integer, got ${String(options.epochs)}`, { field: 'epochs' });
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new StatescopeError(`must be a positive integer, got ${String(options.batchSize)}`, { field: 'batchSize' });
  }
  const random = seededRandom(options.seed ?? 1);
  const adam = new Adam(model.parameters.length, { learningRate: options.learningRate ?? 3e-3 });
  const gradient = new Float64Array(model.parameters.length);
  const ws = new Workspace(model);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const reports: EpochReport[] = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const start = performance.now();
    shuffle(order, random);
    let total = 0;
    for (let from = 0, batch = 0; from < count; from += batchSize, batch++) {
      const to = Math.min(count, from + batchSize);
      gradient.fill(0);
      let batchLoss = 0;
      for (let i = from; i < to; i++) {
        const s = order[i];
        batchLoss += sequenceGradient(model, data.tokenIds[s], data.labels[s], gradient, ws);
      }
      total += batchLoss;
      const size = to - from;
      let norm = 0;
      for (let i = 0; i < gradient.length; i++) norm += gradient[i] * gradient[i];
      norm = Math.sqrt(norm) / size;
      const scale = norm > clipNorm ? clipNorm / (norm * size) : 1 / size;
      adam.step(model.parameters, gradient, scale);
      options.onBatch?.(batch, batchLoss / size);
    }
    const report = {
      epoch,
      loss: total / count,
      seconds: (performance.now() - start) / 1000,
      learningRate: adam.learningRate,
    };
    reports.push(report);
    options.onEpoch?.(report);
    adam.learningRate *= decay;
  }
  return reports;
}

/** Fisher-Yates with a seeded generator. */
function shuffle(order: Uint32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
}
