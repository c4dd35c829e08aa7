import type { RnnModel } from './RnnModel.js';

/**
 * Scratch memory of one forward and backward pass, in Float64 so that the arithmetic on
 * Float32 weights stays exact enough for gradient checks. Grows to the longest sequence seen
 * and is reused, so the training loop allocates nothing per sequence.
 */
export class Workspace {
  /** Units of every recurrent layer of the model. */
  readonly hiddenDim: number;
  /** Gate rows per step: 4 x hiddenDim (LSTM) or 3 x hiddenDim (GRU). */
  readonly gateWidth: number;
  /** Number of stacked recurrent layers of the model. */
  readonly layers: number;
  /** Longest sequence (in steps) the arrays have room for now. */
  capacity = 0;
  /**
   * Activated gates per step: steps x gateWidth (LSTM i f g o, GRU r z n). Of the last layer run:
   * the forward pass reuses it layer after layer.
   */
  gates = new Float64Array(0);
  /** Hidden states of every layer, each (steps + 1) x hidden; row 0 is h_0 = 0. */
  layerHidden: Float64Array[] = [];
  /** LSTM cell states of every layer, each (steps + 1) x hidden; row 0 is c_0 = 0. */
  layerCell: Float64Array[] = [];
  /** Hidden states of the top layer (the one the head reads): the last of {@link layerHidden}. */
  h: Float64Array = new Float64Array(0);
  /** LSTM cell states of the top layer: the last of {@link layerCell}. */
  c: Float64Array = new Float64Array(0);
  /** GRU W_hn h + b_hn per step, steps x hidden (of the last layer run). */
  hn = new Float64Array(0);
  /** dL/dz per step for the input side of every gate row, steps x gateWidth. */
  dzInput = new Float64Array(0);
  /** dL/dz per step for the recurrent side (differs from dzInput only in a GRU's n rows). */
  dzRecurrent = new Float64Array(0);
  /** Transposed copies of the input and recurrent weights, for W^T dz as dot products. */
  readonly inputWeightsT: Float64Array;
  /** Transposed recurrent weights (see {@link inputWeightsT}). */
  readonly recurrentWeightsT: Float64Array;
  /** The head's outputs of one step (classCount); class probabilities once the softmax ran. */
  readonly logits: Float64Array;
  /** dL/dh of the step being back-propagated (hidden). */
  readonly dh: Float64Array;
  /** dL/dc of the step being back-propagated (LSTM; hidden). */
  readonly dc: Float64Array;
  /** dL/dh passed on to the previous step (hidden). */
  readonly dhPrevious: Float64Array;

  constructor(model: RnnModel) {
    this.hiddenDim = model.hiddenDim;
    this.gateWidth = model.group('bias').length;
    this.layers = model.layers;
    this.logits = new Float64Array(model.classCount);
    this.inputWeightsT = new Float64Array(this.gateWidth * model.embeddingDim);
    this.recurrentWeightsT = new Float64Array(this.gateWidth * model.hiddenDim);
    this.dh = new Float64Array(model.hiddenDim);
    this.dc = new Float64Array(model.hiddenDim);
    this.dhPrevious = new Float64Array(model.hiddenDim);
  }

  /** Makes room for a sequence of `steps` tokens. */
  ensure(steps: number): void {
    if (steps <= this.capacity) return;
    const capacity = Math.max(steps, 2 * this.capacity);
    const hd = this.hiddenDim;
    this.gates = new Float64Array(capacity * this.gateWidth);
    this.layerHidden = Array.from({ length: this.layers }, () => new Float64Array((capacity + 1) * hd));
    this.layerCell = Array.from({ length: this.layers }, () => new Float64Array((capacity + 1) * hd));
    this.h = this.layerHidden[this.layers - 1];
    this.c = this.layerCell[this.layers - 1];
    this.hn = new Float64Array(capacity * hd);
    this.dzInput = new Float64Array(capacity * this.gateWidth);
    this.dzRecurrent = new Float64Array(capacity * this.gateWidth);
    this.capacity = capacity;
  }
}
