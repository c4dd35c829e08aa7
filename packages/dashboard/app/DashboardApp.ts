import { LinkBus } from '@statescope/bus';
import { loadDataset } from '@statescope/core';
import type { DashboardElement } from '@statescope/dashboard';
import { isolate } from '@statescope/view-base';
import { AlertRegion } from './AlertRegion.js';
import { DatasetPicker, type DatasetEntry } from './DatasetPicker.js';
import { acceptDrops } from './acceptDrops.js';
import { fetchDatasetList } from './fetchDatasetList.js';
import { openFiles } from './openFiles.js';
import { resolveDataParam } from './resolveDataParam.js';

/** The page elements the app drives. */
export interface DashboardAppParts {
  dashboard: DashboardElement;
  /** The dataset `<select>`. */
  select: HTMLSelectElement;
  /** `<input type="file" multiple>`: a manifest and its .bin/.npz files are picked together. */
  fileInput: HTMLInputElement;
  /** Where load errors show (becomes a role="alert" region). */
  alert: HTMLElement;
  /** A line for "Loading…" and "Open a file to begin". */
  status: HTMLElement;
  /** Files dropped anywhere on it are opened; it carries `data-dropping` while files hover. */
  dropTarget: HTMLElement;
}

export interface DashboardAppOptions {
  /** Called when another dataset is about to be shown (the app stops its in-tab t-SNE here). */
  onSwitch?: () => void;
}

/**
 * The dashboard app: which dataset is shown, and the three ways to get one (the list served as
 * datasets.json with `?data=`, `?src=` URLs, files picked or dropped). A dataset is shown only
 * once it has loaded; a failed load leaves the shown one as it was and says why in the alert.
 */
export class DashboardApp {
  readonly #parts: DashboardAppParts;
  readonly #picker: DatasetPicker;
  readonly #alert: AlertRegion;
  readonly #onSwitch: (() => void) | undefined;
  readonly #listening = new AbortController();
  #current: DatasetEntry | null = null;
  /** Counts switch requests: a load that finishes after a newer request is not shown. */
  #request = 0;

  constructor(parts: DashboardAppParts, options: DashboardAppOptions = {}) {
    this.#parts = parts;
    this.#picker = new DatasetPicker(parts.select);
    this.#alert = new AlertRegion(parts.alert);
    this.#onSwitch = options.onSwitch;
    const { signal } = this.#listening;
    parts.select.addEventListener('change', () => void this.show(parts.select.value), { signal });
    parts.fileInput.addEventListener(
      'change',
      () => {
        const files = [...(parts.fileInput.files ?? [])];
        parts.fileInput.value = ''; // so that picking the same files again (fixed) opens them again
        void this.open(files);
      },
      { signal },
    );
    acceptDrops(parts.dropTarget, (files) => void this.open(files), signal);
  }

  /** The entry shown, or null. */
  get current(): DatasetEntry | null {
    return this.#current;
  }

  /** Every dataset the app can show, in list order. */
  get entries(): DatasetEntry[] {
    return this.#picker.entries;
  }

  /**
   * Fills the list from `listUrl` (datasets.json) and the page's `?src=` URLs, then shows the
   * first `?src=`, else the listed dataset `?data=` names, else the first listed one.
   */
  async start(page: URL, listUrl: URL): Promise<void> {
    const errors: string[] = [];
    let listed: { id: string; label: string; src: string }[] = [];
    try {
      listed = await fetchDatasetList(listUrl);
    } catch (error) {
      errors.push(`Could not read the dataset list ${listUrl.href}: ${(error as Error).message}`);
    }
    for (const { id, label, src } of listed) {
      this.#picker.add({ key: `data:${id}`, label, src, param: { name: 'data', value: id } });
    }
    const srcs = page.searchParams.getAll('src').filter(Boolean);
    const fromUrl = srcs.map((value) => {
      const src = new URL(value, page).href;
      const entry: DatasetEntry = { key: `src:${src}`, label: fileName(src), src, param: { name: 'src', value } };
      this.#picker.add(entry);
      return entry;
    });
    let first: DatasetEntry | undefined = fromUrl[0];
    if (!first) {
      try {
        const id = resolveDataParam(page.searchParams.get('data'), listed);
        if (id !== null) first = this.#picker.get(`data:${id}`);
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    if (first) {
      const failed = await this.#switchTo(first);
      if (failed) errors.push(failed);
    }
    if (!this.#current) this.#setStatus(this.#idleHint());
    this.#alert.show(errors);
  }

  /** Shows the entry with this key, loading it first if needed. Resolves false when it did not show. */
  async show(key: string): Promise<boolean> {
    const entry = this.#picker.get(key);
    if (!entry) return false;
    const failed = await this.#switchTo(entry);
    if (failed !== null) this.#alert.show([failed]);
    else if (this.#current === entry) this.#alert.dismiss();
    return this.#current === entry;
  }

  /**
   * Opens datasets from files (see openFiles): each one loaded joins the list as
   * "name (opened)", and the last one loaded is shown. Failures are all reported.
   */
  async open(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const request = ++this.#request;
    this.#setStatus(`Opening ${files.map((file) => isolate(file.name)).join(', ')}…`);
    const results = await openFiles(files);
    const errors: string[] = [];
    let newest: DatasetEntry | null = null;
    for (const { name, dataset, error } of results) {
      if (error) {
        // Names are data: isolated, so that a right-to-left one cannot reorder the message.
        errors.push(`Could not open ${isolate(name)}: ${error.message}`);
        continue;
      }
      newest = { key: `file:${name}`, label: `${name} (opened)`, param: null, dataset };
      this.#picker.add(newest);
    }
    if (newest && request === this.#request) this.#display(newest);
    else this.#settle();
    this.#alert.show(errors);
  }

  /** Stops listening to the page (the dashboard keeps what it shows). */
  destroy(): void {
    this.#listening.abort();
  }

  /** Loads the entry if needed and shows it; returns the error to report, or null. */
  async #switchTo(entry: DatasetEntry): Promise<string | null> {
    const request = ++this.#request;
    this.#picker.value = entry.key;
    if (!entry.dataset) this.#setStatus(`Loading ${isolate(entry.label)}…`);
    try {
      entry.dataset ??= await loadDataset(entry.src!);
    } catch (error) {
      if (request !== this.#request) return null; // a newer request took over; its outcome counts
      this.#settle();
      return `Could not load ${isolate(entry.label)}: ${(error as Error).message}`;
    }
    if (request === this.#request) this.#display(entry);
    return null;
  }

  #display(entry: DatasetEntry): void {
    const { dashboard } = this.#parts;
    if (entry !== this.#current || entry.dataset !== dashboard.data) {
      this.#onSwitch?.();
      // A fresh bus: the old dataset's sequence, focus, brushes and filters mean nothing in the
      // new one (the dashboard then opens on its first sequence); the view options carry over.
      dashboard.bus = new LinkBus({ options: dashboard.bus.options });
      dashboard.data = entry.dataset!;
      dashboard.renderNow(); // hands the data to the views now, before their frame with the new bus
    }
    this.#current = entry;
    this.#settle();
    this.#writeUrl(entry);
  }

  /** Puts the select and the status back on what is shown. */
  #settle(): void {
    this.#picker.value = this.#current?.key ?? '';
    this.#setStatus(this.#current ? '' : this.#idleHint());
  }

  #idleHint(): string {
    return this.#picker.entries.length
      ? 'Choose a dataset, or open your own files (Open… or drop them on the page)'
      : 'Open a file to begin: Open… or drop dataset files on the page';
  }

  #setStatus(text: string): void {
    this.#parts.status.textContent = text;
  }

  /** `?data=id` or `?src=url` for the dataset shown; neither for opened files. Other parameters stay. */
  #writeUrl(entry: DatasetEntry): void {
    const url = new URL(location.href);
    url.searchParams.delete('data');
    url.searchParams.delete('src');
    if (entry.param) url.searchParams.set(entry.param.name, entry.param.value);
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  }
}

/** The last path segment of a URL, decoded: how a `?src=` dataset is labelled. */
function fileName(src: string): string {
  const { pathname } = new URL(src);
  const last = pathname.slice(pathname.lastIndexOf('/') + 1) || pathname;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
