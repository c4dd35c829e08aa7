import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import type { DashboardElement } from '@statescope/dashboard';
import { isolate } from '@statescope/view-base';
import { AlertRegion } from './AlertRegion.js';
import { DatasetPicker, type DatasetEntry } from './DatasetPicker.js';
import { acceptDrops } from './acceptDrops.js';
import { fetchDatasetList, type ListedDataset } from './fetchDatasetList.js';
import { openFiles } from './openFiles.js';
import { resolveDataParam } from './resolveDataParam.js';
import {
  STATE_PARAM,
  applyViews,
  captureViews,
  checkStateFits,
  decodeState,
  encodeState,
  freshState,
  isFreshState,
  keptAttributes,
  type DashboardState,
} from './urlState.js';

/** The bus source of what the app itself changes (a restored link, a dataset switch). */
const APP_SOURCE = 'app';
/** At most one URL update per this many milliseconds while the user works. */
const URL_THROTTLE_MS = 250;

/** How a URL update enters the browser's history: a new entry (back returns), or in place. */
type HistoryWrite = 'push' | 'replace';

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
 *
 * The URL holds the dashboard's state too (`?state=`, see urlState.ts): the selection, brushes,
 * filters, options and the views' settings, updated as the user works (a new history entry for a
 * new selection or dataset, so that back and forward walk through them) and restored on load and
 * on back/forward.
 *
 * Dispatches `display` when a dataset has been shown (the dashboard then has a new bus).
 */
export class DashboardApp extends EventTarget {
  readonly #parts: DashboardAppParts;
  readonly #picker: DatasetPicker;
  readonly #alert: AlertRegion;
  readonly #onSwitch: (() => void) | undefined;
  readonly #listening = new AbortController();
  #current: DatasetEntry | null = null;
  /** Counts switch requests: a load that finishes after a newer request is not shown. */
  #request = 0;
  /** Ends the subscriptions that keep the URL up to date with the shown bus and views. */
  #following: AbortController | null = null;
  /** Watches the views' kept attributes (projection, modes) for the URL. */
  readonly #viewWatch: MutationObserver;
  /** True while a link's state is being put back: those changes are not written back. */
  #restoring = false;
  /** The pending throttled URL update, and how it enters the history. */
  #urlTimer: ReturnType<typeof setTimeout> | null = null;
  #urlPending: HistoryWrite | null = null;
  /** History writes, one after the other (each waits for its state to be encoded). */
  #history: Promise<void> = Promise.resolve();
  /** Counts back/forward navigations: writes and restores begun before the latest are dropped. */
  #navigation = 0;

  constructor(parts: DashboardAppParts, options: DashboardAppOptions = {}) {
    super();
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
    window.addEventListener('popstate', (event) => void this.#navigated(event.state), { signal });
    this.#viewWatch = new MutationObserver(() => this.#changed('replace'));
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
    let listed: ListedDataset[] = [];
    try {
      listed = await fetchDatasetList(listUrl);
    } catch (error) {
      errors.push(`Could not read the dataset list ${listUrl.href}: ${(error as Error).message}`);
    }
    for (const { id, label, src, files } of listed) {
      this.#picker.add({ key: `data:${id}`, label, src, files, param: { name: 'data', value: id } });
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
      const failed = await this.#switchTo(first, null);
      if (failed) errors.push(failed);
    }
    const state = page.searchParams.get(STATE_PARAM);
    if (this.#current && state !== null) {
      try {
        await this.#restore(state, this.#navigation);
      } catch (error) {
        errors.push(`The dashboard state in the link was not restored: ${(error as Error).message}`);
      }
    }
    if (this.#current) await this.#writeUrl(this.#current, 'replace');
    if (!this.#current) this.#setStatus(this.#idleHint());
    this.#alert.show(errors);
  }

  /** Shows the entry with this key, loading it first if needed. Resolves false when it did not show. */
  async show(key: string): Promise<boolean> {
    const entry = this.#picker.get(key);
    if (!entry) return false;
    const failed = await this.#switchTo(entry, 'push');
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
    if (newest && request === this.#request) this.#display(newest, 'push');
    else this.#settle();
    this.#alert.show(errors);
  }

  /**
   * Writes the state to the URL now, rather than within the next quarter second; resolves when
   * the URL holds it (for "copy link", and for tests).
   */
  syncUrl(): Promise<void> {
    const entry = this.#current;
    if (!entry) return this.#history;
    const how = this.#takePending() ?? 'replace';
    return this.#writeUrl(entry, how);
  }

  /** The dashboard's state as a link restores it: the bus (nothing hovered) and the views' settings. */
  captureState(): DashboardState {
    const { dashboard } = this.#parts;
    const bus = dashboard.bus.snapshot();
    return { bus: { ...bus, focus: -1, focusLength: 1 }, views: captureViews(dashboard.views) };
  }

  /** Stops listening to the page (the dashboard keeps what it shows) and writes no more URLs. */
  destroy(): void {
    this.#listening.abort();
    this.#following?.abort();
    this.#viewWatch.disconnect();
    this.#takePending();
    this.#navigation++;
  }

  /**
   * Loads the entry if needed and shows it, entering the history as `how` says (null: not at
   * all); returns the error to report, or null.
   */
  async #switchTo(entry: DatasetEntry, how: HistoryWrite | null): Promise<string | null> {
    const request = ++this.#request;
    this.#picker.value = entry.key;
    if (!entry.dataset) this.#setStatus(`Loading ${isolate(entry.label)}…`);
    try {
      entry.dataset ??= await loadDataset(entry.src!, { files: fetchArrays(entry) });
    } catch (error) {
      if (request !== this.#request) return null; // a newer request took over; its outcome counts
      this.#settle();
      return `Could not load ${isolate(entry.label)}: ${(error as Error).message}`;
    }
    if (request === this.#request) this.#display(entry, how);
    return null;
  }

  #display(entry: DatasetEntry, how: HistoryWrite | null): void {
    const { dashboard } = this.#parts;
    const previous = this.#current;
    if (entry !== previous || entry.dataset !== dashboard.data) {
      // What the user did last on the old dataset reaches its history entry before the new one's.
      const pending = this.#takePending();
      if (previous && pending) void this.#writeUrl(previous, pending, this.captureState());
      this.#onSwitch?.();
      const old = dashboard.bus;
      // Nothing hovered: the views take down what showed the old hovered step (the map's
      // tooltip) while they still listen to the old bus.
      old.setFocus(-1, APP_SOURCE);
      // A fresh bus: the old dataset's sequences, brushes and filters mean nothing in the new one
      // (the dashboard then opens on its first sequence); the shared options carry over.
      dashboard.bus = new LinkBus({ options: old.options });
      dashboard.data = entry.dataset!;
      dropMissingNames(dashboard.views, entry.dataset!);
      pointToWeights(dashboard.views, entry);
      dashboard.renderNow(); // hands the data to the views now, before their frame with the new bus
      this.#follow();
    }
    this.#current = entry;
    this.#settle();
    if (how) void this.#writeUrl(entry, how);
    this.dispatchEvent(new Event('display'));
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

  // ---- the state in the URL ------------------------------------------------------------------

  /** Keeps the URL up to date with the dashboard's bus and views (the ones shown now). */
  #follow(): void {
    this.#following?.abort();
    const following = (this.#following = new AbortController());
    const { signal } = following;
    const { dashboard } = this.#parts;
    const bus = dashboard.bus;
    // A new selection is a new history entry: back returns to the one before.
    bus.on('selection', () => this.#changed('push'), { signal });
    bus.on('brush', () => this.#changed('replace'), { signal });
    bus.on('filter', () => this.#changed('replace'), { signal });
    bus.on('options', () => this.#changed('replace'), { signal });
    this.#viewWatch.disconnect();
    for (const view of dashboard.views) {
      this.#viewWatch.observe(view, { attributes: true, attributeFilter: keptAttributes(view) });
    }
  }

  /** The user changed something the URL holds: update it within URL_THROTTLE_MS. */
  #changed(how: HistoryWrite): void {
    if (this.#restoring || !this.#current) return;
    if (how === 'push' || !this.#urlPending) this.#urlPending = how;
    this.#urlTimer ??= setTimeout(() => {
      this.#urlTimer = null;
      const pending = this.#takePending();
      if (pending && this.#current) void this.#writeUrl(this.#current, pending);
    }, URL_THROTTLE_MS);
  }

  /** Cancels the pending throttled update; returns how it would have entered the history. */
  #takePending(): HistoryWrite | null {
    if (this.#urlTimer !== null) clearTimeout(this.#urlTimer);
    this.#urlTimer = null;
    const pending = this.#urlPending;
    this.#urlPending = null;
    return pending;
  }

  /**
   * Writes `?data=id` or `?src=url` and `?state=` for the entry (neither for opened files, which no
   * URL can name; other parameters stay), after the writes before it. `state` defaults to the
   * dashboard's state when the write's turn comes (dropped if another dataset is shown by then).
   */
  #writeUrl(entry: DatasetEntry, how: HistoryWrite, state?: DashboardState): Promise<void> {
    const navigation = this.#navigation;
    const write = this.#history.then(async () => {
      if (navigation !== this.#navigation) return; // the user went back or forward meanwhile
      if (!state && entry !== this.#current) return;
      const shown = state ?? this.captureState();
      // The state a page opens in anyway is left out: a plain link stays plain.
      const text = entry.param && !isFreshState(shown) ? await encodeState(shown) : null;
      if (navigation !== this.#navigation) return;
      const url = new URL(location.href);
      for (const name of ['data', 'src', STATE_PARAM]) url.searchParams.delete(name);
      if (entry.param) url.searchParams.set(entry.param.name, entry.param.value);
      if (text !== null) url.searchParams.set(STATE_PARAM, text);
      const record = { dataset: entry.key };
      if (how === 'push' && url.href !== location.href) history.pushState(record, '', url);
      else if (url.href !== location.href || (history.state as typeof record | null)?.dataset !== entry.key) {
        history.replaceState(record, '', url);
      }
    });
    this.#history = write.catch(() => {});
    return write;
  }

  /** Back or forward: shows the entry's dataset, then its state. */
  async #navigated(record: unknown): Promise<void> {
    this.#takePending();
    const navigation = ++this.#navigation;
    const page = new URL(location.href);
    const key =
      typeof record === 'object' && record !== null && typeof (record as { dataset?: unknown }).dataset === 'string'
        ? (record as { dataset: string }).dataset
        : keyInUrl(page);
    const entry = key === null ? undefined : this.#picker.get(key);
    if (!entry) return; // an entry from before the app, or of a dataset no longer listed
    if (entry !== this.#current) {
      const failed = await this.#switchTo(entry, null);
      if (failed !== null) return this.#alert.show([failed]);
      if (this.#current !== entry) return;
    }
    if (navigation !== this.#navigation) return;
    try {
      // An entry without a state shows the dataset as it opens.
      await this.#restore(page.searchParams.get(STATE_PARAM) ?? freshState(), navigation);
    } catch (error) {
      this.#alert.show([`The dashboard state in this page's address was not restored: ${(error as Error).message}`]);
    }
  }

  /**
   * Puts back the state a `state` parameter holds (or a state), on the dataset shown. Throws a TypeError or
   * RangeError naming the field at fault, having changed nothing.
   */
  async #restore(text: string | DashboardState, navigation: number): Promise<void> {
    const { dashboard } = this.#parts;
    const data = dashboard.data;
    if (!data) return;
    const state = typeof text === 'string' ? await decodeState(text) : text;
    if (navigation !== this.#navigation || dashboard.data !== data) return; // superseded meanwhile
    checkStateFits(state, data);
    this.#takePending();
    this.#restoring = true;
    try {
      applyViews(dashboard.views, state.views);
      dashboard.bus.restore(state.bus, APP_SOURCE);
    } finally {
      this.#viewWatch.takeRecords(); // the attributes just set are the link's, not the user's
      this.#restoring = false;
    }
  }
}

/** The key of the entry a URL names by `?src=` or `?data=`, or null. */
function keyInUrl(page: URL): string | null {
  const src = page.searchParams.get('src');
  if (src) return `src:${new URL(src, page).href}`;
  const data = page.searchParams.get('data');
  return data ? `data:${data}` : null;
}

/**
 * Takes off the views' settings that name something of the old dataset the new one lacks (a
 * projection computed for it, a layer of its model), so that the views show the new one's own.
 */
function dropMissingNames(views: readonly Element[], data: StateDataset): void {
  for (const view of views) {
    const projection = view.getAttribute('projection');
    if (projection !== null && !data.projection(projection)) view.removeAttribute('projection');
    const layer = view.getAttribute('layer');
    if (layer !== null && !data.layers.some((l) => l.name === layer)) view.removeAttribute('layer');
  }
}

/**
 * The what-if view finds the model's weights by the dataset's `metadata.weights`, relative to where
 * the dataset was loaded from, which only the app knows (the views get the dataset, not its URL).
 */
function pointToWeights(views: readonly Element[], entry: DatasetEntry): void {
  const named = entry.dataset?.metadata.weights;
  for (const view of views) {
    if (view.localName !== 'hs-whatif') continue;
    if (entry.src && typeof named === 'string' && named !== '')
      view.setAttribute('weights', new URL(named, entry.src).href);
    else view.removeAttribute('weights');
  }
}

/**
 * The array files the list names for an entry, their fetches started at once, so that a large
 * binary arrives while the manifest is read and parsed rather than after it (at a million
 * states the binary is 200 MB, the manifest 7 MB). Failures reach the loader, which names them.
 */
function fetchArrays(entry: DatasetEntry): Record<string, Promise<ArrayBuffer>> {
  const files: Record<string, Promise<ArrayBuffer>> = {};
  for (const name of entry.files ?? []) {
    const fetched = fetch(new URL(name, entry.src)).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    fetched.catch(() => {}); // a manifest that fails first never reads it: not an unhandled rejection
    files[name] = fetched;
  }
  return files;
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
