import type { StateDataset } from './StateDataset.js';
import { StatescopeError } from './StatescopeError.js';
import { isHiddenStatesVisJson, readHiddenStatesVis } from './formats/hiddenStatesVis.js';
import { isNativeManifest, readNative } from './formats/native.js';
import { isNpy } from './formats/npy.js';
import { isZip } from './formats/zip.js';
import { openInput, type CompanionFiles, type DatasetInput } from './formats/source.js';

export interface LoadOptions {
  /**
   * Files the manifest refers to, by the name it uses, for inputs without a location
   * (bytes, Blob, a File from a file picker). Paths and URLs find them next to the manifest.
   */
  files?: CompanionFiles;
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
 * Rejects with a {@link StatescopeError} naming the field, sequence and step at fault;
 * nothing is returned half-loaded.
 */
export async function loadDataset(input: DatasetInput, options: LoadOptions = {}): Promise<StateDataset> {
  const opened = await openInput(input, options.files);
  const { bytes, name } = opened;
  if (isNpy(bytes) || isZip(bytes)) {
    throw new StatescopeError(
      `${name} is a NumPy ${isNpy(bytes) ? '.npy' : '.npz'} file, which holds arrays only; load the JSON manifest that refers to it (docs/data-format.md)`,
      { field: 'input' },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new StatescopeError(`${name} is not JSON, .npy or .npz: ${(error as Error).message}`, { field: 'input' });
  }
  if (isNativeManifest(json)) return readNative(json, opened, options.onProblem);
  if (isHiddenStatesVisJson(json)) return readHiddenStatesVis(json, options.onProblem);
  const keys = json !== null && typeof json === 'object' ? Object.keys(json).slice(0, 8).join(', ') : typeof json;
  throw new StatescopeError(
    `${name}: unknown format (top-level keys: ${keys}); expected a Statescope manifest ("format": "statescope") ` +
      'or a hiddenStatesVis export (classes, texts, hiddenStates, modelOutputs, ...)',
    { field: 'input' },
  );
}
