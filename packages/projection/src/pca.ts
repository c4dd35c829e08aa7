import { StatescopeError } from '@statescope/core';
import { projectPca } from './projectPca.js';
import { validateRows, type RowShape } from './validateRows.js';

export interface PcaOptions extends RowShape {
  /** Output dimensions; default 2. */
  components?: number;
}

/**
 * Principal component projection of N rows (row-major N x dim) to N x components (default 2),
 * the fast, deterministic alternative to t-SNE. Rejects NaN, a dimension mismatch and N < 2 with
 * a StatescopeError.
 */
export async function pca(data: Float32Array, options: PcaOptions): Promise<Float32Array> {
  const { dim, components = 2 } = options;
  const rows = validateRows(data, dim, 2);
  if (!Number.isInteger(components) || components < 1) {
    throw new StatescopeError(`components must be a positive integer, got ${String(components)}`, {
      field: 'components',
    });
  }
  return projectPca(data, rows, dim, components);
}
