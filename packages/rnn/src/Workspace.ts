import type { RnnModel } from './RnnModel.js';

/**
 * Scratch memory of one forward and backward pass, in Float64 so that the arithmetic on
 * Float32 weights stays exact enough for gradient checks. Grows to the longest sequence seen
 * and is reused, so the training loop allocates nothing per sequence.
 */
export class Workspace {
  readonly hiddenDim: number;
  readonly gateWidth: number;
  capacity = 0;
  /** Activated gates per step: steps x gateWidth (LSTM i f g o, GRU r z n). */
  gates = new Float64Array(0);
  /** Hidden states, (steps + 1) x hidden; row 0 is h_0 = 0. */
  h = new Float64Array(0);
  /** LSTM cell states, (steps + 1) x hidden; row 0 is c_0 = 0. */
  c = new Float64Array(0);
  /** GRU W_hn h + b_hn per step, steps x hidden. */
  hn = new Float64Array(0);
  /** dL/dz per step for the input side of every gate row, steps x gateWidth. */
  dzInput = new Float64Array(0);
  /** dL/dz per step for the recurrent side (differs from dzInput only in a GRU's n rows). */
  dzRecurrent = new Float64Array(0);
  /** Transposed copies of the input and recurrent weights, for W^T dz as dot products. */
  readonly inputWeightsT: Float64Array;
  readonly recurrentWeightsT: Float64Array;
  readonly logits: Float64Array;
  readonly dh: Float64Array;
  readonly dc: Float64Array;
  readonly dhPrevious: Float64Array;

  constructor(model: RnnModel) {
    this.hiddenDim = model.hiddenDim;
    this.gateWidth = model.group('bias').length;
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
    this.h = new Float64Array((capacity + 1) * hd);
    this.c = new Float64Array((capacity + 1) * hd);
    this.hn = new Float64Array(capacity * hd);
    this.dzInput = new Float64Array(capacity * this.gateWidth);
    this.dzRecurrent = new Float64Array(capacity * this.gateWidth);
    this.capacity = capacity;
  }
}
