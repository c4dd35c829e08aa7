import { StatescopeError } from '@statescope/core';
import { conditionalAffinities } from './conditionalAffinities.js';
import type { NearestStateIndex } from './NearestStateIndex.js';
import { PlacementMap } from './PlacementMap.js';
import { placementNeighbors } from './placeSteps.js';
import { placementSteps } from './placementSteps.js';
import type { PlaceSettings } from './PlaceSettings.js';
import { validateRows } from './validateRows.js';

/** What a {@link Placer} takes: `place()`'s tuning, and the lists each new row's search probes. */
export interface PlacerSettings extends Omit<PlaceSettings, 'progressEvery' | 'seed'> {
  /**
   * Lists of an approximate index searched per new row (default 4; the index's own default is
   * higher): placing needs a row's near neighbours, not its exact ten.
   */
  probes?: number;
}

/** Lists probed per new row unless the settings say otherwise. */
const DEFAULT_PROBES = 4;

/**
 * Places new states on existing maps of the indexed states without moving them, like
 * {@link place}, but synchronously and in milliseconds, for live input (a what-if text, each
 * keystroke): the neighbour search uses an index built once ({@link nearestStates}, e.g. the
 * page's {@link sharedNearestStates}), and each map's repulsion grid is computed once, on its
 * first use, and kept. About 10 ms for 100 new states on a map of 100,000 (see the README).
 *
 * @example
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { Placer, nearestStates } from '@statescope/projection';
 * import { Vocabulary, loadWeights, runModel, tokenize } from '@statescope/rnn';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const { hidden, dim } = dataset.layer();
 * const placer = new Placer(await nearestStates(hidden, { dim }));
 * const { model, manifest } = await loadWeights('data/imdb.model.json');
 * const ids = new Vocabulary(manifest.vocabulary!).encode(tokenize('A slow start, but a wonderful ending.'));
 * const run = runModel(model, ids);
 * const [onTsne] = placer.place(run.hidden, [dataset.projection('tsne')!]); // ids.length x 2
 * ```
 */
export class Placer {
  readonly #index: NearestStateIndex;
  readonly #settings: PlacerSettings;
  readonly #maps = new WeakMap<Float32Array, PlacementMap>();

  constructor(index: NearestStateIndex, settings: PlacerSettings = {}) {
    if (index.size < 2)
      throw new StatescopeError(`must index at least 2 states, has ${index.size}`, { field: 'index' });
    this.#index = index;
    this.#settings = settings;
  }

  /**
   * The places of `rows` (M x dim, the index's width) on each of `embeddings` (each N x 2, one
   * point per indexed state, in the index's order): M x 2 per embedding.
   */
  place(rows: Float32Array, embeddings: readonly Float32Array[]): Float32Array[] {
    const index = this.#index;
    const { dim, size } = index;
    const count = validateRows(rows, dim, 0, 'rows');
    embeddings.forEach((embedding) => {
      if (!(embedding instanceof Float32Array) || embedding.length !== 2 * size) {
        throw new StatescopeError(`must be a Float32Array of ${2 * size} values (a 2-D point per indexed state)`, {
          field: 'embeddings',
        });
      }
    });
    if (count === 0) return embeddings.map(() => new Float32Array(0));
    const settings = this.#settings;
    const perplexity = Math.max(1, Math.min(settings.perplexity ?? 5, size / 3));
    const k = placementNeighbors(perplexity, size);
    const probes = settings.probes ?? DEFAULT_PROBES;
    const indices = new Int32Array(count * k);
    const distances = new Float32Array(count * k);
    const squared = index.metric === 'euclidean';
    for (let i = 0; i < count; i++) {
      const near = index.query(rows.subarray(i * dim, (i + 1) * dim), k, probes);
      for (let x = 0; x < k; x++) {
        // conditionalAffinities takes squared Euclidean distances (or cosine distances as they are).
        const d = near.distances[x];
        indices[i * k + x] = near.steps[x];
        distances[i * k + x] = squared ? d * d : d;
      }
    }
    const p = conditionalAffinities({ rows: count, k, indices, distances }, perplexity);
    const steps = { ...settings, progressEvery: settings.iterations ?? 100 };
    return embeddings.map((embedding) => {
      let map = this.#maps.get(embedding);
      if (!map) this.#maps.set(embedding, (map = new PlacementMap(embedding)));
      const run = placementSteps(map, indices, p, k, count, steps);
      for (;;) {
        const next = run.next();
        if (next.done) return next.value;
      }
    });
  }
}
