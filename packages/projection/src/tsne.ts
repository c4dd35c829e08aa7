import { StatescopeError } from '@statescope/core';
import type { RunControl } from './RunControl.js';
import { runProjection } from './runProjection.js';
import type { TsneSettings } from './TsneSettings.js';
import { validateRows, type RowShape } from './validateRows.js';

/** What {@link tsne} takes: the row width `dim`, the tuning, and progress and cancellation. */
export interface TsneOptions extends RowShape, TsneSettings, RunControl {}

/**
 * t-SNE of N rows (row-major N x dim) to N x 2, off the calling thread (Web Worker or
 * worker_threads), progressive and cancellable. Sparse input affinities over approximate
 * nearest neighbours (k = 3 x perplexity), PCA initialisation, early exaggeration, momentum and
 * gains, repulsion by Barnes-Hut or, from 5,000 points, FFT-accelerated interpolation. Seeded:
 * the same input, options and seed give the same layout.
 *
 * Rejects with StatescopeError on NaN or infinite values (naming the row), on a length that is
 * not a multiple of `dim`, and on fewer than 4 rows.
 *
 * @example
 * A map of every hidden state of a dataset, shown while it forms, stored when done:
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { tsne } from '@statescope/projection';
 * import '@statescope/view-projection/define';
 *
 * const dataset = await loadDataset('data/reuters.json');
 * const map = document.createElement('hs-projection');
 * map.data = dataset;
 * document.body.append(map);
 *
 * const { hidden, dim } = dataset.layer(); // row-major steps x units
 * const stop = new AbortController(); // stop.abort() rejects with an AbortError
 * const layout = await tsne(hidden, {
 *   dim,
 *   perplexity: 30,
 *   seed: 1, // same input, options and seed: the same layout
 *   signal: stop.signal,
 *   onProgress: ({ iteration, iterations, embedding }) => {
 *     map.coordinates = embedding; // redraws in the next frame
 *     console.log(`${iteration} / ${iterations}`);
 *   },
 * });
 * dataset.addProjection('tsne', layout);
 * map.coordinates = null; // back to the stored projection: the new 'tsne'
 * ```
 */
export function tsne(data: Float32Array, options: TsneOptions): Promise<Float32Array> {
  try {
    const { dim, onProgress, signal, worker, ...settings } = options;
    const rows = validateRows(data, dim, 4);
    checkSettings(settings, rows);
    return runProjection({ kind: 'tsne', data, rows, dim, settings }, { onProgress, signal, worker });
  } catch (error) {
    return Promise.reject(error);
  }
}

function checkSettings(settings: TsneSettings, rows: number): void {
  const positive = (field: keyof TsneSettings) => {
    const value = settings[field];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
      throw new StatescopeError(`must be a positive number, got ${String(value)}`, { field });
    }
  };
  positive('perplexity');
  positive('iterations');
  positive('learningRate');
  positive('exaggeration');
  positive('progressEvery');
  positive('theta');
  const init = settings.initialization;
  if (init instanceof Float32Array && init.length !== 2 * rows) {
    throw new StatescopeError(`must hold ${2 * rows} values (N x 2), got ${init.length}`, {
      field: 'initialization',
    });
  }
}
