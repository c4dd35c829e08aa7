import { StateDataset, StatescopeError, type DatasetMetadata } from '@statescope/core';
import type { RnnModel } from './RnnModel.js';
import { Workspace } from './Workspace.js';
import { runModel } from './runModel.js';

/** One text to run: its tokens (as shown), the ids the model reads, its true class. */
export interface LabelledSequence {
  /** The tokens as the views show them. */
  tokens: readonly string[];
  /** The ids the model reads, one per token (see {@link Vocabulary.encode}). */
  tokenIds: ArrayLike<number>;
  /** The true class. */
  label: number;
  /** Sequence id; used only when every sequence has one (default: the index). */
  id?: string;
}

/** How {@link runToDataset} names what it collects. */
export interface RunToDatasetOptions {
  /** Class names, one per model output. */
  classes: readonly string[];
  /**
   * Name of the state layer (default: the model kind, `lstm` or `gru`). A model with several
   * layers gives one dataset layer per recurrent layer, bottom to top, named `<name>.0`,
   * `<name>.1`, ... (e.g. `lstm.0`, `lstm.1`).
   */
  layerName?: string;
  /** Stored with the dataset, e.g. `{ model: 'LSTM 32 units' }`. */
  metadata?: DatasetMetadata;
  /** Named 2-D projections of all steps (steps x 2), if already computed. */
  projections?: Readonly<Record<string, Float32Array>>;
}

/**
 * Runs the model over every sequence and collects the hidden (and cell) states of every layer
 * and the expected predictions of every step into a {@link StateDataset}. The predicted class
 * of a sequence is the argmax of its last step's expected prediction.
 *
 * @example
 * Texts of your own through the demo model, into a dataset the views show (Node):
 * ```ts
 * import { saveDataset } from '@statescope/core';
 * import { Vocabulary, loadWeights, runToDataset, tokenize } from '@statescope/rnn';
 *
 * const { model, manifest } = await loadWeights('data/imdb.model.json');
 * const vocabulary = new Vocabulary(manifest.vocabulary!);
 * const texts = [
 *   { text: 'An absolute joy from start to finish.', label: 1 },
 *   { text: 'Two hours I will never get back.', label: 0 },
 * ];
 * const dataset = runToDataset(
 *   model,
 *   texts.map(({ text, label }, i) => {
 *     const tokens = tokenize(text).slice(-manifest.maxTokens!);
 *     return { tokens, tokenIds: vocabulary.encode(tokens), label, id: `text-${i}` };
 *   }),
 *   { classes: manifest.classes!, metadata: { model: 'IMDB demo LSTM' } },
 * );
 * await saveDataset(dataset, 'my-texts.json'); // then: npx statescope open my-texts.json
 * ```
 */
export function runToDataset(
  model: RnnModel,
  sequences: readonly LabelledSequence[],
  options: RunToDatasetOptions,
): StateDataset {
  if (options.classes.length !== model.classCount) {
    throw new StatescopeError(`has ${options.classes.length} names for a model with ${model.classCount} outputs`, {
      field: 'classes',
    });
  }
  let steps = 0;
  sequences.forEach((seq, s) => {
    if (seq.tokens.length !== seq.tokenIds.length) {
      throw new StatescopeError(`has ${seq.tokens.length} tokens but ${seq.tokenIds.length} token ids`, {
        field: 'tokenIds',
        sequence: s,
      });
    }
    steps += seq.tokens.length;
  });
  const H = model.hiddenDim;
  const C = model.classCount;
  const hidden = Array.from({ length: model.layers }, () => new Float32Array(steps * H));
  const cell = model.kind === 'lstm' ? hidden.map(() => new Float32Array(steps * H)) : undefined;
  const expected = new Float32Array(steps * C);
  const ws = new Workspace(model);
  let offset = 0;
  for (const seq of sequences) {
    const run = runModel(model, seq.tokenIds, ws);
    run.layers.forEach((layer, l) => {
      hidden[l].set(layer.hidden, offset * H);
      if (cell && layer.cell) cell[l].set(layer.cell, offset * H);
    });
    expected.set(run.expected, offset * C);
    offset += seq.tokens.length;
  }
  const base = options.layerName ?? model.kind;
  const layers = hidden.map((states, l) => {
    const name = model.layers === 1 ? base : `${base}.${l}`;
    return cell ? { name, dim: H, hidden: states, cell: cell[l] } : { name, dim: H, hidden: states };
  });
  return new StateDataset({
    classes: options.classes,
    tokens: sequences.map((seq) => [...seq.tokens]),
    labels: sequences.map((seq) => seq.label),
    ...(sequences.every((seq) => seq.id !== undefined) && { ids: sequences.map((seq) => seq.id!) }),
    layers,
    expectedPredictions: expected,
    ...(options.projections && { projections: options.projections }),
    ...(options.metadata && { metadata: options.metadata }),
  });
}
