import { StatescopeError, seededRandom } from '@statescope/core';
import { abortError } from './abortError.js';
import { place } from './place.js';
import type { PlaceSettings } from './PlaceSettings.js';
import type { RunControl } from './RunControl.js';
import { tsne } from './tsne.js';
import type { TsneProgress } from './TsneProgress.js';
import type { TsneSettings } from './TsneSettings.js';
import { validateRows, type RowShape } from './validateRows.js';

/** A progress report of {@link sampledTsne}: which phase, and the whole layout so far. */
export interface SampledTsneProgress extends TsneProgress {
  /**
   * `tsne`: the t-SNE of the sample is running (`iteration` counts its gradient steps).
   * `place`: the sample's layout is final and the other rows are being placed on it
   * (`iteration` counts the placement's steps; 0 while their neighbours are searched).
   */
  phase: 'tsne' | 'place';
  /** Rows in the t-SNE. */
  sampleSize: number;
  /** Rows outside the sample that have coordinates in this report (0 until their placement starts). */
  placed: number;
  /**
   * N x 2 in row order, a fresh buffer each time. Rows without coordinates yet (outside the
   * sample, before their placement reports) are NaN.
   */
  embedding: Float32Array;
}

/** What {@link sampledTsne} takes: the t-SNE's tuning plus the sample and the placement. */
export interface SampledTsneOptions extends RowShape, TsneSettings, Omit<RunControl, 'onProgress'> {
  /**
   * Rows in the t-SNE, drawn at random (seeded by `seed`); default 19,000, below the 20,000
   * rows from which {@link tsne} doubles its FFT grid per side. With as many rows as this or
   * fewer, every row is in the t-SNE and nothing is placed.
   */
  sample?: number;
  /** Tuning of the placement of the other rows; its seed defaults to `seed`. */
  placement?: PlaceSettings;
  /** Called every `progressEvery` t-SNE steps, then every `placement.progressEvery` placement steps. */
  onProgress?: (progress: SampledTsneProgress) => void;
}

/** The default of {@link SampledTsneOptions.sample}. */
const DEFAULT_SAMPLE = 19_000;
/** Fewer rows to place than this go to one worker: a second one would cost more than it saves. */
const SPLIT_FROM = 4_000;

/**
 * t-SNE of a large set of rows by the subsample route: a t-SNE of a seeded random sample of
 * `sample` rows, then every other row placed on that map with {@link place} (in two workers at
 * once where two cores are there; each row is placed on its own, so the split does not change
 * the layout). Returns N x 2 in row order; the sample's coordinates are exactly a t-SNE of the
 * sample. On the IMDB demo's 96,617 states it takes about a third of the time of a t-SNE of all
 * of them, with the same trustworthiness T(10) (measured in a browser tab, bench/scale/tabTsne.ts).
 *
 * Progress comes from both phases with the whole N x 2 layout (rows without coordinates yet are
 * NaN), so that a map can follow the sample forming and then the others arriving. Aborting
 * `signal` stops whichever phase runs and rejects with an AbortError. Rejects with
 * StatescopeError on the inputs {@link tsne} rejects, and on a `sample` below 4.
 *
 * @example
 * The IMDB demo's 96,617 states: a map of 19,000 of them, the others placed on it, shown as it forms:
 * ```ts
 * import { loadDataset } from '@statescope/core';
 * import { sampledTsne } from '@statescope/projection';
 * import '@statescope/view-projection/define';
 *
 * const dataset = await loadDataset('data/imdb.json');
 * const map = document.createElement('hs-projection');
 * map.data = dataset;
 * document.body.append(map);
 *
 * const { hidden, dim } = dataset.layer();
 * const stop = new AbortController(); // stop.abort() rejects with an AbortError, in either phase
 * const layout = await sampledTsne(hidden, {
 *   dim,
 *   sample: 19_000,
 *   perplexity: 30,
 *   seed: 1, // the same sample and the same layout on every run
 *   signal: stop.signal,
 *   onProgress: ({ phase, iteration, iterations, placed, embedding }) => {
 *     map.coordinates = embedding; // rows without coordinates yet are NaN: the map leaves them out
 *     console.log(`${phase}: ${iteration} / ${iterations}, ${placed} placed`);
 *   },
 * });
 * dataset.addProjection('tsne-sampled', layout);
 * map.coordinates = null; // back to the stored projection: the new 'tsne-sampled'
 * ```
 */
export async function sampledTsne(data: Float32Array, options: SampledTsneOptions): Promise<Float32Array> {
  const { dim, sample = DEFAULT_SAMPLE, placement = {}, onProgress, signal, worker, ...settings } = options;
  const rows = validateRows(data, dim, 4);
  if (!(Number.isInteger(sample) && sample >= 4)) {
    throw new StatescopeError(`must be an integer of at least 4, got ${String(sample)}`, { field: 'sample' });
  }
  const init = settings.initialization;
  if (init instanceof Float32Array && init.length !== 2 * rows) {
    throw new StatescopeError(`must hold ${2 * rows} values (N x 2), got ${init.length}`, {
      field: 'initialization',
    });
  }
  if (signal?.aborted) throw abortError(signal);
  const seed = settings.seed ?? 1;
  const inSample = sampleMask(rows, Math.min(sample, rows), seed);
  const sampled = indicesWhere(inSample, 1);
  const others = indicesWhere(inSample, 0);
  const sampleSize = sampled.length;

  const report = (
    phase: SampledTsneProgress['phase'],
    { iteration, iterations, kl }: Omit<TsneProgress, 'embedding'>,
    embedding: Float32Array,
    placed: number,
  ) => onProgress?.({ phase, iteration, iterations, kl, sampleSize, placed, embedding });
  // The whole layout with the sample's coordinates from `map` and NaN elsewhere.
  const withSample = (map: Float32Array): Float32Array => {
    const out = new Float32Array(2 * rows).fill(NaN);
    scatter(out, map, sampled);
    return out;
  };

  const sampleData = gather(data, dim, sampled);
  const map = await tsne(sampleData, {
    ...settings,
    ...(init instanceof Float32Array && { initialization: gather(init, 2, sampled) }),
    dim,
    signal,
    worker,
    onProgress: onProgress && ((progress) => report('tsne', progress, withSample(progress.embedding), 0)),
  });
  const layout = new Float32Array(2 * rows);
  scatter(layout, map, sampled);
  if (others.length === 0) return layout;
  if (signal?.aborted) throw abortError(signal);

  const iterations = placement.iterations ?? 100;
  // The placement has started (its neighbour search comes before its first report): say so now.
  report('place', { iteration: 0, iterations, kl: NaN }, withSample(map), 0);

  const parts = splitRows(others, worker !== false && others.length >= SPLIT_FROM && cores() >= 2 ? 2 : 1);
  // Each part's latest report; a failure in one part stops the other.
  const latest = parts.map(() => null as TsneProgress | null);
  const stopAll = new AbortController();
  const onAbort = () => stopAll.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort);
  const onPart = (k: number, progress: TsneProgress) => {
    latest[k] = progress;
    const out = withSample(map);
    let placed = 0;
    let iteration = iterations;
    let kl = 0;
    for (let j = 0; j < parts.length; j++) {
      const seen = latest[j];
      if (!seen) {
        iteration = 0;
        kl = NaN;
        continue;
      }
      scatter(out, seen.embedding, parts[j]);
      placed += parts[j].length;
      iteration = Math.min(iteration, seen.iteration);
      kl += seen.kl * parts[j].length;
    }
    report('place', { iteration, iterations, kl: kl / Math.max(1, placed) }, out, placed);
  };
  try {
    const placed = await Promise.all(
      parts.map((part, k) =>
        place(sampleData, map, gather(data, dim, part), {
          ...placement,
          seed: placement.seed ?? seed,
          dim,
          worker,
          signal: stopAll.signal,
          ...(onProgress && { onProgress: (progress: TsneProgress) => onPart(k, progress) }),
        }).catch((error: unknown) => {
          stopAll.abort(error);
          throw error;
        }),
      ),
    );
    placed.forEach((coordinates, k) => scatter(layout, coordinates, parts[k]));
    return layout;
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * A seeded random sample of `count` of `rows` rows, as a mask (1: sampled): Floyd's algorithm,
 * `count` draws however large `rows` is.
 */
function sampleMask(rows: number, count: number, seed: number): Uint8Array {
  const mask = new Uint8Array(rows);
  if (count >= rows) return mask.fill(1);
  const random = seededRandom(seed ^ 0x3c6ef372);
  for (let j = rows - count; j < rows; j++) {
    const t = Math.floor(random() * (j + 1));
    mask[mask[t] ? j : t] = 1;
  }
  return mask;
}

/** The indices where `mask` holds `value`, ascending. */
function indicesWhere(mask: Uint8Array, value: 0 | 1): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === value) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] === value) out[k++] = i;
  return out;
}

/** The listed rows of a row-major matrix, in shared memory where it can be (a worker reads them without a copy). */
function gather(data: Float32Array, width: number, rows: Int32Array): Float32Array {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  const length = rows.length * width;
  const out =
    typeof SharedArrayBuffer !== 'undefined' && scope.crossOriginIsolated !== false
      ? new Float32Array(new SharedArrayBuffer(4 * length))
      : new Float32Array(length);
  for (let r = 0; r < rows.length; r++) out.set(data.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
  return out;
}

/** Writes a part's layout (its rows' order) into the whole layout, at the rows it lists. */
function scatter(out: Float32Array, part: Float32Array, rows: Int32Array): void {
  for (let r = 0; r < rows.length; r++) {
    out[2 * rows[r]] = part[2 * r];
    out[2 * rows[r] + 1] = part[2 * r + 1];
  }
}

/** `rows` cut into `count` contiguous parts of nearly equal size. */
function splitRows(rows: Int32Array, count: number): Int32Array[] {
  const size = Math.ceil(rows.length / count);
  return Array.from({ length: count }, (_, k) => rows.subarray(k * size, Math.min(rows.length, (k + 1) * size)));
}

/** Logical cores of this machine (2 when the platform does not say: Node 20 has no navigator). */
function cores(): number {
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
}
