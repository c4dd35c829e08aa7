import { StatescopeError } from '@statescope/core';
import { layerGroupName } from './layerGroupName.js';
import type { RnnModel } from './RnnModel.js';
import type { Workspace } from './Workspace.js';

/**
 * Runs the recurrent layers over a token sequence, bottom to top, filling the workspace's states
 * (h and c rows 1..T of every layer; row 0 stays zero) and the gates of the top layer. Returns
 * the number of steps.
 */
export function forwardSteps(model: RnnModel, tokenIds: ArrayLike<number>, ws: Workspace): number {
  const steps = tokenIds.length;
  if (steps === 0) throw new StatescopeError('a sequence needs at least one token', { field: 'tokenIds' });
  const vocabularySize = model.vocabularySize;
  for (let t = 0; t < steps; t++) {
    const id = tokenIds[t];
    if (!Number.isInteger(id) || id < 0 || id >= vocabularySize) {
      throw new StatescopeError(`token id ${String(id)} is outside [0, ${vocabularySize - 1}]`, {
        field: 'tokenIds',
        step: t,
      });
    }
  }
  ws.ensure(steps);
  for (let layer = 0; layer < model.layers; layer++) {
    if (model.kind === 'lstm') lstmLayer(model, layer, tokenIds, ws, steps);
    else gruLayer(model, layer, tokenIds, ws, steps);
  }
  return steps;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * W_x x_t for gate row j: x_t is the token's embedding (Float32, in the parameters) in layer 0,
 * h_t of the layer below (Float64, in the workspace) above it. Inlined into the gate loops,
 * which keeps one pass over the gates per step (a separate input pass was about 10% slower).
 */
interface LayerInput {
  /** Offset of the first input weight matrix row. */
  weights: number;
  /** Input width: embeddingDim in layer 0, hiddenDim above. */
  width: number;
  /** The layer below's hidden states, or undefined in layer 0. */
  below: Float64Array | undefined;
  /** Offset of the embedding matrix (layer 0). */
  embedding: number;
}

function layerInput(model: RnnModel, layer: number, ws: Workspace): LayerInput {
  return {
    weights: model.offsetOf(layerGroupName('inputWeights', layer)),
    width: layer === 0 ? model.embeddingDim : model.hiddenDim,
    below: layer === 0 ? undefined : ws.layerHidden[layer - 1],
    embedding: model.offsetOf('embedding'),
  };
}

/** Where x_t starts: the token's embedding row, or row t + 1 (h_t) of the layer below. */
function inputOffset(input: LayerInput, tokenIds: ArrayLike<number>, t: number): number {
  return input.below ? (t + 1) * input.width : input.embedding + tokenIds[t] * input.width;
}

function inputDot(p: Float32Array, input: LayerInput, row: number, x: number): number {
  const n = input.width;
  const w = input.weights + row * n;
  return input.below ? dot64(p, w, input.below, x, n) : dot32(p, w, p, x, n);
}

function lstmLayer(model: RnnModel, layer: number, tokenIds: ArrayLike<number>, ws: Workspace, steps: number): void {
  const p = model.parameters;
  const H = model.hiddenDim;
  const G = 4 * H;
  const input = layerInput(model, layer, ws);
  const wh = model.offsetOf(layerGroupName('recurrentWeights', layer));
  const b = model.offsetOf(layerGroupName('bias', layer));
  const gates = ws.gates;
  const h = ws.layerHidden[layer];
  const c = ws.layerCell[layer];
  h.fill(0, 0, H);
  c.fill(0, 0, H);
  for (let t = 0; t < steps; t++) {
    const x = inputOffset(input, tokenIds, t);
    const hp = t * H;
    const g0 = t * G;
    for (let j = 0; j < G; j++) {
      gates[g0 + j] = p[b + j] + inputDot(p, input, j, x) + dot64(p, wh + j * H, h, hp, H);
    }
    const hn = hp + H;
    for (let k = 0; k < H; k++) {
      const i = sigmoid(gates[g0 + k]);
      const f = sigmoid(gates[g0 + H + k]);
      const g = Math.tanh(gates[g0 + 2 * H + k]);
      const o = sigmoid(gates[g0 + 3 * H + k]);
      gates[g0 + k] = i;
      gates[g0 + H + k] = f;
      gates[g0 + 2 * H + k] = g;
      gates[g0 + 3 * H + k] = o;
      const cell = f * c[hp + k] + i * g;
      c[hn + k] = cell;
      h[hn + k] = o * Math.tanh(cell);
    }
  }
}

function gruLayer(model: RnnModel, layer: number, tokenIds: ArrayLike<number>, ws: Workspace, steps: number): void {
  const p = model.parameters;
  const H = model.hiddenDim;
  const G = 3 * H;
  const input = layerInput(model, layer, ws);
  const wh = model.offsetOf(layerGroupName('recurrentWeights', layer));
  const b = model.offsetOf(layerGroupName('bias', layer));
  const bhn = model.offsetOf(layerGroupName('recurrentBias', layer));
  const { gates, hn: hnAll } = ws;
  const h = ws.layerHidden[layer];
  h.fill(0, 0, H);
  for (let t = 0; t < steps; t++) {
    const x = inputOffset(input, tokenIds, t);
    const hp = t * H;
    const g0 = t * G;
    // gates holds the input-side pre-activations first; r and z get the recurrent part too,
    // n keeps it apart (W_hn h + b_hn) because r multiplies it.
    for (let j = 0; j < G; j++) {
      const sx = p[b + j] + inputDot(p, input, j, x);
      const sh = (j >= 2 * H ? p[bhn + j - 2 * H] : 0) + dot64(p, wh + j * H, h, hp, H);
      if (j < 2 * H) gates[g0 + j] = sx + sh;
      else {
        gates[g0 + j] = sx;
        hnAll[hp + j - 2 * H] = sh;
      }
    }
    const hNext = hp + H;
    for (let k = 0; k < H; k++) {
      const r = sigmoid(gates[g0 + k]);
      const z = sigmoid(gates[g0 + H + k]);
      const n = Math.tanh(gates[g0 + 2 * H + k] + r * hnAll[hp + k]);
      gates[g0 + k] = r;
      gates[g0 + H + k] = z;
      gates[g0 + 2 * H + k] = n;
      h[hNext + k] = (1 - z) * n + z * h[hp + k];
    }
  }
}

/**
 * Softmax head on the hidden state at row `row` of `states` (rows of hiddenDim): writes the
 * class probabilities to `out` at `outOffset`, in the precision of `out`.
 */
export function headProbabilities(
  model: RnnModel,
  states: Float64Array,
  row: number,
  logits: Float64Array,
  out: Float32Array | Float64Array,
  outOffset: number,
): void {
  const p = model.parameters;
  const H = model.hiddenDim;
  const C = model.classCount;
  const wo = model.offsetOf('outputWeights');
  const bo = model.offsetOf('outputBias');
  const h0 = row * H;
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    let s = p[bo + c];
    const rw = wo + c * H;
    for (let k = 0; k < H; k++) s += p[rw + k] * states[h0 + k];
    logits[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const e = Math.exp(logits[c] - max);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < C; c++) out[outOffset + c] = logits[c] / sum;
}

/*
 * Dot products with four running sums: one sum is bound by the latency of a floating-point
 * add; four independent ones let the CPU overlap them (about 2x faster here). Two copies so
 * that each call site sees one pair of array types and V8 keeps it monomorphic.
 */
function dot32(a: Float32Array, ai: number, b: Float32Array, bi: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ai + k] * b[bi + k];
    s1 += a[ai + k + 1] * b[bi + k + 1];
    s2 += a[ai + k + 2] * b[bi + k + 2];
    s3 += a[ai + k + 3] * b[bi + k + 3];
  }
  for (; k < n; k++) s0 += a[ai + k] * b[bi + k];
  return s0 + s1 + (s2 + s3);
}

function dot64(a: Float32Array, ai: number, b: Float64Array, bi: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ai + k] * b[bi + k];
    s1 += a[ai + k + 1] * b[bi + k + 1];
    s2 += a[ai + k + 2] * b[bi + k + 2];
    s3 += a[ai + k + 3] * b[bi + k + 3];
  }
  for (; k < n; k++) s0 += a[ai + k] * b[bi + k];
  return s0 + s1 + (s2 + s3);
}
