import type { StateDataset } from '@statescope/core';
import type { DashboardElement } from '@statescope/dashboard';
import { sampledTsne, tsne, type SampledTsneProgress, type TsneProgress } from '@statescope/projection';
import type { ProjectionView } from '@statescope/view-projection';
import { ProjectionPicker } from './ProjectionPicker.js';
import { showStandIns, standIns } from './standIns.js';

/** The page elements of the map's projection menu and the in-tab t-SNE. */
export interface TsneControlParts {
  dashboard: DashboardElement;
  /** The projection menu (see ProjectionPicker); without it, only the t-SNE run. */
  projection?: HTMLSelectElement;
  perplexity: HTMLSelectElement;
  /** Run, and Stop while running. */
  run: HTMLButtonElement;
  /** The progress line. */
  status: HTMLOutputElement;
}

/** When the in-tab t-SNE takes the subsample route (see {@link TsneControl}). */
export interface TsneRoute {
  /** Datasets with more states than this get a t-SNE of a sample, the others placed on it; default 50,000. */
  sampleAbove: number;
  /**
   * States in that t-SNE; default 19,000: below 20,000, from where tsne() doubles its FFT grid per
   * side, and as trustworthy as 25,000 on the IMDB demo (T(10) 0.978 against 0.977) in 4 s less.
   */
  sample: number;
}

const DEFAULT_ROUTE: TsneRoute = { sampleAbove: 50_000, sample: 19_000 };

/** A t-SNE in progress. */
interface Run {
  data: StateDataset;
  controller: AbortController;
  started: number;
  /** Ticks every second, so that the line moves while the worker prepares or between reports. */
  timer: ReturnType<typeof setInterval>;
  /** The subsample route: states in the t-SNE and states placed after it; null for a t-SNE of all. */
  sampled: { size: number; others: number } | null;
  /** What runs now: the t-SNE, or (subsample route) the placement of the other states. */
  phase: SampledTsneProgress['phase'];
  /** For each step, the step whose coordinates it shows while it has none (subsample route). */
  standIns: Int32Array | null;
  /** The phase's first report and when it came: the rate of the iterations after it gives the estimate. */
  first: { iteration: number; at: number } | null;
  last: (Pick<TsneProgress, 'iteration' | 'iterations' | 'kl'> & { at: number }) | null;
}

const RUN_LABEL = 'Run t-SNE';

/**
 * The in-tab t-SNE: computes a t-SNE of the shown dataset's states in a worker, the map following
 * each intermediate layout, and adds it to the dataset as `tsne-p<perplexity>` (listed in the
 * projection menu as computed here). The Run button becomes Stop while it runs; Stop, or
 * choosing a projection in the menu, ends the run and the map shows the stored projection again.
 * The progress line says "preparing…" with the seconds spent until the first iteration, then the
 * iteration, the KL divergence ("—" until one is measured), the time spent and an estimate of the
 * time left.
 *
 * Above `route.sampleAbove` states (the IMDB demo's 96,617) it takes the subsample route of
 * {@link sampledTsne}, in about a third of the time: a t-SNE of `route.sample` random states, then
 * the others placed on that map. The line names the phase ("t-SNE of 19,000 sampled states (of
 * 96,617): iteration …", then "placing the other 77,617 states: …"); while a state has no
 * coordinates yet, the map shows it where the nearest sampled step of its sequence is.
 */
export class TsneControl {
  readonly #parts: TsneControlParts;
  readonly #route: TsneRoute;
  readonly #picker: ProjectionPicker | null;
  #running: Run | null = null;

  constructor(parts: TsneControlParts, route: Partial<TsneRoute> = {}) {
    this.#parts = parts;
    this.#route = { ...DEFAULT_ROUTE, ...route };
    parts.run.textContent = RUN_LABEL;
    parts.run.addEventListener('click', () => (this.#running ? this.stop() : void this.run()));
    this.#picker = parts.projection
      ? new ProjectionPicker(parts.dashboard, parts.projection, (text) => this.#say(text))
      : null;
    if (this.#picker) this.#picker.onChoose = () => this.#running && this.stop();
    // A dataset shown by any route ends a run on the old one.
    parts.dashboard.addEventListener('hs-shown', () => {
      if (this.#running && this.#running.data !== parts.dashboard.data) this.reset();
    });
  }

  get #map(): ProjectionView {
    return this.#parts.dashboard.views[2] as ProjectionView;
  }

  /** Whether a t-SNE is running. */
  get running(): boolean {
    return this.#running !== null;
  }

  /** Runs a t-SNE of the shown dataset; resolves when it ended (done, stopped or failed). */
  async run(): Promise<void> {
    const { dashboard, perplexity, run } = this.#parts;
    const data = dashboard.data;
    if (!data) return;
    this.#end();
    const chosen = Number(perplexity.value);
    const { sampleAbove, sample } = this.#route;
    const sampleSize = Math.min(sample, data.stepCount);
    const current: Run = {
      data,
      controller: new AbortController(),
      started: performance.now(),
      timer: setInterval(() => this.#showProgress(current), 1000),
      sampled: data.stepCount > sampleAbove ? { size: sampleSize, others: data.stepCount - sampleSize } : null,
      phase: 'tsne',
      standIns: null,
      first: null,
      last: null,
    };
    this.#running = current;
    run.textContent = 'Stop';
    this.#picker?.showRunning(`tsne-p${chosen} (running…)`);
    this.#showProgress(current);
    const { hidden, dim } = data.layer();
    const map = this.#map;
    const follow = (progress: TsneProgress & Partial<SampledTsneProgress>) => {
      if (this.#running !== current) return;
      const { iteration, iterations, kl, embedding, phase = 'tsne', placed = 0 } = progress;
      const at = performance.now();
      if (phase !== current.phase) {
        current.phase = phase;
        current.first = null;
      }
      // The placement's steps start once every placed state has coordinates; its rate counts from there.
      if (phase === 'tsne' || placed === current.sampled?.others) current.first ??= { iteration, at };
      current.last = { iteration, iterations, kl, at };
      if (current.sampled) {
        current.standIns ??= standIns(embedding, data.offsets);
        showStandIns(embedding, current.standIns);
      }
      map.coordinates = embedding;
      this.#showProgress(current);
    };
    try {
      const options = { dim, perplexity: chosen, seed: 1, signal: current.controller.signal, onProgress: follow };
      const layout = await (current.sampled
        ? sampledTsne(hidden, { ...options, sample: current.sampled.size })
        : tsne(hidden, options));
      if (this.#running !== current) return;
      const name = `tsne-p${chosen}`;
      data.addProjection(name, layout);
      this.#end();
      map.coordinates = null;
      map.projection = name;
      this.#picker?.addComputed(data, name);
      const route = current.sampled ? ` (t-SNE of ${count(current.sampled.size)}, the others placed)` : '';
      this.#say(`${count(data.stepCount)} states in ${seconds(current)}: ${name}${route}`);
    } catch (error) {
      if (this.#running !== current) return; // stopped: stop() or reset() has tidied up
      this.#end();
      map.coordinates = null;
      this.#say(`t-SNE failed: ${(error as Error).message}`);
    }
  }

  /** Stops a running t-SNE; the map shows the projection it showed before. */
  stop(): void {
    const stopped = this.#running;
    if (!stopped) return;
    this.#end();
    this.#map.coordinates = null;
    const last = stopped.last;
    let at = last ? ` at iteration ${last.iteration} of ${last.iterations}` : '';
    if (stopped.phase === 'place')
      at = ` while placing${stopped.first && last ? ` (step ${last.iteration} of ${last.iterations})` : ''}`;
    this.#say(`stopped${at} after ${seconds(stopped)}`);
  }

  /**
   * Before another dataset is shown: stops a running t-SNE and lets the map show the new
   * dataset's own projection (a `tsne-p30` computed for the old one names nothing in the new one).
   */
  reset(): void {
    const wasRunning = this.#running !== null;
    this.#end();
    this.#map.coordinates = null;
    this.#map.projection = null;
    this.#say(wasRunning ? 'stopped' : '');
  }

  /** Ends the run in progress, if any: the worker stops, the button and menu are put back. */
  #end(): void {
    const ending = this.#running;
    if (!ending) return;
    this.#running = null;
    clearInterval(ending.timer);
    ending.controller.abort();
    this.#parts.run.textContent = RUN_LABEL;
    this.#picker?.showRunning(null);
  }

  /** The progress line; whole on hover where its two lines cut it. */
  #say(text: string): void {
    this.#parts.status.value = text;
    this.#parts.status.title = text;
  }

  #showProgress(run: Run): void {
    if (this.#running !== run) return;
    const { last, first, sampled } = run;
    if (sampled && run.phase === 'place') {
      const what = `placing the other ${count(sampled.others)} states`;
      if (!last || !first) this.#say(`${what}: finding their neighbours… ${seconds(run)} elapsed`);
      else this.#say(`${what}: step ${last.iteration} of ${last.iterations}, ${seconds(run)} elapsed, ${left(run)}`);
      return;
    }
    const what = sampled ? `t-SNE of ${count(sampled.size)} sampled states (of ${count(run.data.stepCount)}): ` : '';
    if (!last || !first) {
      this.#say(`${what}preparing… ${seconds(run)}`);
      return;
    }
    const kl = Number.isFinite(last.kl) ? last.kl.toFixed(2) : '—';
    // On the subsample route the estimate is the t-SNE's alone: the placement comes after it.
    const then = sampled && first.iteration < last.iteration ? ' to placing the rest' : '';
    this.#say(
      `${what}iteration ${last.iteration} of ${last.iterations}, KL ${kl}, ${seconds(run)} elapsed, ${left(run)}${then}`,
    );
  }
}

/** The estimate of the phase's time left, from the rate of its iterations since its first report. */
function left(run: Run): string {
  const { first, last } = run;
  const done = first && last ? last.iteration - first.iteration : 0;
  if (!first || !last || done <= 0) return 'estimating time left';
  const perIteration = (last.at - first.at) / done;
  const remaining = (last.iterations - last.iteration) * perIteration - (performance.now() - last.at);
  return `about ${duration(remaining)} left`;
}

/** A count with thousands separators, e.g. "19,000". */
function count(n: number): string {
  return n.toLocaleString('en');
}

/** The time since a run started, e.g. "4 s" or "1 min 05 s". */
function seconds(run: Run): string {
  return duration(performance.now() - run.started);
}

function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}
