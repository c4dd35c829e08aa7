import type { LinkBus } from '@statescope/bus';
import type { DashboardElement } from '@statescope/dashboard';
import type { DashboardApp } from './DashboardApp.js';
import type { DatasetEntry } from './DatasetPicker.js';
import { mapPng, mapSvg } from './exportMap.js';
import { brushedSequences, recordsToCsv, recordsToJson, sequenceRecords, type ExportScope } from './exportSelection.js';

/** How long a confirmation ("Link copied") stays, in milliseconds. */
const CONFIRMATION_MS = 4000;

/**
 * The export and share actions, in `container`: the selected sequences (or the brushed ones) as
 * CSV and JSON, the map as PNG and SVG, and "Copy link" (the page's URL, which holds the
 * dashboard's state: see DashboardApp). Returns the function that takes them off the page.
 */
export function mountStateActions(dashboard: DashboardElement, app: DashboardApp, container: HTMLElement): () => void {
  const actions = new StateActions(dashboard, app);
  container.replaceChildren(...actions.elements);
  return () => {
    actions.destroy();
    container.replaceChildren();
  };
}

class StateActions {
  readonly elements: HTMLElement[];
  readonly #dashboard: DashboardElement;
  readonly #app: DashboardApp;
  readonly #scope: HTMLSelectElement;
  readonly #buttons: {
    csv: HTMLButtonElement;
    json: HTMLButtonElement;
    png: HTMLButtonElement;
    svg: HTMLButtonElement;
  };
  readonly #copy: HTMLButtonElement;
  readonly #said: HTMLOutputElement;
  readonly #listening = new AbortController();
  #following: AbortController | null = null;
  /** The scope the user chose, kept while it has sequences; null: the selection, else the brush. */
  #chosen: ExportScope | null = null;
  #frame = 0;
  #saidTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(dashboard: DashboardElement, app: DashboardApp) {
    this.#dashboard = dashboard;
    this.#app = app;
    const { signal } = this.#listening;

    const scopeLabel = document.createElement('label');
    scopeLabel.append('Export ');
    this.#scope = document.createElement('select');
    for (const value of ['selected', 'brushed'] as const) {
      const option = document.createElement('option');
      option.value = value;
      this.#scope.append(option);
    }
    this.#scope.addEventListener('change', () => (this.#chosen = this.#scope.value as ExportScope), { signal });
    scopeLabel.append(this.#scope);

    const button = (text: string, action: () => Promise<void> | void) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.textContent = text;
      element.addEventListener('click', () => void this.#run(action), { signal });
      return element;
    };
    this.#buttons = {
      csv: button('Sequences as CSV', () => this.#exportSequences('csv')),
      json: button('Sequences as JSON', () => this.#exportSequences('json')),
      png: button('Map as PNG', () => this.#exportMap('png')),
      svg: button('Map as SVG', () => this.#exportMap('svg')),
    };
    const exports = document.createElement('span');
    exports.setAttribute('role', 'group');
    exports.setAttribute('aria-label', 'Export');
    // Spaces between them, as in the rest of the header: no stylesheet of this module's own.
    for (const part of [scopeLabel, ...Object.values(this.#buttons)]) exports.append(part, ' ');

    this.#copy = button('Copy link', () => this.#copyLink());
    this.#said = document.createElement('output');
    this.#said.setAttribute('aria-live', 'polite');
    const share = document.createElement('span');
    share.append(this.#copy, ' ', this.#said);
    this.elements = [exports, share];

    app.addEventListener('display', () => this.#follow(), { signal });
    this.#follow();
  }

  destroy(): void {
    this.#listening.abort();
    this.#following?.abort();
    cancelAnimationFrame(this.#frame);
    if (this.#saidTimer !== null) clearTimeout(this.#saidTimer);
  }

  /** Keeps the scope's counts up to date with the dashboard's bus (a new one with each dataset). */
  #follow(): void {
    this.#following?.abort();
    this.#following = new AbortController();
    const { signal } = this.#following;
    const bus = this.#dashboard.bus;
    const update = () => this.#requestUpdate();
    bus.on('selection', update, { signal });
    bus.on('brush', update, { signal });
    bus.on('filter', update, { signal });
    this.#chosen = null;
    this.#update();
  }

  /** Counting the brushed sequences scans the brush: once per frame at most. */
  #requestUpdate(): void {
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.#update();
    });
  }

  /** The sequences of each scope, and the scope an export takes now. */
  #sequences(): { selected: Uint32Array; brushed: Uint32Array; scope: ExportScope } {
    const data = this.#dashboard.data;
    const bus: LinkBus = this.#dashboard.bus;
    const selected = data ? bus.selectedSequences : new Uint32Array(0);
    const brushed = data ? brushedSequences(data, bus) : new Uint32Array(0);
    const has = { selected: selected.length > 0, brushed: brushed.length > 0 };
    const scope =
      this.#chosen && has[this.#chosen] ? this.#chosen : !has.selected && has.brushed ? 'brushed' : 'selected';
    return { selected, brushed, scope };
  }

  #update(): void {
    const { selected, brushed, scope } = this.#sequences();
    const [selectedOption, brushedOption] = this.#scope.options;
    selectedOption.textContent = `${count(selected.length)} selected`;
    brushedOption.textContent = `${count(brushed.length)} brushed`;
    selectedOption.disabled = selected.length === 0;
    brushedOption.disabled = brushed.length === 0;
    this.#scope.value = scope;
    const none = (scope === 'selected' ? selected : brushed).length === 0;
    this.#scope.disabled = selected.length === 0 && brushed.length === 0;
    this.#buttons.csv.disabled = this.#buttons.json.disabled = none;
    this.#buttons.png.disabled = this.#buttons.svg.disabled = !this.#dashboard.data;
    this.#copy.disabled = !this.#app.current;
  }

  async #exportSequences(format: 'csv' | 'json'): Promise<void> {
    const data = this.#dashboard.data;
    if (!data) return;
    const all = this.#sequences();
    const sequences = all.scope === 'selected' ? all.selected : all.brushed;
    if (sequences.length === 0) return this.#say('Nothing to export: select or brush sequences first');
    const records = sequenceRecords(data, sequences);
    const name = `${fileBase(this.#app.current)}-${all.scope}-${sequences.length}.${format}`;
    const blob =
      format === 'csv'
        ? new Blob([recordsToCsv(data.classes, records)], { type: 'text/csv;charset=utf-8' })
        : new Blob([recordsToJson(this.#app.current?.label ?? '', data.classes, all.scope, records)], {
            type: 'application/json',
          });
    download(blob, name);
    this.#say(`Saved ${name}`);
  }

  async #exportMap(format: 'png' | 'svg'): Promise<void> {
    const map = this.#dashboard.views[2];
    const base = fileBase(this.#app.current);
    if (format === 'png') {
      download(await mapPng(map), `${base}-map.png`);
    } else {
      const title = `Hidden states of ${this.#app.current?.label ?? 'the dataset'}`;
      download(new Blob([mapSvg(map, title)], { type: 'image/svg+xml' }), `${base}-map.svg`);
    }
    this.#say(`Saved ${base}-map.${format}`);
  }

  async #copyLink(): Promise<void> {
    const entry = this.#app.current;
    if (!entry) return;
    if (!entry.param) {
      return this.#say('No link can open a dataset opened from files: serve it, and open it by ?src= to share it');
    }
    await this.#app.syncUrl();
    // No clipboard API outside secure contexts (a page served over plain http from another host).
    if (!navigator.clipboard)
      return this.#say('This page cannot use the clipboard: copy the link from the address bar');
    try {
      await navigator.clipboard.writeText(location.href);
    } catch (error) {
      return this.#say(`Could not copy the link (${(error as Error).message}): copy it from the address bar`);
    }
    this.#say('Link copied');
  }

  /** Runs an action, saying what went wrong rather than throwing into the page. */
  async #run(action: () => Promise<void> | void): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.#say(`Could not export: ${(error as Error).message}`);
    }
  }

  /** A short confirmation or complaint beside the buttons, read out by screen readers, gone after a while. */
  #say(text: string): void {
    this.#said.value = text;
    if (this.#saidTimer !== null) clearTimeout(this.#saidTimer);
    this.#saidTimer = setTimeout(() => {
      this.#saidTimer = null;
      this.#said.value = '';
    }, CONFIRMATION_MS);
  }
}

const count = (n: number) => `${n.toLocaleString('en')} sequence${n === 1 ? '' : 's'}`;

/** The start of the file names of exports: the dataset's id, file name or label, safe in any file system. */
function fileBase(entry: DatasetEntry | null): string {
  const name = entry?.param?.name === 'data' ? entry.param.value : (entry?.label ?? 'statescope');
  const base = name
    .replace(/\.json$|\s*\(opened\)$/i, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return base || 'statescope';
}

/** Saves a file the way a page can: an `<a download>` clicked, on an object URL of the blob. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has begun by now; a minute is ample for browsers that read the URL later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
