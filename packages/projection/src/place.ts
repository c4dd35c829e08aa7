import { StatescopeError } from '@statescope/core';
import type { PlaceSettings } from './PlaceSettings.js';
import type { RunControl } from './RunControl.js';
import { runProjection } from './runProjection.js';
import { validateRows, type RowShape } from './validateRows.js';

export interface PlaceOptions extends RowShape, PlaceSettings, RunControl {}

/**
 * Adds new rows to an existing map without moving it: returns M x 2 coordinates for the M rows
 * of `newData`, found from their nearest neighbours among `existingData` (whose layout is
 * `existingEmbedding`, N x 2) and optimised with the map held fixed. Used to embed a subsample
 * of a huge dataset and place the rest, and for live what-if input. Off the calling thread.
 */
export function place(
  existingData: Float32Array,
  existingEmbedding: Float32Array,
  newData: Float32Array,
  options: PlaceOptions,
): Promise<Float32Array> {
  try {
    const { dim, onProgress, signal, worker, ...settings } = options;
    const referenceRows = validateRows(existingData, dim, 2, 'existingData');
    const rows = validateRows(newData, dim, 0, 'newData');
    validateRows(existingEmbedding, 2, 0, 'existingEmbedding');
    if (existingEmbedding.length !== 2 * referenceRows) {
      throw new StatescopeError(
        `must hold ${2 * referenceRows} values (one 2-D point per existing row), got ${existingEmbedding.length}`,
        { field: 'existingEmbedding' },
      );
    }
    if (rows === 0) return Promise.resolve(new Float32Array(0));
    return runProjection(
      {
        kind: 'place',
        reference: existingData,
        referenceRows,
        referenceEmbedding: existingEmbedding,
        data: newData,
        rows,
        dim,
        settings,
      },
      { onProgress, signal, worker },
    );
  } catch (error) {
    return Promise.reject(error);
  }
}
