import type { StateDataset } from '@statescope/core';
import { Placer, sharedNearestStates } from '@statescope/projection';
import { firstDifference } from './firstDifference.js';

/**
 * Places a what-if run's hidden states on every stored map of a dataset (a {@link Placer} over
 * the page's shared nearest-state index of the top layer), placing only the steps that changed
 * since the last run: the network is causal, so the states before the first changed token id
 * are the same as before, and so are their places.
 */
export class IncrementalPlacer {
  readonly #data: StateDataset;
  /** Token ids and places of the last run placed. */
  #ids: Uint32Array = new Uint32Array(0);
  #coordinates: Record<string, Float32Array> = {};
  #placer: Placer | null = null;
  /** Settles when places can be given (the index is built), or rejects with why not. */
  readonly ready: Promise<void>;
  /** Steps the last call had to place (the rest were kept). */
  lastPlaced = 0;

  constructor(data: StateDataset) {
    this.#data = data;
    const { hidden, dim } = data.layer();
    const entry = sharedNearestStates(hidden, { dim });
    this.ready = entry.promise.then((index) => {
      this.#placer = new Placer(index);
      // The first placing on a map computes its repulsion grid: do it now, not on a keystroke.
      this.#placer.place(hidden.subarray(0, dim), this.#maps());
    });
  }

  /**
   * The places of a run's states (`ids.length` rows of the top layer's width) on every stored
   * projection, by name; null while the index is being built. Synchronous: milliseconds per
   * changed step.
   */
  place(ids: Uint32Array, hidden: Float32Array): Record<string, Float32Array> | null {
    const placer = this.#placer;
    if (!placer) return null;
    const data = this.#data;
    const dim = data.layer().dim;
    const steps = ids.length;
    const parted = firstDifference(ids, this.#ids);
    if (parted === -1) {
      this.lastPlaced = 0;
      return this.#coordinates;
    }
    const keep = Math.min(parted, this.#ids.length, steps);
    const placed = placer.place(hidden.subarray(keep * dim, steps * dim), this.#maps());
    const coordinates: Record<string, Float32Array> = {};
    data.projectionNames.forEach((name, i) => {
      const xy = new Float32Array(2 * steps);
      if (keep > 0) xy.set(this.#coordinates[name].subarray(0, 2 * keep));
      xy.set(placed[i], 2 * keep);
      coordinates[name] = xy;
    });
    this.#ids = ids.slice();
    this.#coordinates = coordinates;
    this.lastPlaced = steps - keep;
    return coordinates;
  }

  #maps(): Float32Array[] {
    const data = this.#data;
    return data.projectionNames.map((name) => data.projection(name)!);
  }
}
