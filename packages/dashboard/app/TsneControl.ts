import type { DashboardElement } from '@statescope/dashboard';
import { tsne } from '@statescope/projection';
import type { ProjectionView } from '@statescope/view-projection';

/** The page elements of the in-tab t-SNE. */
export interface TsneControlParts {
  dashboard: DashboardElement;
  perplexity: HTMLSelectElement;
  run: HTMLButtonElement;
  status: HTMLOutputElement;
}

/**
 * The "t-SNE in this tab" control: computes a t-SNE of the shown dataset's states in a worker,
 * the map following each intermediate layout, and adds it to the dataset as `tsne-p<perplexity>`.
 */
export class TsneControl {
  readonly #parts: TsneControlParts;
  #running: AbortController | null = null;

  constructor(parts: TsneControlParts) {
    this.#parts = parts;
    parts.run.addEventListener('click', () => void this.run());
  }

  get #map(): ProjectionView {
    return this.#parts.dashboard.views[2] as ProjectionView;
  }

  async run(): Promise<void> {
    const { dashboard, perplexity, run, status } = this.#parts;
    const data = dashboard.data;
    if (!data) return;
    this.#running?.abort();
    const controller = (this.#running = new AbortController());
    const { hidden, dim } = data.layer();
    const chosen = Number(perplexity.value);
    const started = performance.now();
    const map = this.#map;
    run.disabled = true;
    try {
      const layout = await tsne(hidden, {
        dim,
        perplexity: chosen,
        seed: 1,
        signal: controller.signal,
        onProgress: ({ iteration, iterations, kl, embedding }) => {
          if (controller.signal.aborted) return;
          map.coordinates = embedding;
          status.value = `iteration ${iteration} of ${iterations}, KL ${kl.toFixed(3)}`;
        },
      });
      if (controller.signal.aborted) return;
      const name = `tsne-p${chosen}`;
      data.addProjection(name, layout);
      map.coordinates = null;
      map.projection = name;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.value = `${data.stepCount.toLocaleString('en')} states in ${seconds} s`;
    } catch (error) {
      if (controller.signal.aborted) return; // stop() has tidied up
      map.coordinates = null;
      status.value = `failed: ${(error as Error).message}`;
    } finally {
      if (this.#running === controller) this.#running = null;
      if (!this.#running) run.disabled = false;
    }
  }

  /**
   * Before another dataset is shown: stops a running t-SNE and lets the map show the new
   * dataset's own projection (a `tsne-p30` computed for the old one names nothing in the new one).
   */
  reset(): void {
    const wasRunning = this.#running !== null;
    this.#running?.abort();
    this.#running = null;
    this.#parts.run.disabled = false;
    this.#map.coordinates = null;
    this.#map.projection = null;
    this.#parts.status.value = wasRunning ? 'stopped' : '';
  }
}
