import { StatescopeError } from '@statescope/core';

/** One dataset that `datasets.json` lists: `?data=id` names it, `src` is where it loads from. */
export interface ListedDataset {
  readonly id: string;
  readonly label: string;
  /** Absolute URL (resolved against the list's own URL, which sits beside the page). */
  readonly src: string;
  /** Its array files as the manifest names them (relative to `src`), fetched while the manifest is read. */
  readonly files?: readonly string[];
}

/**
 * Reads the list of datasets the server offers, `{ "datasets": [{ id, label, src }] }`.
 * A list that is not there (HTTP 404) is an empty list, so that a bare static copy of the app
 * still opens files; any other failure, and a malformed list, rejects.
 */
export async function fetchDatasetList(url: URL): Promise<ListedDataset[]> {
  const response = await fetch(url);
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StatescopeError(`is not JSON: ${(error as Error).message}`, { field: 'input' });
  }
  return parseDatasetList(json, url);
}

/** Checks the list's shape, naming the field at fault, and resolves each `src` against `base`. */
export function parseDatasetList(json: unknown, base: URL): ListedDataset[] {
  const list = isObject(json) ? json.datasets : undefined;
  if (!Array.isArray(list)) {
    throw new StatescopeError('must be a list of { id, label, src }', { field: 'datasets' });
  }
  const seen = new Set<string>();
  return list.map((item: unknown, i) => {
    const field = `datasets[${i}]`;
    if (!isObject(item)) throw new StatescopeError('must be an object { id, label, src }', { field });
    const { id, label, src, files } = item;
    if (typeof id !== 'string' || id === '') {
      throw new StatescopeError(`must be a non-empty string, got ${JSON.stringify(id)}`, { field: `${field}.id` });
    }
    if (seen.has(id)) throw new StatescopeError(`"${id}" is listed twice`, { field: `${field}.id` });
    seen.add(id);
    if (typeof src !== 'string' || src === '') {
      throw new StatescopeError(`must be a non-empty URL, got ${JSON.stringify(src)}`, { field: `${field}.src` });
    }
    if (label !== undefined && typeof label !== 'string') {
      throw new StatescopeError(`must be a string, got ${JSON.stringify(label)}`, { field: `${field}.label` });
    }
    if (files !== undefined && !(Array.isArray(files) && files.every((name) => typeof name === 'string' && name))) {
      throw new StatescopeError('must be a list of file names', { field: `${field}.files` });
    }
    return { id, label: label || id, src: new URL(src, base).href, ...(files && { files: files as string[] }) };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
