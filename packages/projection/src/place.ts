import { StatescopeError } from '@statescope/core';
import type { PlaceSettings } from './PlaceSettings.js';
import type { RunControl } from './RunControl.js';
import { runProjection } from './runProjection.js';
import { validateRows, type RowShape } from './validateRows.js';

/** What {@link place} takes: the row width `dim`, the tuning, and progress and cancellation. */
export interface PlaceOptions extends RowShape, PlaceSettings, RunControl {}

/**
 * Adds new rows to an existing map without moving it: returns M x 2 coordinates for the M rows
 * of `newData`, found from their nearest neighbours among `existingData` (whose layout is
 * `existingEmbedding`, N x 2) and optimised with the map held fixed. Used to embed a subsample
 * of a huge dataset and place the rest, and for live what-if input. Off the calling thread.
 *
 * @example
 * t-SNE of every tenth state, then the others placed on that map:
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { place, tsne } from '@statescope/projection';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const { hidden, dim } = dataset.layer();
 * const sampled: number[] = [];
 * const others: number[] = [];
 * for (let step = 0; step < dataset.stepCount; step++) (step % 10 === 0 ? sampled : others).push(step);
 * const rows = (steps: number[]) => {
 *   const out = new Float32Array(steps.length * dim);
 *   steps.forEach((step, i) => out.set(hidden.subarray(step * dim, (step + 1) * dim), i * dim));
 *   return out;
 * };
 * const sampleData = rows(sampled);
 * const sampleLayout = await tsne(sampleData, { dim, seed: 1 });
 * const placed = await place(sampleData, sampleLayout, rows(others), { dim }); // others.length x 2
 *
 * const layout = new Float32Array(dataset.stepCount * 2);
 * sampled.forEach((step, i) => layout.set(sampleLayout.subarray(2 * i, 2 * i + 2), 2 * step));
 * others.forEach((step, i) => layout.set(placed.subarray(2 * i, 2 * i + 2), 2 * step));
 * dataset.addProjection('tsne-sampled', layout);
 * ```
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
