import type { StateDataset } from '@statescope/core';

/**
 * The name of the stored projection whose coordinates the map shows, or null when it shows
 * coordinates set by code. A PCA computed by the map is stored as `pca`, so it has that name.
 */
export function shownProjection(dataset: StateDataset, coordinates: Float32Array | null): string | null {
  if (!coordinates) return null;
  for (const name of dataset.projectionNames) if (dataset.projection(name) === coordinates) return name;
  return null;
}
