import type { StateDataset } from '@statescope/core';
import { nearestStates, place, type NearestStateIndex } from '@statescope/projection';
import { firstDifference } from './firstDifference.js';

/** The nearest-state index of each dataset's top layer, built once and shared by every placer. */
const indexes = new WeakMap<StateDataset, Promise<NearestStateIndex>>();

/** Dataset states whose places a new state's estimate averages. */
const ESTIMATE_NEIGHBORS = 15;

/**
 * Places a what-if run's hidden states on every stored map of a dataset with `place()`
 * (reference: the dataset's top-layer states and that map's coordinates), placing only the
 * steps that changed since the last run: the network is causal, so the states before the first
 * changed token id are the same as before, and so are their places.
 *
 * `place()` takes most of a second per call on a large dataset (a fresh worker, the reference
 * copied into it, the map's grid), so {@link IncrementalPlacer.estimate} gives quick places
 * meanwhile: each new state at the distance-weighted mean of the places of its nearest dataset
 * states (a `nearestStates` index, built once), which is where `place()` starts its optimisation.
 */
export class IncrementalPlacer {
  readonly #data: StateDataset;
  /** Token ids and places of the last run placed to the end. */
  #ids: Uint32Array = new Uint32Array(0);
  #coordinates: Record<string, Float32Array> = {};
  /** Steps the last call had to place (the rest were kept). */
  lastPlaced = 0;

  #index: NearestStateIndex | null = null;
  #indexing = false;

  constructor(data: StateDataset) {
    this.#data = data;
  }

  /** Starts building the nearest-state index for estimates (once; off the calling thread when large). */
  prepare(): void {
    if (this.#indexing) return;
    this.#indexing = true;
    let build = indexes.get(this.#data);
    if (!build) {
      const { hidden, dim } = this.#data.layer();
      build = nearestStates(hidden, { dim });
      indexes.set(this.#data, build);
    }
    build.then(
      (index) => (this.#index = index),
      () => {}, // no estimates then: the views wait for place()
    );
  }

  /**
   * Quick places for a run (the kept steps' places, and an estimate for each changed step), or
   * null while the index is being built. Synchronous: a few ms per changed step.
   */
  estimate(ids: Uint32Array, hidden: Float32Array): Record<string, Float32Array> | null {
    const known = this.known(ids);
    if (known) return known;
    const index = this.#index;
    if (!index) return null;
    const data = this.#data;
    const dim = data.layer().dim;
    const steps = ids.length;
    const keep = Math.min(firstDifference(ids, this.#ids), this.#ids.length, steps);
    const names = data.projectionNames;
    const coordinates: Record<string, Float32Array> = {};
    for (const name of names) {
      const xy = new Float32Array(2 * steps);
      if (keep > 0) xy.set(this.#coordinates[name].subarray(0, 2 * keep));
      coordinates[name] = xy;
    }
    for (let t = keep; t < steps; t++) {
      const { steps: near, distances } = index.query(hidden.subarray(t * dim, (t + 1) * dim), ESTIMATE_NEIGHBORS);
      for (const name of names) {
        const map = data.projection(name)!;
        let x = 0;
        let y = 0;
        let total = 0;
        for (let i = 0; i < near.length; i++) {
          const w = 1 / (distances[i] * distances[i] + 1e-9);
          x += w * map[2 * near[i]];
          y += w * map[2 * near[i] + 1];
          total += w;
        }
        coordinates[name][2 * t] = x / total;
        coordinates[name][2 * t + 1] = y / total;
      }
    }
    return coordinates;
  }

  /** The places of a run whose token ids equal the last placed run's, or null. */
  known(ids: Uint32Array): Record<string, Float32Array> | null {
    return firstDifference(ids, this.#ids) === -1 ? this.#coordinates : null;
  }

  /**
   * Places the states (`ids.length` rows of the top layer's width) on every stored projection.
   * Rejects with an AbortError when `signal` aborts; the kept places are then unchanged.
   */
  async place(ids: Uint32Array, hidden: Float32Array, signal?: AbortSignal): Promise<Record<string, Float32Array>> {
    const known = this.known(ids);
    if (known) {
      this.lastPlaced = 0;
      return known;
    }
    const data = this.#data;
    const { hidden: reference, dim } = data.layer();
    const steps = ids.length;
    const parted = firstDifference(ids, this.#ids);
    const keep = Math.min(parted, this.#ids.length, steps);
    const fresh = hidden.subarray(keep * dim, steps * dim);
    const names = data.projectionNames;
    const placed = await Promise.all(
      names.map((name) => place(reference, data.projection(name)!, fresh, { dim, signal })),
    );
    const coordinates: Record<string, Float32Array> = {};
    names.forEach((name, i) => {
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
}
