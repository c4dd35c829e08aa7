import { StatescopeError } from './StatescopeError.js';
import { StateMatrix } from './StateMatrix.js';
import { sequenceOfStep, stepSequences } from './StepLocator.js';
import { ProblemLog, type ProblemListeners } from './ProblemLog.js';
import { checkClassIndices, checkStepMatrix, typeName } from './validation.js';
import { normalizeByMax, stepDistances, type DistanceMetric } from './metrics/stepDistances.js';
import { rowArgmax, type RowArgmax } from './metrics/rowArgmax.js';
import { expectedPredictionChanges, predictionChanges } from './metrics/predictionChanges.js';
import { classCounts, confusionMatrix } from './metrics/confusionMatrix.js';

/**
 * One recurrent layer's states for every step, as a dataset holds them: row-major steps x dim,
 * read through {@link StateMatrix} (`hiddenStates`, `cellStates`), which keeps states stored as
 * int8 at one byte per value. `hidden` and `cell` are the same states as one float32 array,
 * decoded on first read where they are int8 (4 bytes per value from then on).
 */
export interface StateLayer {
  /** Layer name, unique within the dataset (e.g. `lstm`, `lstm_2`). */
  readonly name: string;
  /** Number of units. */
  readonly dim: number;
  /** Hidden states h_t, steps x dim, as stored. */
  readonly hiddenStates: StateMatrix;
  /** Cell states c_t (LSTM only), steps x dim, as stored. */
  readonly cellStates?: StateMatrix;
  /** Hidden states h_t, steps x dim, float32 (see above). */
  readonly hidden: Float32Array;
  /** Cell states c_t (LSTM only), steps x dim, float32 (see above). */
  readonly cell?: Float32Array;
}

/** One layer of a {@link StateDatasetInit}: states as float32 arrays or as {@link StateMatrix}. */
export interface StateLayerInit {
  /** Layer name, unique within the dataset (e.g. `lstm`, `lstm_2`). */
  readonly name: string;
  /** Number of units. */
  readonly dim: number;
  /** Hidden states h_t, steps x dim. */
  readonly hidden: Float32Array | StateMatrix;
  /** Cell states c_t (LSTM only), steps x dim. */
  readonly cell?: Float32Array | StateMatrix;
}

/** What the producer of the data said about it. */
export interface DatasetMetadata {
  /** Free text describing the model, e.g. `LSTM 100 units, IMDB, last 100 tokens`. */
  model?: string;
  /** Accuracy as the producer stated it, a fraction in [0, 1]. */
  accuracy?: number;
  /** On what data `accuracy` was measured, e.g. `whole test split: 8543 of 10000 correct`. */
  accuracyScope?: string;
  /** Anything else, kept as given (must be JSON-serialisable to survive saving). */
  [key: string]: unknown;
}

/** Everything needed to build a {@link StateDataset}; see the field docs for shapes. */
export interface StateDatasetInit {
  /** Class names, at least two. Index = class id. */
  classes: readonly string[];
  /** Tokens of each sequence, one per step. Every sequence has at least one token. */
  tokens: readonly (readonly string[])[];
  /** True class of each sequence. */
  labels: ArrayLike<number>;
  /** Predicted class of each sequence; defaults to the argmax of its last step's expected prediction. */
  predictions?: ArrayLike<number>;
  /** Sequence ids; default `"0"`, `"1"`, ... Must be unique. */
  ids?: readonly string[];
  /** One or more layers of states. */
  layers: readonly StateLayerInit[];
  /**
   * Expected prediction of every step: steps x classCount probabilities, or, for a binary
   * model, one sigmoid output p per step, which becomes [1 - p, p].
   */
  expectedPredictions: Float32Array;
  /** Named 2-D projections of all steps, each steps x 2. */
  projections?: Readonly<Record<string, Float32Array>>;
  /** What the producer says about the model and data (kept as given). */
  metadata?: DatasetMetadata;
}

/** Tolerance for probabilities slightly outside [0, 1] from float rounding. */
const PROBABILITY_SLACK = 1e-6;

/**
 * The hidden states of a recurrent network run over a set of token sequences, with its
 * expected predictions, and metrics derived from them on first use.
 *
 * Steps are numbered 0..stepCount-1 across all sequences; sequence s owns steps
 * `offsets[s]` to `offsets[s + 1] - 1`. The step index is the key every view and selection uses.
 * The constructor validates everything and throws a {@link StatescopeError} naming the field,
 * sequence and step at fault; a dataset that exists is consistent.
 *
 * @example
 * Build one from arrays (a binary model, two sequences of 3 and 2 steps, 4 hidden units):
 * ```ts
 * import { StateDataset } from '@statescope/core';
 *
 * const dataset = new StateDataset({
 *   classes: ['negative', 'positive'],
 *   tokens: [
 *     ['a', 'fine', 'film'],
 *     ['so', 'dull'],
 *   ],
 *   labels: [1, 0],
 *   layers: [{ name: 'lstm', dim: 4, hidden: new Float32Array(5 * 4).map(() => Math.random() - 0.5) }],
 *   // Binary models may give p(positive) per step; it becomes [1 - p, p].
 *   expectedPredictions: new Float32Array([0.5, 0.6, 0.9, 0.4, 0.2]),
 * });
 * dataset.stepCount; // 5
 * dataset.offsets; // Uint32Array [0, 3, 5]: sequence 1 owns steps 3 and 4
 * dataset.tokensOf(1); // ['so', 'dull']
 * dataset.predictions; // Int32Array [1, 0]: argmax of each sequence's last step
 * ```
 *
 * @example
 * Read what the views show:
 * ```ts
 * import { loadDataset } from '@statescope/core';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const step = dataset.offsets[7] + 2; // the third step of sequence 7
 * dataset.token(step);
 * dataset.expectedPredictions.subarray(step * dataset.classCount, (step + 1) * dataset.classCount);
 * dataset.hiddenState(step); // Float32Array of the top layer's units at that step
 * dataset.normalizedStepDistances()[step]; // |h(t+1) - h(t)| / the dataset's maximum
 * dataset.accuracy(); // fraction of sequences predicted correctly
 * dataset.projection('tsne'); // N x 2, if the file holds a t-SNE
 * ```
 */
export class StateDataset {
  /** Class names; a class's index is its id in `labels` and `predictions`. */
  readonly classes: readonly string[];
  /** Sequence ids, unique, one per sequence. */
  readonly ids: readonly string[];
  /** Sequence s owns steps offsets[s]..offsets[s+1]-1; length sequenceCount + 1. */
  readonly offsets: Uint32Array;
  /** True class per sequence. */
  readonly labels: Int32Array;
  /** Predicted class per sequence. */
  readonly predictions: Int32Array;
  /** The layers of states, bottom to top (the last one is what the classifier head reads). */
  readonly layers: readonly StateLayer[];
  /** steps x classCount probabilities. */
  readonly expectedPredictions: Float32Array;
  /** Distinct tokens; `tokenIds` index into it. */
  readonly vocabulary: readonly string[];
  /** Vocabulary index of the token at every step. */
  readonly tokenIds: Uint32Array;
  /** What the producer said about the model and data. */
  readonly metadata: Readonly<DatasetMetadata>;
  readonly #projections = new Map<string, Float32Array>();
  readonly #cache = new Map<string, unknown>();

  /**
   * @param options.onProblem - called with each problem in the values (non-finite numbers,
   *   probabilities out of range, class indices, tokens, ids) while checking goes on, so that a
   *   validator can list them all; the constructor then throws the first. Without it, the first
   *   problem throws at once.
   * @param options.onWarning - called with what is accepted but probably not meant: expected
   *   prediction rows that do not sum to 1. With `strict`, warnings are problems.
   */
  constructor(init: StateDatasetInit, options: ProblemListeners = {}) {
    const problems = new ProblemLog(options);
    if (init === null || typeof init !== 'object') {
      throw new StatescopeError(`a dataset description must be an object, got ${typeName(init)}`);
    }
    this.classes = checkClasses(init.classes);
    const classCount = this.classes.length;

    const tokens = init.tokens;
    if (!Array.isArray(tokens) || tokens.length === 0) {
      throw new StatescopeError('must be a non-empty array with one token array per sequence', { field: 'tokens' });
    }
    const sequenceCount = tokens.length;
    this.offsets = new Uint32Array(sequenceCount + 1);
    const vocabularyIndex = new Map<string, number>();
    const vocabulary: string[] = [];
    for (let s = 0; s < sequenceCount; s++) {
      const seq = tokens[s];
      if (!Array.isArray(seq) || seq.length === 0) {
        throw new StatescopeError('must be a non-empty array of token strings', { field: 'tokens', sequence: s });
      }
      this.offsets[s + 1] = this.offsets[s] + seq.length;
    }
    const stepCount = this.offsets[sequenceCount];
    this.tokenIds = new Uint32Array(stepCount);
    for (let s = 0; s < sequenceCount; s++) {
      const seq = tokens[s];
      for (let t = 0; t < seq.length; t++) {
        const token = seq[t];
        if (typeof token !== 'string') {
          problems.report(
            new StatescopeError(`token must be a string, got ${typeName(token)}`, {
              field: 'tokens',
              sequence: s,
              step: t,
            }),
          );
          continue;
        }
        let id = vocabularyIndex.get(token);
        if (id === undefined) {
          id = vocabulary.length;
          vocabularyIndex.set(token, id);
          vocabulary.push(token);
        }
        this.tokenIds[this.offsets[s] + t] = id;
      }
    }
    this.vocabulary = vocabulary;
    this.ids = checkIds(init.ids, sequenceCount, problems);
    this.labels = checkClassIndices(init.labels ?? [], 'labels', sequenceCount, classCount, problems);
    this.layers = checkLayers(init.layers, this.offsets, problems);
    this.expectedPredictions = checkExpectedPredictions(init.expectedPredictions, this.offsets, classCount, problems);
    this.predictions =
      init.predictions === undefined
        ? lastStepClasses(this.expectedPredictions, this.offsets, classCount)
        : checkClassIndices(init.predictions, 'predictions', sequenceCount, classCount, problems);
    for (const [name, coordinates] of Object.entries(init.projections ?? {})) {
      this.#addProjection(name, coordinates, problems);
    }
    this.metadata = Object.freeze(checkMetadata(init.metadata ?? {}));
    problems.settle();
  }

  /** Number of sequences. */
  get sequenceCount(): number {
    return this.offsets.length - 1;
  }

  /** Number of steps of all sequences together (N). */
  get stepCount(): number {
    return this.offsets[this.offsets.length - 1];
  }

  /** Number of classes. */
  get classCount(): number {
    return this.classes.length;
  }

  /** Number of steps of sequence s. */
  sequenceLength(sequence: number): number {
    return this.offsets[sequence + 1] - this.offsets[sequence];
  }

  /** The sequence that owns a step. */
  sequenceOf(step: number): number {
    return sequenceOfStep(this.offsets, step);
  }

  /** Sequence index of every step (N), computed once. */
  stepSequences(): Uint32Array {
    return this.#cached('stepSequences', () => stepSequences(this.offsets));
  }

  /** The token at a global step. */
  token(step: number): string {
    return this.vocabulary[this.tokenIds[step]];
  }

  /** The tokens of one sequence, in order. */
  tokensOf(sequence: number): string[] {
    const out: string[] = [];
    for (let t = this.offsets[sequence]; t < this.offsets[sequence + 1]; t++) out.push(this.token(t));
    return out;
  }

  /**
   * A layer by name; without a name the last one, the top of a stack (layers run bottom to top),
   * whose states the classifier head reads.
   */
  layer(name?: string): StateLayer {
    if (name === undefined) return this.layers[this.layers.length - 1];
    const found = this.layers.find((layer) => layer.name === name);
    if (!found) {
      throw new StatescopeError(
        `no layer named "${name}"; the dataset has ${this.layers.map((l) => `"${l.name}"`).join(', ')}`,
        { field: 'layers' },
      );
    }
    return found;
  }

  /**
   * The hidden state of one step: a view (no copy) into the layer's array for float32 states,
   * into `out` when given, else a new array for int8 ones (see {@link StateMatrix.row}).
   */
  hiddenState(step: number, layerName?: string, out?: Float32Array): Float32Array {
    return this.layer(layerName).hiddenStates.row(step, out);
  }

  /** Names of the stored 2-D projections, in insertion order. */
  get projectionNames(): string[] {
    return [...this.#projections.keys()];
  }

  /** A stored projection (steps x 2), or undefined. */
  projection(name: string): Float32Array | undefined {
    return this.#projections.get(name);
  }

  /** Stores (or replaces) a named 2-D projection of all steps, e.g. once a t-SNE finishes. */
  addProjection(name: string, coordinates: Float32Array): this {
    return this.#addProjection(name, coordinates, new ProblemLog());
  }

  #addProjection(name: string, coordinates: Float32Array, problems: ProblemLog): this {
    if (typeof name !== 'string' || name === '') {
      throw new StatescopeError('projection names must be non-empty strings', { field: 'projections' });
    }
    checkStepMatrix(coordinates, `projections.${name}`, this.offsets, 2, problems);
    this.#projections.set(name, coordinates);
    return this;
  }

  /**
   * Distance from h_t to h_t+1 for every step (NaN at each sequence's last step), in the
   * original space of a layer's hidden states (the top layer by default).
   */
  stepDistances(options: { layer?: string; metric?: DistanceMetric } = {}): Float32Array {
    const layer = this.layer(options.layer);
    const metric = options.metric ?? 'euclidean';
    return this.#cached(`distances:${layer.name}:${metric}`, () =>
      stepDistances(layer.hiddenStates, layer.dim, this.offsets, metric),
    );
  }

  /** {@link stepDistances} divided by their maximum over the whole dataset, so in [0, 1]. */
  normalizedStepDistances(options: { layer?: string; metric?: DistanceMetric } = {}): Float32Array {
    const layer = this.layer(options.layer);
    const metric = options.metric ?? 'euclidean';
    return this.#cached(`normalizedDistances:${layer.name}:${metric}`, () =>
      normalizeByMax(this.stepDistances({ layer: layer.name, metric })),
    );
  }

  /** Most probable class of every step (N). */
  stepClasses(): Uint16Array {
    return this.#argmax().classes;
  }

  /** Probability of the most probable class at every step (N). */
  stepConfidences(): Float32Array {
    return this.#argmax().confidences;
  }

  /** Steps where the most probable class differs from the previous step of the same sequence. */
  predictionChanges(): Uint32Array {
    return this.#cached('predictionChanges', () => predictionChanges(this.stepClasses(), this.offsets));
  }

  /** Largest change of any class's expected prediction from each step to the next (NaN at sequence ends). */
  expectedPredictionChanges(): Float32Array {
    return this.#cached('epChanges', () =>
      expectedPredictionChanges(this.expectedPredictions, this.classCount, this.offsets),
    );
  }

  /** 1 where the sequence's prediction equals its label, else 0. */
  correctness(): Uint8Array {
    return this.#cached('correctness', () => {
      const out = new Uint8Array(this.sequenceCount);
      for (let s = 0; s < out.length; s++) out[s] = this.labels[s] === this.predictions[s] ? 1 : 0;
      return out;
    });
  }

  /** Fraction of sequences predicted correctly, recomputed from labels and predictions. */
  accuracy(): number {
    const correct = this.correctness();
    let sum = 0;
    for (let s = 0; s < correct.length; s++) sum += correct[s];
    return sum / correct.length;
  }

  /** Number of sequences per true class. */
  classCounts(): Uint32Array {
    return this.#cached('classCounts', () => classCounts(this.labels, this.classCount));
  }

  /** Number of sequences per predicted class. */
  predictedClassCounts(): Uint32Array {
    return this.#cached('predictedClassCounts', () => classCounts(this.predictions, this.classCount));
  }

  /** Row-major classCount x classCount; entry [true * classCount + predicted]. */
  confusionMatrix(): Uint32Array {
    return this.#cached('confusion', () => confusionMatrix(this.labels, this.predictions, this.classCount));
  }

  #argmax(): RowArgmax {
    return this.#cached('argmax', () => rowArgmax(this.expectedPredictions, this.classCount));
  }

  #cached<T>(key: string, compute: () => T): T {
    if (!this.#cache.has(key)) this.#cache.set(key, compute());
    return this.#cache.get(key) as T;
  }
}

function checkClasses(classes: unknown): string[] {
  if (!Array.isArray(classes) || classes.length < 2) {
    throw new StatescopeError('must be an array of at least two class names', { field: 'classes' });
  }
  if (classes.length > 65535) throw new StatescopeError('more than 65,535 classes', { field: 'classes' });
  classes.forEach((name, i) => {
    if (typeof name !== 'string') {
      throw new StatescopeError(`class ${i} must be a string, got ${typeName(name)}`, { field: 'classes' });
    }
  });
  return [...classes];
}

function checkIds(ids: readonly string[] | undefined, sequenceCount: number, problems: ProblemLog): string[] {
  if (ids === undefined) return Array.from({ length: sequenceCount }, (_, s) => String(s));
  if (!Array.isArray(ids) || ids.length !== sequenceCount) {
    throw new StatescopeError(`must have one id per sequence (${sequenceCount})`, { field: 'ids' });
  }
  const seen = new Map<string, number>();
  ids.forEach((id, s) => {
    if (typeof id !== 'string') {
      return problems.report(
        new StatescopeError(`id must be a string, got ${typeName(id)}`, { field: 'ids', sequence: s }),
      );
    }
    const first = seen.get(id);
    if (first !== undefined) {
      return problems.report(
        new StatescopeError(`id "${id}" repeats the id of sequence ${first}`, { field: 'ids', sequence: s }),
      );
    }
    seen.set(id, s);
  });
  return [...ids];
}

function checkLayers(layers: readonly StateLayerInit[], offsets: Uint32Array, problems: ProblemLog): StateLayer[] {
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new StatescopeError('must hold at least one layer of hidden states', { field: 'layers' });
  }
  const names = new Set<string>();
  return layers.map((layer, i) => {
    const field = `layers[${i}]`;
    if (typeof layer?.name !== 'string' || layer.name === '') {
      throw new StatescopeError('needs a non-empty name', { field: `${field}.name` });
    }
    if (names.has(layer.name)) {
      throw new StatescopeError(`layer name "${layer.name}" is used twice`, { field: `${field}.name` });
    }
    names.add(layer.name);
    if (!Number.isInteger(layer.dim) || layer.dim < 1) {
      throw new StatescopeError(`must be a positive integer, got ${String(layer.dim)}`, { field: `${field}.dim` });
    }
    // A layer of another dataset gives its states as stored (int8 stays int8).
    const given = layer instanceof DatasetLayer ? { hidden: layer.hiddenStates, cell: layer.cellStates } : layer;
    const hidden = checkStates(given.hidden, `${field}.hidden`, offsets, layer.dim, problems);
    const cell =
      given.cell === undefined ? undefined : checkStates(given.cell, `${field}.cell`, offsets, layer.dim, problems);
    return new DatasetLayer(layer.name, layer.dim, hidden, cell);
  });
}

/** Float32 states are checked value by value; int8 ones are finite by construction, so only their shape. */
function checkStates(
  states: Float32Array | StateMatrix,
  field: string,
  offsets: Uint32Array,
  dim: number,
  problems: ProblemLog,
): StateMatrix {
  if (!(states instanceof StateMatrix)) {
    checkStepMatrix(states, field, offsets, dim, problems);
    return StateMatrix.float32(states, dim);
  }
  const steps = offsets[offsets.length - 1];
  if (states.dim !== dim || states.rows !== steps) {
    throw new StatescopeError(`has ${states.rows} x ${states.dim} states, expected ${steps} steps x ${dim}`, { field });
  }
  if (states.precision === 'float32') checkStepMatrix(states.float32(), field, offsets, dim, problems);
  return states;
}

/** A dataset's layer: the stored matrices, and float32 arrays decoded from them on first read. */
class DatasetLayer implements StateLayer {
  constructor(
    readonly name: string,
    readonly dim: number,
    readonly hiddenStates: StateMatrix,
    readonly cellStates: StateMatrix | undefined,
  ) {}

  get hidden(): Float32Array {
    return this.hiddenStates.float32();
  }

  get cell(): Float32Array | undefined {
    return this.cellStates?.float32();
  }
}

function checkExpectedPredictions(
  values: Float32Array,
  offsets: Uint32Array,
  classCount: number,
  problems: ProblemLog,
): Float32Array {
  const field = 'expectedPredictions';
  const steps = offsets[offsets.length - 1];
  const range = { min: -PROBABILITY_SLACK, max: 1 + PROBABILITY_SLACK, what: 'probabilities', shown: '[0, 1]' };
  if (values instanceof Float32Array && classCount === 2 && values.length === steps) {
    checkStepMatrix(values, field, offsets, 1, problems, range);
    const expanded = new Float32Array(steps * 2);
    for (let t = 0; t < steps; t++) {
      expanded[2 * t] = 1 - values[t];
      expanded[2 * t + 1] = values[t];
    }
    return expanded;
  }
  checkStepMatrix(values, field, offsets, classCount, problems, range);
  warnUnnormalisedRows(values, offsets, classCount, problems);
  return values;
}

/** Softmax rows sum to 1 up to float rounding; rows that do not are logits or per-class sigmoids. */
const ROW_SUM_TOLERANCE = 1e-3;

function warnUnnormalisedRows(
  values: Float32Array,
  offsets: Uint32Array,
  classCount: number,
  problems: ProblemLog,
): void {
  let count = 0;
  let first = -1;
  let firstSum = 0;
  for (let row = 0, i = 0; i < values.length; row++) {
    let sum = 0;
    for (let c = 0; c < classCount; c++, i++) sum += values[i];
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      if (count++ === 0) [first, firstSum] = [row, sum];
    }
  }
  if (count === 0) return;
  const sequence = sequenceOfStep(offsets, first);
  problems.warn(
    new StatescopeError(
      `${count} of ${values.length / classCount} rows do not sum to 1 (this one sums to ${firstSum.toFixed(4)}); ` +
        'expected predictions are probabilities: apply softmax to logits',
      { field: 'expectedPredictions', sequence, step: first - offsets[sequence] },
    ),
  );
}

function lastStepClasses(probabilities: Float32Array, offsets: Uint32Array, classCount: number): Int32Array {
  const out = new Int32Array(offsets.length - 1);
  for (let s = 0; s < out.length; s++) {
    const row = (offsets[s + 1] - 1) * classCount;
    let best = 0;
    for (let c = 1; c < classCount; c++) if (probabilities[row + c] > probabilities[row + best]) best = c;
    out[s] = best;
  }
  return out;
}

function checkMetadata(metadata: DatasetMetadata): DatasetMetadata {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new StatescopeError(`must be an object, got ${typeName(metadata)}`, { field: 'metadata' });
  }
  const { accuracy, accuracyScope, model } = metadata;
  if (accuracy !== undefined && !(typeof accuracy === 'number' && accuracy >= 0 && accuracy <= 1)) {
    throw new StatescopeError(`must be a fraction in [0, 1], got ${String(accuracy)}`, { field: 'metadata.accuracy' });
  }
  for (const [field, value] of [
    ['model', model],
    ['accuracyScope', accuracyScope],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new StatescopeError(`must be a string, got ${typeName(value)}`, { field: `metadata.${field}` });
    }
  }
  try {
    JSON.stringify(metadata); // it is saved as JSON: refuse now what could not be saved later
  } catch (error) {
    throw new StatescopeError(`must be JSON-serialisable: ${(error as Error).message}`, { field: 'metadata' });
  }
  return { ...metadata };
}
