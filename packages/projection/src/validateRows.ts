import { StatescopeError } from '@statescope/core';

/** Options every projection entry point shares: how to read the flat row-major input. */
export interface RowShape {
  /** Values per row (the hidden-state dimension). */
  dim: number;
}

/**
 * Checks a flat row-major matrix and returns its row count. Throws StatescopeError naming the
 * field (and, for a non-finite value, the row).
 */
export function validateRows(data: Float32Array, dim: number, minRows: number, field = 'data'): number {
  if (!(data instanceof Float32Array)) {
    throw new StatescopeError('expected a Float32Array (row-major N x dim)', { field });
  }
  if (!Number.isInteger(dim) || dim < 1) {
    throw new StatescopeError(`dim must be a positive integer, got ${String(dim)}`, { field: 'dim' });
  }
  if (data.length % dim !== 0) {
    throw new StatescopeError(
      `length ${data.length} is not a multiple of dim ${dim} (dimension mismatch: rows must have dim values)`,
      { field },
    );
  }
  const rows = data.length / dim;
  if (rows < minRows) {
    throw new StatescopeError(`needs at least ${minRows} rows, got ${rows}`, { field });
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // v - v is NaN exactly for NaN and the infinities.
    if (v - v !== 0) {
      throw new StatescopeError(`holds ${String(v)} at column ${i % dim}; values must be finite`, {
        field,
        row: Math.floor(i / dim),
      });
    }
  }
  return rows;
}
