import { importNode } from './importNode.js';
import type { StateDataset } from './StateDataset.js';
import { encodeDataset, encodeDatasetJson, type EncodeOptions } from './formats/native.js';

/** How {@link saveDataset} writes: the encoding options, and one inline JSON file or two files. */
export interface SaveOptions extends Omit<EncodeOptions, 'binaryFile'> {
  /** Write one self-contained JSON file with inline arrays instead of manifest + binary. */
  inline?: boolean;
}

/**
 * Writes a dataset in the native format (Node only): `path` gets the JSON manifest and, unless
 * `inline`, a binary file of the same name ending in `.bin` beside it. Returns the paths written.
 * For browsers, use {@link encodeDataset} and offer the bytes as downloads.
 *
 * @example
 * Add a t-SNE to a dataset and write it back (Node):
 * ```ts
 * import { loadDataset, saveDataset } from '@statescope/core';
 * import { tsne } from '@statescope/projection';
 *
 * const dataset = await loadDataset('exports/my-model.json');
 * const { hidden, dim } = dataset.layer();
 * dataset.addProjection('tsne', await tsne(hidden, { dim, seed: 1 }));
 * const written = await saveDataset(dataset, 'exports/my-model-tsne.json');
 * console.log(written); // [ 'exports/my-model-tsne.json', 'exports/my-model-tsne.bin' ]
 * ```
 */
export async function saveDataset(dataset: StateDataset, path: string, options: SaveOptions = {}): Promise<string[]> {
  const { writeFile } = await importNode<typeof import('node:fs/promises')>('node:fs/promises');
  const { basename, join, dirname } = await importNode<typeof import('node:path')>('node:path');
  if (options.inline) {
    await writeFile(path, JSON.stringify(encodeDatasetJson(dataset)));
    return [path];
  }
  const binaryFile = `${basename(path).replace(/\.json$/i, '')}.bin`;
  const { manifest, binary } = encodeDataset(dataset, { ...options, binaryFile });
  const binaryPath = join(dirname(path), binaryFile);
  await writeFile(binaryPath, binary);
  await writeFile(path, JSON.stringify(manifest));
  return [path, binaryPath];
}
