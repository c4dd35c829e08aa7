import type { StateDataset } from '@statescope/core';
import type { DashboardElement } from '@statescope/dashboard';
import { tsne, type TsneProgress } from '@statescope/projection';
import type { ProjectionView } from '@statescope/view-projection';
import { ProjectionPicker } from './ProjectionPicker.js';

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

/** A t-SNE in progress. */
interface Run {
  data: StateDataset;
  controller: AbortController;
  started: number;
  /** Ticks every second, so that the line moves while the worker prepares or between reports. */
  timer: ReturnType<typeof setInterval>;
  /** The first report and when it came: the rate of the iterations after it gives the estimate. */
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
 */
export class TsneControl {
  readonly #parts: TsneControlParts;
  readonly #picker: ProjectionPicker | null;
  #running: Run | null = null;

  constructor(parts: TsneControlParts) {
    this.#parts = parts;
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
    const current: Run = {
      data,
      controller: new AbortController(),
      started: performance.now(),
      timer: setInterval(() => this.#showProgress(current), 1000),
      first: null,
      last: null,
    };
    this.#running = current;
    run.textContent = 'Stop';
    this.#picker?.showRunning(`tsne-p${chosen} (running…)`);
    this.#showProgress(current);
    const { hidden, dim } = data.layer();
    const map = this.#map;
    try {
      const layout = await tsne(hidden, {
        dim,
        perplexity: chosen,
        seed: 1,
        signal: current.controller.signal,
        onProgress: ({ iteration, iterations, kl, embedding }) => {
          if (this.#running !== current) return;
          const at = performance.now();
          current.first ??= { iteration, at };
          current.last = { iteration, iterations, kl, at };
          map.coordinates = embedding;
          this.#showProgress(current);
        },
      });
      if (this.#running !== current) return;
      const name = `tsne-p${chosen}`;
      data.addProjection(name, layout);
      this.#end();
      map.coordinates = null;
      map.projection = name;
      this.#picker?.addComputed(data, name);
      this.#say(`${data.stepCount.toLocaleString('en')} states in ${seconds(current)}: ${name}`);
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
    const at = stopped.last ? ` at iteration ${stopped.last.iteration} of ${stopped.last.iterations}` : '';
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
    const last = run.last;
    if (!last || !run.first) {
      this.#say(`preparing… ${seconds(run)}`);
      return;
    }
    const kl = Number.isFinite(last.kl) ? last.kl.toFixed(2) : '—';
    const done = last.iteration - run.first.iteration;
    let left = 'estimating time left';
    if (done > 0) {
      const perIteration = (last.at - run.first.at) / done;
      const remaining = (last.iterations - last.iteration) * perIteration - (performance.now() - last.at);
      left = `about ${duration(remaining)} left`;
    }
    this.#say(`iteration ${last.iteration} of ${last.iterations}, KL ${kl}, ${seconds(run)} elapsed, ${left}`);
  }
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
