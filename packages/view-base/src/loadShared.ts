import { loadDataset, type StateDataset } from '@statescope/core';

const loads = new Map<string, Promise<StateDataset>>();

/** Loads a dataset by URL once per page, so that elements pointing at the same `src` share it. */
export function loadShared(url: string): Promise<StateDataset> {
  let pending = loads.get(url);
  if (!pending) {
    pending = loadDataset(url);
    loads.set(url, pending);
    pending.catch(() => loads.delete(url)); // a failed load may be retried
  }
  return pending;
}
