import { StatescopeError } from '@statescope/core';
import { projectPca } from './projectPca.js';
import type { RunControl } from './RunControl.js';
import { runProjection } from './runProjection.js';
import { validateRows, type RowShape } from './validateRows.js';

/** What {@link pca} takes: the row width `dim`, the output width, and cancellation. */
export interface PcaOptions extends RowShape, Pick<RunControl, 'signal' | 'worker'> {
  /** Output dimensions; default 2. */
  components?: number;
}

/** Below this much work (rows x dim^2) PCA runs at once on the calling thread: a worker costs more. */
const INLINE_WORK = 5e7;

/**
 * Principal component projection of N rows (row-major N x dim) to N x components (default 2),
 * the fast, deterministic alternative to t-SNE: the sign of each axis is fixed (largest loading
 * positive). Large inputs go to a worker. Rejects NaN, a dimension mismatch and N < 2 with a
 * StatescopeError.
 *
 * @example
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { pca } from '@statescope/projection';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const { hidden, dim } = dataset.layer();
 * dataset.addProjection('pca', await pca(hidden, { dim })); // steps x 2
 * const three = await pca(hidden, { dim, components: 3 }); // steps x 3
 * ```
 */
export function pca(data: Float32Array, options: PcaOptions): Promise<Float32Array> {
  try {
    const { dim, components = 2, signal, worker } = options;
    const rows = validateRows(data, dim, 2);
    if (!Number.isInteger(components) || components < 1) {
      throw new StatescopeError(`must be a positive integer, got ${String(components)}`, { field: 'components' });
    }
    if (worker === false || rows * dim * dim < INLINE_WORK) {
      return Promise.resolve(projectPca(data, rows, dim, components));
    }
    return runProjection({ kind: 'pca', data, rows, dim, components }, { signal });
  } catch (error) {
    return Promise.reject(error);
  }
}
