import type { StateDataset } from '../StateDataset.js';
import { StatescopeError } from '../StatescopeError.js';
import { unitActivations, type UnitStateKind } from './unitActivations.js';

/**
 * Per step, the mean activation of some units of a layer's h or c (for example to colour the
 * map by a selection of units): a Float32Array of dataset.stepCount. Throws a StatescopeError
 * naming the unit when one is out of range; no units give zeros.
 */
export function meanActivation(
  dataset: StateDataset,
  units: ArrayLike<number>,
  layer?: string,
  state: UnitStateKind = 'hidden',
): Float32Array {
  const { values, dim } = unitActivations(dataset, layer, state);
  const picked = Int32Array.from(units);
  picked.forEach((unit, i) => {
    if (!Number.isInteger(unit) || unit < 0 || unit >= dim) {
      throw new StatescopeError(`unit ${unit} is not one of the ${dim} units`, { field: `units[${i}]` });
    }
  });
  const steps = dataset.stepCount;
  const out = new Float32Array(steps);
  if (picked.length === 0) return out;
  const scale = 1 / picked.length;
  for (let step = 0, row = 0; step < steps; step++, row += dim) {
    let sum = 0;
    for (let u = 0; u < picked.length; u++) sum += values[row + picked[u]];
    out[step] = sum * scale;
  }
  return out;
}
