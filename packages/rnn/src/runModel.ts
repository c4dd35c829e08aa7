import type { RnnModel } from './RnnModel.js';
import { Workspace } from './Workspace.js';
import { forwardSteps, headProbabilities } from './forward.js';

/** What a forward pass over one sequence gives, one row per token. */
export interface RnnRun {
  /** h_t, steps x hiddenDim. */
  hidden: Float32Array;
  /** c_t (LSTM only), steps x hiddenDim. */
  cell?: Float32Array;
  /** The head applied to every h_t: steps x classCount probabilities (the expected predictions). */
  expected: Float32Array;
}

/**
 * Runs the model over a sequence of token ids and returns every hidden state (and cell state),
 * and the expected prediction of every step. Deterministic: the same weights and tokens give
 * the same bits. Pass a workspace to reuse scratch memory across many calls.
 */
export function runModel(model: RnnModel, tokenIds: ArrayLike<number>, workspace?: Workspace): RnnRun {
  const ws = workspace ?? new Workspace(model);
  const steps = forwardSteps(model, tokenIds, ws);
  const H = model.hiddenDim;
  const C = model.classCount;
  const hidden = new Float32Array(steps * H);
  hidden.set(ws.h.subarray(H, (steps + 1) * H));
  const expected = new Float32Array(steps * C);
  for (let t = 0; t < steps; t++) headProbabilities(model, ws.h, t + 1, ws.logits, expected, t * C);
  if (model.kind !== 'lstm') return { hidden, expected };
  const cell = new Float32Array(steps * H);
  cell.set(ws.c.subarray(H, (steps + 1) * H));
  return { hidden, cell, expected };
}

/** Class probabilities after the last token only (cheaper than {@link runModel} for evaluation). */
export function predictLast(model: RnnModel, tokenIds: ArrayLike<number>, workspace?: Workspace): Float64Array {
  const ws = workspace ?? new Workspace(model);
  const steps = forwardSteps(model, tokenIds, ws);
  const out = new Float64Array(model.classCount);
  headProbabilities(model, ws.h, steps, ws.logits, out, 0);
  return out;
}
