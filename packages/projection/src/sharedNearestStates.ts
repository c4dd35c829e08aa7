import type { NearestMetric } from './NearestMetric.js';
import type { NearestStateIndex } from './NearestStateIndex.js';
import { nearestStates } from './nearestStates.js';

/** One shared index of a rows array under one metric: pending, built, or failed. */
export interface SharedNearestStates {
  /** Settles when the build ends. */
  readonly promise: Promise<NearestStateIndex>;
  /** The index once built, else null. */
  index: NearestStateIndex | null;
  /** Why the build failed, else null. */
  error: Error | null;
}

/** Indexes made so far, per rows array (let go with it), then per metric. */
const shared = new WeakMap<Float32Array, Map<NearestMetric, SharedNearestStates>>();

/**
 * The {@link nearestStates} index of `rows` under `metric` (default euclidean), built on the
 * first request and shared by every later caller that passes the same array: the views of a
 * page (the map's hover, the neighbours list, the what-if placement) share one build, which
 * takes seconds at 100,000 states. Read `index` and `error` synchronously to draw without
 * waiting; await `promise` otherwise. A failed build is kept, since the same rows would fail again.
 *
 * @example
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { sharedNearestStates } from '@statescope/projection';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const { hidden, dim } = dataset.layer();
 * const entry = sharedNearestStates(hidden, { dim }); // the same entry for every caller
 * const index = entry.index ?? (await entry.promise);
 * const { steps } = index.queryStep(1234, 10);
 * ```
 */
export function sharedNearestStates(
  rows: Float32Array,
  options: { dim: number; metric?: NearestMetric },
): SharedNearestStates {
  const metric = options.metric ?? 'euclidean';
  let byMetric = shared.get(rows);
  if (!byMetric) shared.set(rows, (byMetric = new Map()));
  const known = byMetric.get(metric);
  if (known) return known;
  const promise = nearestStates(rows, { dim: options.dim, metric });
  const entry: SharedNearestStates = { promise, index: null, error: null };
  promise.then(
    (index) => (entry.index = index),
    (error: unknown) => (entry.error = error instanceof Error ? error : new Error(String(error))),
  );
  byMetric.set(metric, entry);
  return entry;
}
