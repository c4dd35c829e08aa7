import type { RnnModel } from './RnnModel.js';
import { Workspace } from './Workspace.js';
import { forwardSteps, headProbabilities } from './forward.js';

/** The states of one recurrent layer over a sequence, one row per token. */
export interface RnnLayerRun {
  /** h_t, steps x hiddenDim. */
  hidden: Float32Array;
  /** c_t (LSTM only), steps x hiddenDim. */
  cell?: Float32Array;
}

/** What a forward pass over one sequence gives, one row per token. */
export interface RnnRun {
  /** h_t of the top layer (the one the head reads), steps x hiddenDim. */
  hidden: Float32Array;
  /** c_t of the top layer (LSTM only), steps x hiddenDim. */
  cell?: Float32Array;
  /** The head applied to every h_t: steps x classCount probabilities (the expected predictions). */
  expected: Float32Array;
  /**
   * Every layer's states, bottom (0) to top; the last entry holds the same arrays as
   * {@link hidden} and {@link cell}.
   */
  layers: RnnLayerRun[];
}

/**
 * Runs the model over a sequence of token ids and returns every hidden state (and cell state)
 * of every layer, and the expected prediction of every step. Deterministic: the same weights
 * and tokens give the same bits. Pass a workspace to reuse scratch memory across many calls.
 *
 * @example
 * Run the IMDB demo model over a text of your own (Node; in a browser, fetch the two files and
 * use {@link decodeWeights}):
 * ```ts
 * import { Vocabulary, loadWeights, runModel, tokenize } from '@statescope/rnn';
 *
 * const { model, manifest } = await loadWeights('data/imdb.model.json');
 * const vocabulary = new Vocabulary(manifest.vocabulary!);
 * const tokens = tokenize('A slow start, but the ending is wonderful.');
 * const run = runModel(model, vocabulary.encode(tokens));
 * for (let t = 0; t < tokens.length; t++) {
 *   const positive = run.expected[t * model.classCount + 1]; // p(positive) after token t
 *   console.log(tokens[t].padEnd(12), positive.toFixed(2));
 * }
 * run.hidden; // Float32Array, tokens.length x model.hiddenDim: h_t of the top layer
 * ```
 */
export function runModel(model: RnnModel, tokenIds: ArrayLike<number>, workspace?: Workspace): RnnRun {
  const ws = workspace ?? new Workspace(model);
  const steps = forwardSteps(model, tokenIds, ws);
  const H = model.hiddenDim;
  const C = model.classCount;
  // Row 0 of every workspace state array is the zero initial state: copy rows 1..steps.
  const copy = (states: Float64Array) => {
    const out = new Float32Array(steps * H);
    out.set(states.subarray(H, (steps + 1) * H));
    return out;
  };
  const layers: RnnLayerRun[] = [];
  for (let l = 0; l < model.layers; l++) {
    const hidden = copy(ws.layerHidden[l]);
    layers.push(model.kind === 'lstm' ? { hidden, cell: copy(ws.layerCell[l]) } : { hidden });
  }
  const expected = new Float32Array(steps * C);
  for (let t = 0; t < steps; t++) headProbabilities(model, ws.h, t + 1, ws.logits, expected, t * C);
  const top = layers[layers.length - 1];
  return top.cell ? { hidden: top.hidden, cell: top.cell, expected, layers } : { hidden: top.hidden, expected, layers };
}

/** Class probabilities after the last token only (cheaper than {@link runModel} for evaluation). */
export function predictLast(model: RnnModel, tokenIds: ArrayLike<number>, workspace?: Workspace): Float64Array {
  const ws = workspace ?? new Workspace(model);
  const steps = forwardSteps(model, tokenIds, ws);
  const out = new Float64Array(model.classCount);
  headProbabilities(model, ws.h, steps, ws.logits, out, 0);
  return out;
}
