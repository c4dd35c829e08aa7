import { StatescopeError } from '@statescope/core';
import type { RnnModel } from './RnnModel.js';
import type { Workspace } from './Workspace.js';
import { forwardSteps, headProbabilities } from './forward.js';

/**
 * Cross-entropy loss of the prediction after the last token, and its gradient by
 * backpropagation through time, added (times `weight`) to `gradient` (laid out like
 * `model.parameters`). Returns the loss. One-layer models only: a stacked model is refused.
 *
 * The backward pass first runs through time computing only dL/dz of every step (and W_h^T dz),
 * then forms the weight gradients as matrix products over all steps at once: each gradient
 * row is then touched once per sequence instead of once per step, which keeps it in cache
 * (about 3x faster than per-step outer products).
 */
export function sequenceGradient(
  model: RnnModel,
  tokenIds: ArrayLike<number>,
  label: number,
  gradient: Float64Array,
  ws: Workspace,
  weight = 1,
): number {
  if (model.layers > 1) {
    // Backpropagation through stacked layers is not implemented: such models come from
    // PyTorch (python/statescope_export.py) and are only run here, not trained.
    throw new StatescopeError(
      `training supports one recurrent layer; this model has ${model.layers} (run it with runModel instead)`,
      { field: 'layers' },
    );
  }
  if (!Number.isInteger(label) || label < 0 || label >= model.classCount) {
    throw new StatescopeError(`class index ${String(label)} is outside [0, ${model.classCount - 1}]`, {
      field: 'label',
    });
  }
  if (gradient.length !== model.parameters.length) {
    throw new StatescopeError(`has ${gradient.length} values, expected ${model.parameters.length}`, {
      field: 'gradient',
    });
  }
  const steps = forwardSteps(model, tokenIds, ws);
  const H = model.hiddenDim;
  const C = model.classCount;
  const p = model.parameters;
  const probabilities = ws.logits;
  headProbabilities(model, ws.h, steps, probabilities, probabilities, 0);
  const loss = -Math.log(Math.max(probabilities[label], 1e-300));

  // Head: dlogits = p - onehot(label).
  const wo = model.offsetOf('outputWeights');
  const bo = model.offsetOf('outputBias');
  const dh = ws.dh;
  dh.fill(0);
  const last = steps * H;
  for (let c = 0; c < C; c++) {
    const d = (probabilities[c] - (c === label ? 1 : 0)) * weight;
    gradient[bo + c] += d;
    const rw = wo + c * H;
    for (let k = 0; k < H; k++) {
      gradient[rw + k] += d * ws.h[last + k];
      dh[k] += d * p[rw + k];
    }
  }
  transpose(p, model.offsetOf('recurrentWeights'), ws.gateWidth, H, ws.recurrentWeightsT);
  if (model.kind === 'lstm') lstmThroughTime(model, ws, steps);
  else gruThroughTime(model, ws, steps);
  accumulateWeights(model, tokenIds, ws, steps, gradient);
  return loss;
}

/** out = the rows x columns matrix at p[offset] transposed (columns x rows). */
function transpose(p: Float32Array, offset: number, rows: number, columns: number, out: Float64Array): void {
  for (let j = 0; j < rows; j++) {
    const row = offset + j * columns;
    for (let k = 0; k < columns; k++) out[k * rows + j] = p[row + k];
  }
}

/** out[outIndex + k] = (W^T dz)_k, or += when `add`, with W^T given as rows of length n. */
function transposedProduct(
  wT: Float64Array,
  dz: Float64Array,
  dzRow: number,
  n: number,
  out: Float64Array,
  outIndex: number,
  count: number,
  add: boolean,
): void {
  for (let k = 0; k < count; k++) {
    const r = k * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += wT[r + j] * dz[dzRow + j];
      s1 += wT[r + j + 1] * dz[dzRow + j + 1];
      s2 += wT[r + j + 2] * dz[dzRow + j + 2];
      s3 += wT[r + j + 3] * dz[dzRow + j + 3];
    }
    for (; j < n; j++) s0 += wT[r + j] * dz[dzRow + j];
    const s = s0 + s1 + (s2 + s3);
    out[outIndex + k] = add ? out[outIndex + k] + s : s;
  }
}

function lstmThroughTime(model: RnnModel, ws: Workspace, steps: number): void {
  const H = model.hiddenDim;
  const G = 4 * H;
  const { gates, c, dzInput: dz, dh, dc, dhPrevious, recurrentWeightsT } = ws;
  dc.fill(0);
  for (let t = steps - 1; t >= 0; t--) {
    const g0 = t * G;
    const cRow = (t + 1) * H;
    const cPrev = t * H;
    for (let k = 0; k < H; k++) {
      const i = gates[g0 + k];
      const f = gates[g0 + H + k];
      const g = gates[g0 + 2 * H + k];
      const o = gates[g0 + 3 * H + k];
      const tc = Math.tanh(c[cRow + k]);
      const dck = dc[k] + dh[k] * o * (1 - tc * tc);
      dz[g0 + k] = dck * g * i * (1 - i);
      dz[g0 + H + k] = dck * c[cPrev + k] * f * (1 - f);
      dz[g0 + 2 * H + k] = dck * i * (1 - g * g);
      dz[g0 + 3 * H + k] = dh[k] * tc * o * (1 - o);
      dc[k] = dck * f;
    }
    if (t > 0) {
      transposedProduct(recurrentWeightsT, dz, g0, G, dhPrevious, 0, H, false);
      dh.set(dhPrevious);
    }
  }
}

function gruThroughTime(model: RnnModel, ws: Workspace, steps: number): void {
  const H = model.hiddenDim;
  const G = 3 * H;
  const { gates, h, hn, dzInput, dzRecurrent, dh, dhPrevious, recurrentWeightsT } = ws;
  for (let t = steps - 1; t >= 0; t--) {
    const g0 = t * G;
    const hPrev = t * H;
    for (let k = 0; k < H; k++) {
      const r = gates[g0 + k];
      const z = gates[g0 + H + k];
      const n = gates[g0 + 2 * H + k];
      const dhk = dh[k];
      const dn = dhk * (1 - z) * (1 - n * n);
      const dr = dn * hn[hPrev + k] * r * (1 - r);
      const dzz = dhk * (h[hPrev + k] - n) * z * (1 - z);
      dzInput[g0 + k] = dr;
      dzInput[g0 + H + k] = dzz;
      dzInput[g0 + 2 * H + k] = dn;
      dzRecurrent[g0 + k] = dr;
      dzRecurrent[g0 + H + k] = dzz;
      dzRecurrent[g0 + 2 * H + k] = dn * r;
      // h_t = (1 - z) n + z h_{t-1}: the direct path.
      dhPrevious[k] = dhk * z;
    }
    if (t > 0) {
      transposedProduct(recurrentWeightsT, dzRecurrent, g0, G, dhPrevious, 0, H, true);
      dh.set(dhPrevious);
    }
  }
}

/**
 * Weight gradients from the dL/dz of all steps: dW_x += dz^T X, dW_h += dz^T H_prev, db += sum dz,
 * the embedding row of every token += W_x^T dz (and a GRU's b_hn += sum of its n rows' dz).
 */
function accumulateWeights(
  model: RnnModel,
  tokenIds: ArrayLike<number>,
  ws: Workspace,
  steps: number,
  gradient: Float64Array,
): void {
  const p = model.parameters;
  const E = model.embeddingDim;
  const H = model.hiddenDim;
  const G = ws.gateWidth;
  const emb = model.offsetOf('embedding');
  const wx = model.offsetOf('inputWeights');
  const wh = model.offsetOf('recurrentWeights');
  const b = model.offsetOf('bias');
  const dzInput = ws.dzInput;
  const dzRecurrent = model.kind === 'lstm' ? ws.dzInput : ws.dzRecurrent;
  const h = ws.h;
  // Steps are taken four at a time so that each gradient value is loaded and stored once per
  // four products (about 2x faster than one step at a time).
  for (let j = 0; j < G; j++) {
    const rx = wx + j * E;
    const rh = wh + j * H;
    let bias = 0;
    let t = 0;
    for (; t + 3 < steps; t += 4) {
      const i0 = t * G + j;
      const a0 = dzInput[i0];
      const a1 = dzInput[i0 + G];
      const a2 = dzInput[i0 + 2 * G];
      const a3 = dzInput[i0 + 3 * G];
      bias += a0 + a1 + (a2 + a3);
      const x0 = emb + tokenIds[t] * E;
      const x1 = emb + tokenIds[t + 1] * E;
      const x2 = emb + tokenIds[t + 2] * E;
      const x3 = emb + tokenIds[t + 3] * E;
      for (let k = 0; k < E; k++) {
        gradient[rx + k] += a0 * p[x0 + k] + a1 * p[x1 + k] + (a2 * p[x2 + k] + a3 * p[x3 + k]);
      }
      // Row t of h is h_{t-1}; h_0 = 0 contributes nothing, so t = 0 is harmless here.
      const d0 = dzRecurrent[i0];
      const d1 = dzRecurrent[i0 + G];
      const d2 = dzRecurrent[i0 + 2 * G];
      const d3 = dzRecurrent[i0 + 3 * G];
      const h0 = t * H;
      const h1 = h0 + H;
      const h2 = h1 + H;
      const h3 = h2 + H;
      for (let k = 0; k < H; k++) {
        gradient[rh + k] += d0 * h[h0 + k] + d1 * h[h1 + k] + (d2 * h[h2 + k] + d3 * h[h3 + k]);
      }
    }
    for (; t < steps; t++) {
      const a = dzInput[t * G + j];
      bias += a;
      const x = emb + tokenIds[t] * E;
      for (let k = 0; k < E; k++) gradient[rx + k] += a * p[x + k];
      const d = dzRecurrent[t * G + j];
      const hp = t * H;
      for (let k = 0; k < H; k++) gradient[rh + k] += d * h[hp + k];
    }
    gradient[b + j] += bias;
  }
  if (model.kind === 'gru') {
    const bhn = model.offsetOf('recurrentBias');
    for (let t = 0; t < steps; t++) {
      for (let k = 0; k < H; k++) gradient[bhn + k] += dzRecurrent[t * G + 2 * H + k];
    }
  }
  const wxT = ws.inputWeightsT;
  transpose(p, wx, G, E, wxT);
  for (let t = 0; t < steps; t++) {
    transposedProduct(wxT, dzInput, t * G, G, gradient, emb + tokenIds[t] * E, E, true);
  }
}
