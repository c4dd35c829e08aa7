import type { StateDataset } from '@statescope/core';
import { nearestStates, type NearestMetric, type NearestStateIndex } from '@statescope/projection';

/** One index of a dataset's layer under one metric: pending, built, or failed. */
export interface SharedIndexEntry {
  /** Settles when the build ends. */
  readonly promise: Promise<NearestStateIndex>;
  /** The index once built, else null. */
  index: NearestStateIndex | null;
  /** Why the build failed, else null. */
  error: Error | null;
}

/**
 * Indexes made so far, per dataset (let go with it), then per layer and metric: every view of
 * the page that shows a dataset shares one build, which takes seconds at 100,000 states.
 */
const shared = new WeakMap<StateDataset, Map<string, SharedIndexEntry>>();

/**
 * The nearest-state index over `layer`'s hidden states h under `metric`, built on first request
 * (exact below 50,000 states; above, approximate, built in a worker) and shared by every caller
 * that asks for the same dataset, layer and metric. Read `index` and `error` synchronously to
 * draw without waiting; await `promise` otherwise. A failed build is kept (its error is shown),
 * since the same rows would fail again.
 */
export function sharedNearestIndex(data: StateDataset, layer: string, metric: NearestMetric): SharedIndexEntry {
  let byKey = shared.get(data);
  if (!byKey) shared.set(data, (byKey = new Map()));
  const key = `${metric}\u0000${layer}`;
  let entry = byKey.get(key);
  if (entry) return entry;
  const { hidden, dim } = data.layer(layer);
  const promise = nearestStates(hidden, { dim, metric });
  const made: SharedIndexEntry = { promise, index: null, error: null };
  promise.then(
    (index) => (made.index = index),
    (error: unknown) => (made.error = error instanceof Error ? error : new Error(String(error))),
  );
  byKey.set(key, (entry = made));
  return entry;
}
