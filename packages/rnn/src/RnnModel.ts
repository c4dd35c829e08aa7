import { StatescopeError } from '@statescope/core';
import { layerGroupName } from './layerGroupName.js';
import { runModel, type RnnRun } from './runModel.js';

/** The recurrent cell types this package implements. */
export type RnnKind = 'lstm' | 'gru';

/** Sizes of a model: embedding -> one or more stacked recurrent layers -> dense softmax head. */
export interface RnnShape {
  /** The recurrent cell: `lstm` or `gru`. */
  kind: RnnKind;
  /** Number of token ids (rows of the embedding). */
  vocabularySize: number;
  /** Length of each token's embedding vector. */
  embeddingDim: number;
  /** Units of every recurrent layer. */
  hiddenDim: number;
  /** Outputs of the softmax head (2 for a binary model). */
  classCount: number;
  /** Stacked recurrent layers (default 1); layer l > 0 reads the hidden states of layer l - 1. */
  layers?: number;
}

/** Where one named parameter matrix lives inside {@link RnnModel.parameters}. */
export interface ParameterGroup {
  /** The matrix's name, e.g. `embedding`, `inputWeights`, `recurrentWeights.1`. */
  name: string;
  /** Index of its first value in the parameter array. */
  offset: number;
  /** Rows (row-major). */
  rows: number;
  /** Columns. */
  columns: number;
}

/**
 * Number of gate blocks per cell: LSTM i, f, g, o (PyTorch order); GRU r, z, n.
 */
export function gateCount(kind: RnnKind): number {
  return kind === 'lstm' ? 4 : 3;
}

/**
 * The parameter matrices of a model, in storage order:
 * - `embedding` vocabularySize x embeddingDim
 * - `inputWeights` gates*hidden x embeddingDim, `recurrentWeights` gates*hidden x hidden, `bias` gates*hidden
 * - GRU only: `recurrentBias` hidden (the bias inside r * (W_hn h + b_hn))
 * - for every further layer l: `inputWeights.l` gates*hidden x hidden (it reads layer l - 1's h_t),
 *   `recurrentWeights.l`, `bias.l`, GRU `recurrentBias.l`
 * - `outputWeights` classCount x hidden, `outputBias` classCount
 */
export function parameterLayout(shape: RnnShape): ParameterGroup[] {
  const { kind, vocabularySize, embeddingDim, hiddenDim, classCount } = shape;
  const gates = gateCount(kind) * hiddenDim;
  const sizes: [string, number, number][] = [['embedding', vocabularySize, embeddingDim]];
  for (let layer = 0; layer < (shape.layers ?? 1); layer++) {
    const name = (group: string) => layerGroupName(group, layer);
    sizes.push(
      [name('inputWeights'), gates, layer === 0 ? embeddingDim : hiddenDim],
      [name('recurrentWeights'), gates, hiddenDim],
      [name('bias'), 1, gates],
    );
    if (kind === 'gru') sizes.push([name('recurrentBias'), 1, hiddenDim]);
  }
  sizes.push(['outputWeights', classCount, hiddenDim], ['outputBias', 1, classCount]);
  let offset = 0;
  return sizes.map(([name, rows, columns]) => {
    const group = { name, offset, rows, columns };
    offset += rows * columns;
    return group;
  });
}

/**
 * A token classifier: embedding, one or more stacked LSTM or GRU layers and a dense softmax head
 * applied to every hidden state of the top layer. All parameters live in one Float32Array so that optimisers and the
 * weight format treat them as one block; {@link group} gives views of the named matrices.
 */
export class RnnModel implements RnnShape {
  /** The recurrent cell: `lstm` or `gru`. */
  readonly kind: RnnKind;
  /** Number of token ids (rows of the embedding). */
  readonly vocabularySize: number;
  /** Length of each token's embedding vector. */
  readonly embeddingDim: number;
  /** Units of every recurrent layer. */
  readonly hiddenDim: number;
  /** Outputs of the softmax head. */
  readonly classCount: number;
  /** Number of stacked recurrent layers, at least 1. */
  readonly layers: number;
  /** Where each named matrix lives in {@link parameters}, in storage order (see {@link parameterLayout}). */
  readonly layout: readonly ParameterGroup[];
  /** Every parameter of the model, in one array (see {@link layout}). */
  readonly parameters: Float32Array;

  constructor(shape: RnnShape, parameters?: Float32Array) {
    if (shape.kind !== 'lstm' && shape.kind !== 'gru') {
      throw new StatescopeError(`must be "lstm" or "gru", got ${String(shape.kind)}`, { field: 'kind' });
    }
    for (const field of ['vocabularySize', 'embeddingDim', 'hiddenDim', 'classCount'] as const) {
      const value = shape[field];
      if (!Number.isInteger(value) || value < 1) {
        throw new StatescopeError(`must be a positive integer, got ${String(value)}`, { field });
      }
    }
    if (shape.classCount < 2) throw new StatescopeError('needs at least two classes', { field: 'classCount' });
    const layers = shape.layers ?? 1;
    if (!Number.isInteger(layers) || layers < 1) {
      throw new StatescopeError(`must be a positive integer, got ${String(layers)}`, { field: 'layers' });
    }
    this.kind = shape.kind;
    this.vocabularySize = shape.vocabularySize;
    this.embeddingDim = shape.embeddingDim;
    this.hiddenDim = shape.hiddenDim;
    this.classCount = shape.classCount;
    this.layers = layers;
    this.layout = parameterLayout(this);
    const last = this.layout[this.layout.length - 1];
    const size = last.offset + last.rows * last.columns;
    if (parameters !== undefined && parameters.length !== size) {
      throw new StatescopeError(`has ${parameters.length} values, the ${this.kind} shape needs ${size}`, {
        field: 'parameters',
      });
    }
    this.parameters = parameters ?? new Float32Array(size);
  }

  /** Every h_t (and c_t) and expected prediction over a token id sequence: see {@link runModel}. */
  run(tokenIds: ArrayLike<number>): RnnRun {
    return runModel(this, tokenIds);
  }

  /** Offset of a named parameter matrix in {@link parameters}. */
  offsetOf(name: string): number {
    return this.groupInfo(name).offset;
  }

  /** A named parameter matrix (row-major), as a view into {@link parameters}. */
  group(name: string): Float32Array {
    const { offset, rows, columns } = this.groupInfo(name);
    return this.parameters.subarray(offset, offset + rows * columns);
  }

  /** Where a named parameter matrix lives; throws a StatescopeError for an unknown name. */
  groupInfo(name: string): ParameterGroup {
    const found = this.layout.find((g) => g.name === name);
    if (!found) throw new StatescopeError(`no parameter group "${name}" in a ${this.kind} model`, { field: 'name' });
    return found;
  }

  /** The shape alone, e.g. to build a model of the same size. */
  get shape(): Required<RnnShape> {
    const { kind, vocabularySize, embeddingDim, hiddenDim, classCount, layers } = this;
    return { kind, vocabularySize, embeddingDim, hiddenDim, classCount, layers };
  }
}
