import type { StateDataset } from '@statescope/core';
import type { DashboardElement } from '@statescope/dashboard';
import { pca } from '@statescope/projection';
import type { ProjectionView } from '@statescope/view-projection';

/** Value of the option that stands for a t-SNE being computed. */
const RUNNING = '';

/**
 * The map's projection menu: every projection stored with the dataset, PCA (computed here when
 * the dataset has none), and those computed in this tab, marked as such. Choosing one sets the
 * map's `projection` attribute; the menu follows the attribute when code or a restored state
 * changes it, and lists the new dataset's projections when the dashboard shows another.
 */
export class ProjectionPicker {
  readonly #dashboard: DashboardElement;
  readonly #select: HTMLSelectElement;
  readonly #say: (text: string) => void;
  /** Projection names added in this tab, per dataset. */
  readonly #computedHere = new WeakMap<StateDataset, Set<string>>();
  /** The label of the option shown while a t-SNE runs, or null. */
  #running: string | null = null;
  /** Called when the user chooses a projection (the t-SNE control stops a run then). */
  onChoose: ((name: string) => void) | null = null;

  /** `say` shows a line of status (PCA being computed, or why it failed). */
  constructor(dashboard: DashboardElement, select: HTMLSelectElement, say: (text: string) => void) {
    this.#dashboard = dashboard;
    this.#select = select;
    this.#say = say;
    select.addEventListener('change', () => void this.choose(select.value));
    // A PCA the map computed by itself (a dataset with no projection) is listed when the menu is used.
    select.addEventListener('focus', () => this.refresh());
    dashboard.addEventListener('hs-shown', () => this.refresh());
    new MutationObserver(() => this.refresh()).observe(this.#map, { attributeFilter: ['projection'] });
    this.refresh();
  }

  get #map(): ProjectionView {
    return this.#dashboard.views[2] as ProjectionView;
  }

  /** The projection the map shows (its `projection` if stored, else `tsne`, `pca`, the first), or null for none yet. */
  get shown(): string | null {
    const data = this.#dashboard.data;
    if (!data) return null;
    const requested = this.#map.projection;
    if (requested && data.projection(requested)) return requested;
    for (const name of ['tsne', 'pca']) if (data.projection(name)) return name;
    return data.projectionNames[0] ?? null;
  }

  /** Marks a projection as computed in this tab (it is listed as such). */
  addComputed(data: StateDataset, name: string): void {
    let names = this.#computedHere.get(data);
    if (!names) this.#computedHere.set(data, (names = new Set()));
    names.add(name);
    this.refresh();
  }

  /** While a t-SNE runs the menu says so (`label`); null puts it back on the shown projection. */
  showRunning(label: string | null): void {
    this.#running = label;
    this.refresh();
  }

  /** Shows a projection on the map; PCA is computed first when the dataset has none. */
  async choose(name: string): Promise<void> {
    const data = this.#dashboard.data;
    if (!data || name === RUNNING) return;
    this.onChoose?.(name);
    if (!data.projection(name)) {
      if (name !== 'pca') return this.refresh();
      this.#say('computing PCA…');
      try {
        const { hidden, dim } = data.layer();
        const plane = await pca(hidden, { dim }).catch(() => pca(hidden, { dim, worker: false }));
        if (!data.projection('pca')) data.addProjection('pca', plane);
        this.addComputed(data, 'pca');
        this.#say('');
      } catch (error) {
        this.#say(`PCA failed: ${(error as Error).message}`);
        return this.refresh();
      }
      if (this.#dashboard.data !== data) return; // another dataset came meanwhile
    }
    this.#map.projection = name;
    this.refresh();
  }

  /** Lists the shown dataset's projections and selects the one the map shows. */
  refresh(): void {
    const data = this.#dashboard.data;
    const select = this.#select;
    const options: HTMLOptionElement[] = [];
    if (data) {
      const here = this.#computedHere.get(data);
      for (const name of data.projectionNames) {
        options.push(new Option(here?.has(name) ? `${name} (computed here)` : name, name));
      }
      if (!data.projection('pca')) options.push(new Option('pca (compute here)', 'pca'));
    }
    if (this.#running !== null) {
      const running = new Option(this.#running, RUNNING);
      running.disabled = true;
      options.push(running);
    }
    // Rebuilt only when the list changed: the menu may be open (refreshed on focus).
    const listed = (list: readonly HTMLOptionElement[]) => list.map((o) => `${o.value}\n${o.text}`).join('\n\n');
    if (listed(options) !== listed([...select.options])) select.replaceChildren(...options);
    select.disabled = !data;
    // A dataset with no projection at all shows a PCA the map computes itself.
    select.value = this.#running !== null ? RUNNING : (this.shown ?? (data ? 'pca' : ''));
  }
}
