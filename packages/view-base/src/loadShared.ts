import { loadDataset, type StateDataset } from '@statescope/core';
import { sharedRegistry } from './sharedRegistry.js';

interface Entry {
  pending: Promise<StateDataset>;
  /** Holders that have not released it yet. */
  holders: number;
}

/** Shared with every compatible copy of this package in the page (see sharedRegistry). */
const loads = sharedRegistry<Entry>('loads', import.meta.url);

/**
 * Loads a dataset by URL once for every holder, so that elements pointing at the same `src`
 * share one copy. Each call holds the entry until a matching {@link releaseShared}; the last
 * release drops it from the cache (holders keep the dataset they got). A failed load is dropped
 * at once, so it may be retried.
 */
export function loadShared(url: string): Promise<StateDataset> {
  let entry = loads.get(url);
  if (!entry) {
    const pending = loadDataset(url);
    const created: Entry = { pending, holders: 0 };
    loads.set(url, created);
    pending.catch(() => loads.get(url) === created && loads.delete(url));
    entry = created;
  }
  entry.holders++;
  return entry.pending;
}

/** Gives back one hold on `url` taken by {@link loadShared}; the last one empties the cache entry. */
export function releaseShared(url: string): void {
  const entry = loads.get(url);
  if (!entry) return;
  if (--entry.holders <= 0) loads.delete(url);
}

/** URLs whose datasets the cache holds now (for tests and diagnostics). */
export function sharedUrls(): string[] {
  return [...loads.keys()];
}
