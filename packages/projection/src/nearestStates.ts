import { StatescopeError } from '@statescope/core';
import { abortError } from './abortError.js';
import { NEAREST_METRICS, type NearestMetric } from './NearestMetric.js';
import { NearestStateIndex } from './NearestStateIndex.js';
import { runProjection } from './runProjection.js';
import { validateRows, type RowShape } from './validateRows.js';

/** From this many states, `method: 'auto'` builds the approximate index (exact search below). */
export const APPROXIMATE_FROM = 50_000;

/** What {@link nearestStates} takes. */
export interface NearestStatesOptions extends RowShape {
  /** `'euclidean'` (default) or `'cosine'` (distance 1 - cosine similarity). */
  metric?: NearestMetric;
  /**
   * `'auto'` (default): exact below {@link APPROXIMATE_FROM} states, approximate from there.
   * `'exact'`: every query compares every state. `'approximate'`: an inverted file of k-means
   * lists, of which each query searches the `probes` nearest.
   */
  method?: 'auto' | 'exact' | 'approximate';
  /** Approximate only: number of k-means lists (default about 2 sqrt(N)). */
  lists?: number;
  /** Approximate only: lists searched per query (default lists / 12, at least 8). More: better recall, slower. */
  probes?: number;
  /** Seed of the k-means (default 1): the same seed and rows give the same index. */
  seed?: number;
  /**
   * Where the approximate index is built: in a Web Worker or worker_threads (default, where the
   * platform has them) or, with `false`, on the calling thread. An exact index needs no build
   * beyond one pass over the rows, on the calling thread.
   */
  worker?: boolean;
  /** Aborting rejects with an AbortError and stops the build's worker at once. */
  signal?: AbortSignal;
}

/**
 * Builds an index over N hidden states (`rows`, row-major N x dim, e.g.
 * `dataset.layer(name).hidden`) for k-nearest-state queries: the states nearest a new state (a
 * what-if text's, say) with `query(vector, k)`, or nearest an existing step, that step left out,
 * with `queryStep(step, k)`. Answers are typed arrays, nearest first, ties by step index.
 * Exact search below {@link APPROXIMATE_FROM} states; above, an inverted file of k-means lists
 * built off the calling thread (recall@10 about 0.99 on the IMDB demo's states; see the README).
 *
 * @example
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { nearestStates } from '@statescope/projection';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const { hidden, dim } = dataset.layer();
 * const index = await nearestStates(hidden, { dim, metric: 'cosine' });
 * const { steps, distances } = index.queryStep(1234, 10); // 10 nearest other states
 * for (let i = 0; i < steps.length; i++) console.log(dataset.token(steps[i]), distances[i]);
 * index.dispose();
 * ```
 */
export async function nearestStates(rows: Float32Array, options: NearestStatesOptions): Promise<NearestStateIndex> {
  const { dim, metric = 'euclidean', method = 'auto', seed = 1, signal, worker } = options;
  if (!NEAREST_METRICS.includes(metric)) {
    throw new StatescopeError(`must be one of ${NEAREST_METRICS.join(', ')}, got ${String(metric)}`, {
      field: 'metric',
    });
  }
  if (method !== 'auto' && method !== 'exact' && method !== 'approximate') {
    throw new StatescopeError(`must be auto, exact or approximate, got ${String(method)}`, { field: 'method' });
  }
  positiveInteger(options.lists, 'lists');
  positiveInteger(options.probes, 'probes');
  if (!Number.isInteger(seed)) throw new StatescopeError(`must be an integer, got ${String(seed)}`, { field: 'seed' });
  const n = validateRows(rows, dim, 1, 'rows');
  if (signal?.aborted) throw abortError(signal);
  if (method === 'exact' || (method === 'auto' && n < APPROXIMATE_FROM)) {
    return new NearestStateIndex(rows, dim, metric);
  }
  const lists = Math.min(n, options.lists ?? Math.max(1, Math.round(2 * Math.sqrt(n))));
  const packed = await runProjection(
    { kind: 'lists', data: rows, rows: n, dim, metric, lists, seed },
    { signal, worker: worker ?? workersAvailable() },
  );
  // Unpack (see invertedLists): centroids, then each row's list; a counting sort groups rows by
  // list, in step order within each.
  const count = (packed.length - n) / dim;
  const centroids = packed.slice(0, count * dim);
  const offsets = new Uint32Array(count + 1);
  const base = count * dim;
  for (let i = 0; i < n; i++) offsets[packed[base + i] + 1]++;
  for (let l = 0; l < count; l++) offsets[l + 1] += offsets[l];
  const fill = offsets.slice(0, count);
  const members = new Uint32Array(n);
  for (let i = 0; i < n; i++) members[fill[packed[base + i]]++] = i;
  const probes = Math.min(count, options.probes ?? Math.max(8, Math.round(count / 12)));
  if (signal?.aborted) throw abortError(signal);
  return new NearestStateIndex(rows, dim, metric, { centroids, offsets, members, probes });
}

function positiveInteger(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new StatescopeError(`must be a positive integer, got ${String(value)}`, { field });
  }
}

/** Whether a worker can be started here: a Web Worker, or Node's worker_threads. */
function workersAvailable(): boolean {
  const scope = globalThis as { Worker?: unknown; process?: { versions?: { node?: string } } };
  return scope.Worker !== undefined || scope.process?.versions?.node !== undefined;
}
