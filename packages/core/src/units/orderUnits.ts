import type { StateDataset } from '../StateDataset.js';
import { StatescopeError } from '../StatescopeError.js';
import { unitActivations, type UnitStateKind } from './unitActivations.js';
import { unitPredictionCorrelation } from './unitPredictionCorrelation.js';
import { unitClusterOrder } from './unitClusterOrder.js';
import { perDataset } from './perDataset.js';

/** How to order a layer's units for display. */
export type UnitOrder = 'index' | 'correlation' | 'cluster';

/** The orders {@link orderUnits} knows. */
export const UNIT_ORDERS: readonly UnitOrder[] = ['index', 'correlation', 'cluster'];

/**
 * A permutation of the units 0..dim-1 of a layer's h or c, for display:
 * - 'index': 0, 1, 2, ...
 * - 'correlation': strongest link with the expected prediction first, by |Pearson r| of the
 *   unit's activation with p(class 1) for a binary model, and with a multi-class model the largest
 *   |r| over the classes' probabilities (the class the unit tracks best); ties by index. See
 *   {@link unitPredictionCorrelation}.
 * - 'cluster': the leaf order of an average-linkage clustering on correlation distance; see
 *   {@link unitClusterOrder}.
 *
 * Computed over the whole dataset (seeded step samples where that is needed for speed) and cached
 * per dataset, layer, state and order; each call returns a fresh copy. Throws a StatescopeError
 * naming `order`, `layer` or `state` when one is wrong.
 */
export function orderUnits(
  dataset: StateDataset,
  order: UnitOrder,
  layer?: string,
  state: UnitStateKind = 'hidden',
): Uint32Array {
  const { dim } = unitActivations(dataset, layer, state);
  if (!UNIT_ORDERS.includes(order)) {
    throw new StatescopeError(`must be one of ${UNIT_ORDERS.join(', ')}, got ${JSON.stringify(order)}`, {
      field: 'order',
    });
  }
  const layerName = dataset.layer(layer).name;
  const cached = perDataset(dataset, `orderUnits:${JSON.stringify([layerName, state, order])}`, () => {
    if (order === 'cluster') return unitClusterOrder(dataset, layerName, state);
    const units = Uint32Array.from({ length: dim }, (_, u) => u);
    if (order === 'index') return units;
    const r = unitPredictionCorrelation(dataset, layerName, state);
    const classes = dataset.classCount;
    const strength = new Float64Array(dim);
    for (let u = 0; u < dim; u++) {
      if (classes === 2) strength[u] = Math.abs(r[u * 2 + 1]);
      else for (let c = 0; c < classes; c++) strength[u] = Math.max(strength[u], Math.abs(r[u * classes + c]));
    }
    return units.sort((a, b) => strength[b] - strength[a] || a - b);
  });
  return cached.slice();
}
