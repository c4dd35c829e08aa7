// One case of the t-SNE benchmark at scale (bench/scale/tsne.ts), in its own process so that
// its peak memory (maxRSS: every thread, workers included, and typed arrays outside the JS heap)
// is that case's alone. Prints one JSON line.
//   node --import tsx --expose-gc bench/scale/tsneCase.ts '{"route":"full","n":100000}'
//   node --import tsx --expose-gc bench/scale/tsneCase.ts '{"route":"subsample","n":1000000,"subsample":25000}'
import { loadavg } from 'node:os';
import { sampledTsne, tsne } from '@statescope/projection';
import { trustworthiness } from '../projection-quality.js';
import { seededRandom } from '../seededRandom.js';
import { benchStates } from './tsneStates.js';

/** Which route, at how many states. */
export interface TsneCaseSpec {
  /** `full`: t-SNE of every state; `subsample`: sampledTsne(), a t-SNE of `subsample` states, the others placed on that map. */
  route: 'full' | 'subsample';
  n: number;
  /** States in the t-SNE of the `subsample` route (default 25,000). */
  subsample?: number;
  /** Passed to tsne() when given (most FFT boxes per side; its default is 42 from 20,000 states). */
  fftBoxes?: number;
  /** Gradient steps of place() (its default is 100). */
  placeIterations?: number;
}

/** What one case measured; times in seconds, memory in bytes. */
export interface TsneCaseResult extends TsneCaseSpec {
  rows: number;
  dim: number;
  source: string;
  real: boolean;
  startedAt: string;
  /** Load averages (1 and 5 min) at the start and at the end of the projection. */
  loadStart: [number, number];
  loadEnd: [number, number];
  /** The whole projection: t-SNE, plus the placement for `subsample`. */
  seconds: number;
  /** CPU time of the process over the projection, every thread (2 cores busy: about twice the wall time). */
  cpuSeconds: number;
  /** `full`: neighbours, affinities, PCA start (until the first progress report). */
  prepareSeconds?: number;
  /** `full`: the first 250 steps (early exaggeration). */
  earlySeconds?: number;
  /** `subsample`: the t-SNE of the subsample, and the placement of the others. */
  tsneSeconds?: number;
  placeSeconds?: number;
  /** Process RSS with the input loaded, before the projection starts. */
  inputRss: number;
  /** Highest RSS sampled (every 100 ms) while preparing (`full`) or during the t-SNE (`subsample`). */
  preparePeakRss: number;
  /** Highest RSS sampled during the gradient steps (`full`) or the placement (`subsample`). */
  stepsPeakRss: number;
  /** The kernel's peak RSS of the whole process (maxRSS). */
  peakRss: number;
  /** Trustworthiness at k = 10 on a seeded random sample of 2,000 states (exact neighbours among them). */
  t10: number;
  /** States whose final coordinates are NaN or infinite (0 when the run converged). */
  nonFinite: number;
  /** `full`: the first progress report (every 50 steps) with a non-finite coordinate; the run stops there. */
  divergedAt?: number;
  /** `full`: each progress report: step, seconds since the start, KL, width of the map, non-finite states. */
  progress?: { iteration: number; seconds: number; kl: number; width: number; nonFinite: number }[];
}

/** Points in the T(10) sample. */
const QUALITY_SAMPLE = 2000;

/** `count` distinct indices below `rows`, sorted, drawn with a seeded generator (Floyd's algorithm). */
function randomRows(rows: number, count: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  for (let j = rows - Math.min(count, rows); j < rows; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from([...chosen].sort((a, b) => a - b));
}

/** The rows of `data` listed in `rows`, in shared memory (a worker reads them without a copy). */
function pick(data: Float32Array, dim: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(new SharedArrayBuffer(Math.max(4, rows.length * dim * 4)));
  for (let r = 0; r < rows.length; r++) out.set(data.subarray(rows[r] * dim, (rows[r] + 1) * dim), r * dim);
  return out;
}

/** Samples this process's RSS; `mark()` starts a new phase and returns the previous phase's peak. */
function rssSampler(): { mark: () => number; stop: () => void } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  return {
    mark: () => {
      const phasePeak = Math.max(peak, process.memoryUsage.rss());
      peak = process.memoryUsage.rss();
      return phasePeak;
    },
    stop: () => clearInterval(timer),
  };
}

const load = (): [number, number] => [loadavg()[0], loadavg()[1]];

/** Non-finite states of a layout (N x 2), and the width of the finite ones along x. */
function inspect(layout: Float32Array): { nonFinite: number; width: number } {
  let nonFinite = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < layout.length; i += 2) {
    const x = layout[i];
    if (!Number.isFinite(x) || !Number.isFinite(layout[i + 1])) nonFinite++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return { nonFinite, width: hi - lo };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as TsneCaseSpec;
  const states = await benchStates(spec.n);
  const { rows, dim } = states;
  const data = states.data;
  const sample = randomRows(rows, QUALITY_SAMPLE, 2024);
  const sampleData = pick(data, dim, sample);
  globalThis.gc?.();
  const inputRss = process.memoryUsage.rss();
  const sampler = rssSampler();
  const loadStart = load();
  const startedAt = new Date().toISOString();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  const embedding = new Float32Array(2 * rows);
  let result: Partial<TsneCaseResult>;
  if (spec.route === 'full') {
    let prepareSeconds = NaN;
    let earlySeconds = NaN;
    let preparePeakRss = NaN;
    let divergedAt: number | undefined;
    const progress: NonNullable<TsneCaseResult['progress']> = [];
    // A layout with NaN goes on for the full 750 steps (slowly: NaN grid indices take V8's slow
    // path); stopping at the first sign says as much and frees the machine.
    const stop = new AbortController();
    const layout = await tsne(data, {
      dim,
      perplexity: 30,
      seed: 1,
      progressEvery: 50,
      ...(spec.fftBoxes !== undefined && { fftBoxes: spec.fftBoxes }),
      signal: stop.signal,
      onProgress: ({ iteration, kl, embedding: now }) => {
        if (iteration === 0) {
          prepareSeconds = elapsed();
          preparePeakRss = sampler.mark();
        }
        if (iteration === 250) earlySeconds = elapsed() - prepareSeconds;
        const seen = { iteration, seconds: elapsed(), kl, ...inspect(now) };
        progress.push(seen);
        process.stderr.write(
          `    step ${iteration}: ${seen.seconds.toFixed(0)} s, KL ${kl.toFixed(3)}, map width ${seen.width.toFixed(1)}, ` +
            `non-finite ${seen.nonFinite}, RSS ${(process.memoryUsage.rss() / 1e9).toFixed(2)} GB\n`,
        );
        if (seen.nonFinite > 0 && divergedAt === undefined) {
          divergedAt = iteration;
          embedding.set(now);
          stop.abort();
        }
      },
    }).catch((error: unknown) => {
      if (divergedAt === undefined) throw error;
      return undefined;
    });
    if (layout) embedding.set(layout);
    result = {
      prepareSeconds,
      earlySeconds,
      preparePeakRss,
      seconds: elapsed(),
      stepsPeakRss: sampler.mark(),
      progress,
      ...(divergedAt !== undefined && { divergedAt }),
    };
  } else {
    // The library's route (sampledTsne, as the dashboard runs it in a tab): its first placement
    // report comes as the t-SNE of the sample ends.
    let tsneSeconds = NaN;
    let preparePeakRss = NaN;
    const iterations = spec.placeIterations ?? 100;
    embedding.set(
      await sampledTsne(data, {
        dim,
        perplexity: 30,
        seed: 1,
        progressEvery: 750, // reports build an N x 2 layout each: only the phases are wanted here
        sample: spec.subsample ?? 25_000,
        ...(spec.fftBoxes !== undefined && { fftBoxes: spec.fftBoxes }),
        placement: { iterations, progressEvery: iterations },
        onProgress: ({ phase }) => {
          if (phase !== 'place' || !Number.isNaN(tsneSeconds)) return;
          tsneSeconds = elapsed();
          preparePeakRss = sampler.mark();
        },
      }),
    );
    const seconds = elapsed();
    result = {
      tsneSeconds,
      placeSeconds: seconds - tsneSeconds,
      seconds,
      preparePeakRss,
      stepsPeakRss: sampler.mark(),
    };
  }
  const loadEnd = load();
  const { user, system } = process.cpuUsage(cpu);
  sampler.stop();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const sampleLayout = new Float32Array(2 * sample.length);
  sample.forEach((r, i) => sampleLayout.set(embedding.subarray(2 * r, 2 * r + 2), 2 * i));
  const everyone = Int32Array.from(sample, (_, i) => i);
  const out: TsneCaseResult = {
    ...spec,
    rows,
    dim,
    source: states.source,
    real: states.real,
    startedAt,
    loadStart,
    loadEnd,
    cpuSeconds: (user + system) / 1e6,
    inputRss,
    peakRss,
    t10: trustworthiness(sampleData, dim, sampleLayout, everyone, 10),
    nonFinite: inspect(embedding).nonFinite,
    ...(result as Pick<TsneCaseResult, 'seconds' | 'preparePeakRss' | 'stepsPeakRss'>),
  };
  console.log(JSON.stringify(out));
}

await main();
