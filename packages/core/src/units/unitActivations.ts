import type { StateDataset } from '../StateDataset.js';
import { StatescopeError } from '../StatescopeError.js';

/** Which state of a layer: the hidden state h or (LSTM only) the cell state c. */
export type UnitStateKind = 'hidden' | 'cell';

/**
 * The activations of one layer's hidden state h or cell state c: `values` is
 * dataset.stepCount x dim, row-major, the dataset's own array (no copy: do not write to it).
 * Without a layer name, the top layer. Throws a StatescopeError naming the field when the layer
 * is unknown (`layer`), the state is neither 'hidden' nor 'cell' (`state`), or the layer has no
 * cell state (`state`, naming the layer).
 */
export function unitActivations(
  dataset: StateDataset,
  layer?: string,
  state: UnitStateKind = 'hidden',
): {
  /** stepCount x dim activations, row-major. */
  values: Float32Array;
  /** Units of the layer. */
  dim: number;
} {
  if (layer !== undefined && !dataset.layers.some((l) => l.name === layer)) {
    throw new StatescopeError(
      `no layer named "${String(layer)}"; the dataset has ${dataset.layers.map((l) => `"${l.name}"`).join(', ')}`,
      { field: 'layer' },
    );
  }
  const found = dataset.layer(layer);
  if (state === 'hidden') return { values: found.hidden, dim: found.dim };
  if (state !== 'cell') {
    throw new StatescopeError(`must be 'hidden' or 'cell', got ${JSON.stringify(state)}`, { field: 'state' });
  }
  if (!found.cellStates) {
    throw new StatescopeError(`layer "${found.name}" has no cell state (only LSTMs have one)`, { field: 'state' });
  }
  return { values: found.cellStates.float32(), dim: found.dim };
}
