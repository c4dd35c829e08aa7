import type { StateDataset } from '@statescope/core';

/** One dataset the app can show: listed in datasets.json, named by `?src=`, or opened from files. */
export interface DatasetEntry {
  /** Unique in the list; the `<option>` value. */
  readonly key: string;
  readonly label: string;
  /** The URL parameter that names it (`?data=id`, `?src=url`); null for opened files, which no URL can name. */
  readonly param: { readonly name: 'data' | 'src'; readonly value: string } | null;
  /** Where it loads from (absolute URL); absent for opened files. */
  readonly src?: string;
  /** The array files its manifest names, when the list says (see ListedDataset.files). */
  readonly files?: readonly string[];
  /** The dataset once loaded: kept so that switching back is quick and keeps computed projections. */
  dataset?: StateDataset;
}

/**
 * The dataset `<select>` and the entries behind it. When no dataset is shown the select shows a
 * placeholder, so that it never claims a dataset that is not on screen.
 */
export class DatasetPicker {
  readonly select: HTMLSelectElement;
  readonly #entries = new Map<string, DatasetEntry>();
  #value = '';

  constructor(select: HTMLSelectElement) {
    this.select = select;
    this.#render();
  }

  get entries(): DatasetEntry[] {
    return [...this.#entries.values()];
  }

  get(key: string): DatasetEntry | undefined {
    return this.#entries.get(key);
  }

  /** Adds an entry at the end, or replaces the one with the same key where it stands. */
  add(entry: DatasetEntry): void {
    this.#entries.set(entry.key, entry);
    this.#render();
  }

  /** The key of the entry selected, or '' for none. */
  get value(): string {
    return this.#value;
  }

  set value(key: string) {
    this.#value = this.#entries.has(key) ? key : '';
    this.#render();
  }

  #render(): void {
    const options = this.entries.map((entry) => {
      const option = document.createElement('option');
      option.value = entry.key;
      option.textContent = entry.label;
      if (entry.src) option.title = entry.src;
      return option;
    });
    if (!this.#value) {
      const placeholder = document.createElement('option');
      placeholder.value = '';
      placeholder.disabled = true;
      placeholder.textContent = options.length ? 'Choose a dataset' : 'None yet';
      options.unshift(placeholder);
    }
    this.select.replaceChildren(...options);
    this.select.value = this.#value;
    this.select.disabled = this.#entries.size === 0;
  }
}
