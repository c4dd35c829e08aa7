import { StatescopeError } from '@statescope/core';
import type { RnnModel } from './RnnModel.js';
import type { Workspace } from './Workspace.js';

/**
 * Runs the recurrent layer over a token sequence, filling the workspace's gates and states
 * (h and c rows 1..T; row 0 stays zero). Returns the number of steps.
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
  if (model.kind === 'lstm') lstmForward(model, tokenIds, ws, steps);
  else gruForward(model, tokenIds, ws, steps);
  return steps;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function lstmForward(model: RnnModel, tokenIds: ArrayLike<number>, ws: Workspace, steps: number): void {
  const p = model.parameters;
  const E = model.embeddingDim;
  const H = model.hiddenDim;
  const G = 4 * H;
  const emb = model.offsetOf('embedding');
  const wx = model.offsetOf('inputWeights');
  const wh = model.offsetOf('recurrentWeights');
  const b = model.offsetOf('bias');
  const { gates, h, c } = ws;
  h.fill(0, 0, H);
  c.fill(0, 0, H);
  for (let t = 0; t < steps; t++) {
    const x = emb + tokenIds[t] * E;
    const hp = t * H;
    const g0 = t * G;
    for (let j = 0; j < G; j++) {
      gates[g0 + j] = p[b + j] + dot32(p, wx + j * E, p, x, E) + dot64(p, wh + j * H, h, hp, H);
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

function gruForward(model: RnnModel, tokenIds: ArrayLike<number>, ws: Workspace, steps: number): void {
  const p = model.parameters;
  const E = model.embeddingDim;
  const H = model.hiddenDim;
  const G = 3 * H;
  const emb = model.offsetOf('embedding');
  const wx = model.offsetOf('inputWeights');
  const wh = model.offsetOf('recurrentWeights');
  const b = model.offsetOf('bias');
  const bhn = model.offsetOf('recurrentBias');
  const { gates, h, hn: hnAll } = ws;
  h.fill(0, 0, H);
  for (let t = 0; t < steps; t++) {
    const x = emb + tokenIds[t] * E;
    const hp = t * H;
    const g0 = t * G;
    // gates holds the input-side pre-activations first; r and z get the recurrent part too,
    // n keeps it apart (W_hn h + b_hn) because r multiplies it.
    for (let j = 0; j < G; j++) {
      const sx = p[b + j] + dot32(p, wx + j * E, p, x, E);
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
