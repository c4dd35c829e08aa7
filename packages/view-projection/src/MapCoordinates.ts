import type { StateDataset } from '@statescope/core';
import { pca } from '@statescope/projection';
import { SpatialGrid } from './SpatialGrid.js';

/**
 * Where the map's points come from: coordinates given by code (a running t-SNE), else the
 * dataset's projection named by the view, else `tsne`, `pca` or the first stored one, else a PCA
 * computed by @statescope/projection (in its worker for large data; on this thread where a page
 * refuses workers), stored on the dataset as `pca`. Also the extent to fit and the hover index of
 * the coordinates in use.
 */
export class MapCoordinates {
  /** The coordinates last passed to {@link MapCoordinates.use}. */
  inUse: Float32Array | null = null;
  /** [minX, minY, maxX, maxY] of the coordinates in use. */
  extent: [number, number, number, number] = [0, 0, 1, 1];
  #grid: SpatialGrid | null = null;
  #pcaFor: StateDataset | null = null;
  #error: Error | null = null;
  readonly #computed: (data: StateDataset) => void;

  /** `computed` is told when a PCA it started has been stored on its dataset (or failed). */
  constructor(computed: (data: StateDataset) => void) {
    this.#computed = computed;
  }

  /** Why no coordinates could be computed, or null. */
  get error(): Error | null {
    return this.#error;
  }

  /** Forgets everything tied to the previous dataset. */
  reset(): void {
    this.inUse = null;
    this.#grid = null;
    this.#error = null;
  }

  /**
   * The coordinates to show, or null while a PCA is being computed (it starts here, once per
   * dataset). `override` wins when it has one row per step; a `name` the data lacks falls back
   * as if none was given.
   */
  resolve(data: StateDataset, override: Float32Array | null, name: string | null): Float32Array | null {
    if (override && override.length === 2 * data.stepCount) return override;
    const stored =
      (name ? data.projection(name) : undefined) ??
      data.projection('tsne') ??
      data.projection('pca') ??
      (data.projectionNames.length ? data.projection(data.projectionNames[0]) : undefined);
    if (stored) return stored;
    this.#computePca(data);
    return null;
  }

  /** Takes new coordinates: their extent, and a hover index built while the page is idle. */
  use(coordinates: Float32Array): void {
    this.inUse = coordinates;
    this.#grid = null;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < coordinates.length; i += 2) {
      const x = coordinates[i];
      const y = coordinates[i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.extent = minX <= maxX ? [minX, minY, maxX, maxY] : [0, 0, 1, 1];
    // The first hover after a new layout is then fast too; a hover before that builds it at once.
    const whenIdle = globalThis.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 50));
    whenIdle(() => {
      if (this.inUse === coordinates) this.grid();
    });
  }

  /** The uniform grid over the coordinates in use, for nearest-point hover. */
  grid(): SpatialGrid | null {
    if (!this.inUse) return null;
    return (this.#grid ??= new SpatialGrid(this.inUse));
  }

  #computePca(data: StateDataset): void {
    if (this.#pcaFor === data) return;
    this.#pcaFor = data;
    const { hidden, dim } = data.layer();
    pca(hidden, { dim })
      .catch(() => pca(hidden, { dim, worker: false })) // a page that refuses workers
      .then(
        (plane) => {
          if (!data.projection('pca')) data.addProjection('pca', plane);
        },
        (error: unknown) => {
          if (this.#pcaFor === data) this.#error = error instanceof Error ? error : new Error(String(error));
        },
      )
      .finally(() => this.#computed(data));
  }
}
