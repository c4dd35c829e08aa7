import { ByteBudget, DEFAULT_BYTE_BUDGET } from './ByteBudget.js';
import type { StateDataset } from './StateDataset.js';
import { StatescopeError } from './StatescopeError.js';
import { decodeJson } from './formats/decodeJson.js';
import { isHiddenStatesVisJson, readHiddenStatesVis } from './formats/hiddenStatesVis.js';
import { isNativeManifest, readNative } from './formats/native.js';
import { isNpy } from './formats/npy.js';
import { isZip } from './formats/zip.js';
import { openInput, type CompanionFiles, type DatasetInput } from './formats/source.js';

/** How {@link loadDataset} reads: companion files, limits, strictness, and where warnings go. */
export interface LoadOptions {
  /**
   * Files the manifest refers to, by the name it uses, for inputs without a location
   * (bytes, Blob, a File from a file picker). Paths and URLs find them next to the manifest; a
   * file given here (a promise, say of a fetch started before the manifest is read) is used
   * instead. Catch a promise's rejection yourself if the manifest may not name its file.
   */
  files?: CompanionFiles;
  /**
   * Let a manifest name files outside its own folder (Node, after following symbolic links) or
   * on another origin (URL). Off by default: a manifest from elsewhere cannot read /etc/passwd.
   */
  allowOutside?: boolean;
  /**
   * Most bytes the load may read and allocate (default 4 GiB). Every file and every array is
   * taken from it before it is read or allocated, so a small file declaring a huge array fails
   * with a StatescopeError instead of exhausting memory.
   */
  maxBytes?: number;
  /** Warnings (unknown keys, probability rows not summing to 1, ...) are errors. */
  strict?: boolean;
  /**
   * Called with each warning: something read but probably not meant, such as a misspelt key
   * (which would otherwise be ignored) or a binary file longer than its arrays.
   */
  onWarning?: (warning: StatescopeError) => void;
  /**
   * Called with each problem found in the values (non-finite numbers, probabilities out of
   * range, class indices, tokens, ids) while reading goes on past it, so that every problem can
   * be listed (see {@link validateDataset}); the load still rejects, with the first.
   */
  onProblem?: (problem: StatescopeError) => void;
}

/**
 * Reads a dataset, detecting its format: a Statescope manifest (with binary, .npy or .npz
 * arrays, or inline), or the JSON of the hiddenStatesVis reference tool.
 * Takes a path (Node), a URL, an ArrayBuffer / typed array, or a Blob / File.
 * Rejects with a {@link StatescopeError} naming the field, sequence and step at fault, and only
 * with that: nothing is returned half-loaded.
 *
 * @example
 * In a browser (a URL, relative to the page; the manifest's binary files are fetched beside it)
 * or in Node (a path):
 * ```ts
 * import { StatescopeError, loadDataset } from '@statescope/core';
 *
 * try {
 *   const dataset = await loadDataset('data/imdb.json', { onWarning: (warning) => console.warn(warning.message) });
 *   console.log(`${dataset.sequenceCount} sequences, ${dataset.stepCount} steps, classes ${dataset.classes.join(', ')}`);
 * } catch (error) {
 *   if (error instanceof StatescopeError) console.error(error.message, error.field, error.sequence, error.step);
 *   else throw error;
 * }
 * ```
 *
 * @example
 * Files the user picked (a manifest and the arrays it refers to), which have no location:
 * ```ts
 * import { loadDataset } from '@statescope/core';
 *
 * const picker = document.querySelector<HTMLInputElement>('input[type=file]')!;
 * picker.addEventListener('change', async () => {
 *   const files = [...(picker.files ?? [])];
 *   const manifest = files.find((file) => file.name.endsWith('.json'))!;
 *   const dataset = await loadDataset(manifest, {
 *     files: Object.fromEntries(files.map((file) => [file.name, file])),
 *   });
 *   console.log(dataset.ids.slice(0, 5));
 * });
 * ```
 */
export async function loadDataset(input: DatasetInput, options: LoadOptions = {}): Promise<StateDataset> {
  const budget = new ByteBudget(options.maxBytes ?? DEFAULT_BYTE_BUDGET);
  const opened = await openInput(input, { files: options.files, allowOutside: options.allowOutside, budget });
  const { bytes, name } = opened;
  if (isNpy(bytes) || isZip(bytes)) {
    throw new StatescopeError(
      `${name} is a NumPy ${isNpy(bytes) ? '.npy' : '.npz'} file, which holds arrays only; load the JSON manifest that refers to it (docs/data-format.md)`,
      { field: 'input' },
    );
  }
  const json = decodeJson(bytes, name);
  const listeners = { onProblem: options.onProblem, onWarning: options.onWarning, strict: options.strict };
  try {
    if (isNativeManifest(json)) return await readNative(json, opened, listeners);
    if (isHiddenStatesVisJson(json)) return readHiddenStatesVis(json, budget, listeners);
  } catch (error) {
    // The last resort of "only StatescopeError": an engine limit hit on an absurd input.
    if (error instanceof RangeError) {
      throw new StatescopeError(`${name} cannot be read: ${error.message}`, { field: 'input' });
    }
    throw error;
  }
  const keys = json !== null && typeof json === 'object' ? Object.keys(json).slice(0, 8).join(', ') : typeof json;
  throw new StatescopeError(
    `${name}: unknown format (top-level keys: ${keys}); expected a Statescope manifest ("format": "statescope") ` +
      'or a hiddenStatesVis export (classes, texts, hiddenStates, modelOutputs, ...)',
    { field: 'input' },
  );
}
