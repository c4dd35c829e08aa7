import type { StateDataset } from '../StateDataset.js';

const caches = new WeakMap<StateDataset, Map<string, unknown>>();

/**
 * The value `make` returns for this dataset and key, computed once. Kept in a WeakMap keyed by the
 * dataset, so results go when the dataset goes.
 */
export function perDataset<T>(dataset: StateDataset, key: string, make: () => T): T {
  let cache = caches.get(dataset);
  if (!cache) caches.set(dataset, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  cache.set(key, value);
  return value;
}
