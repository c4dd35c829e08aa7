import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encodeDataset, encodeDatasetJson, type StateDataset } from '@statescope/core';

/** How {@link writeDatasetAtomically} encodes the dataset. */
export interface WriteOptions {
  /** Storage of hidden and cell states: `float32` (default, exact), `float16` or `int8`. */
  statePrecision?: 'float32' | 'float16' | 'int8';
  /** One self-contained JSON file with inline arrays instead of manifest + .bin. */
  inline?: boolean;
}

/**
 * Writes a dataset in the native format to `path` (and its .bin beside it), all or nothing:
 * every file goes to a temporary name in the same folder first and is renamed into place only
 * once all are written, so an interrupted or failed write leaves the old files as they were.
 * Returns the paths written.
 */
export async function writeDatasetAtomically(
  dataset: StateDataset,
  path: string,
  options: WriteOptions = {},
): Promise<string[]> {
  const files: [string, Uint8Array | string][] = [];
  if (options.inline) {
    files.push([path, JSON.stringify(encodeDatasetJson(dataset))]);
  } else {
    const binaryFile = `${basename(path).replace(/\.json$/i, '')}.bin`;
    const { manifest, binary } = encodeDataset(dataset, { binaryFile, statePrecision: options.statePrecision });
    // The binary first: a manifest never points at a binary that is not there yet.
    files.push([join(dirname(path), binaryFile), binary], [path, JSON.stringify(manifest)]);
  }
  const temporary = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    for (const [file, content] of files) await writeFile(temporary(file), content);
    for (const [file] of files) await rename(temporary(file), file);
  } catch (error) {
    await Promise.all(files.map(([file]) => rm(temporary(file), { force: true })));
    throw error;
  }
  return files.map(([file]) => file);
}
