import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StatescopeError } from '@statescope/core';
import { weightFiles } from './weightFiles.js';

/** A dataset file to serve, with the files its manifest refers to. */
export interface DatasetFile {
  /** Absolute path of the manifest or hiddenStatesVis JSON. */
  path: string;
  /**
   * Paths relative to the manifest's folder of the files it refers to, inside that folder: its
   * arrays (.bin, .npy, .npz) and, when `metadata.weights` names a weight manifest there, that
   * manifest and its binary file (for the what-if view).
   */
  companions: string[];
  /**
   * The array files as the manifest names them (the keys of loadDataset's `files`), for a page
   * that fetches them while it reads the manifest; none for a hiddenStatesVis export.
   */
  arrays?: string[];
  /**
   * Why model weights the dataset names are not served (outside its folder, unreadable, not a
   * weight manifest), one sentence each: the dataset still opens, the what-if view has no model.
   */
  warnings?: string[];
}

/**
 * The dataset files named on the command line: each file as it is, each folder's *.json files
 * that hold a dataset (a Statescope manifest or a hiddenStatesVis export; weight manifests and
 * other JSON are skipped), with the model weights each names (see {@link DatasetFile.warnings}
 * for those it cannot serve). Fails with a StatescopeError naming a path that cannot be read, a
 * folder without datasets, or a manifest whose arrays lie outside its own folder.
 */
export async function findDatasetFiles(paths: readonly string[]): Promise<DatasetFile[]> {
  const found: DatasetFile[] = [];
  for (const given of paths) {
    const path = resolve(given);
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      throw new StatescopeError(
        `cannot read "${given}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        { field: 'input' },
      );
    }
    if (!isFolder) {
      found.push(await describeFile(path, given));
      continue;
    }
    const names = (await readdir(path)).filter((name) => extname(name).toLowerCase() === '.json').sort();
    const inFolder: DatasetFile[] = [];
    for (const name of names) {
      const file = await describeFile(join(path, name), join(given, name)).catch(() => null);
      if (file) inFolder.push(file);
    }
    if (inFolder.length === 0) {
      throw new StatescopeError(`the folder "${given}" holds no dataset (.json manifest or hiddenStatesVis export)`, {
        field: 'input',
      });
    }
    found.push(...inFolder);
  }
  return found;
}

async function describeFile(path: string, given: string): Promise<DatasetFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new StatescopeError(`"${given}" is not a JSON dataset: ${(error as Error).message}`, { field: 'input' });
  }
  if (!isDatasetJson(json)) {
    throw new StatescopeError(
      `"${given}" is JSON but not a dataset (a Statescope manifest or a hiddenStatesVis export)`,
      {
        field: 'input',
      },
    );
  }
  const companions = [...new Set(referencedFiles(json))];
  for (const name of companions) {
    const inside = relative(dirname(path), resolve(dirname(path), name));
    if (isAbsolute(name) || inside.startsWith('..') || isAbsolute(inside)) {
      throw new StatescopeError(
        `refers to "${name}", outside the manifest's folder; keep the array files beside ${basename(path)}`,
        {
          field: 'file',
        },
      );
    }
  }
  const weights = await weightFiles(json, dirname(path));
  return {
    path,
    companions: [
      ...new Set([
        ...companions.map((name) =>
          relative(dirname(path), resolve(dirname(path), name))
            .split(sep)
            .join('/'),
        ),
        ...weights.files,
      ]),
    ],
    arrays: companions,
    warnings: weights.warnings,
  };
}

function isDatasetJson(json: unknown): json is Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  return record.format === 'statescope' || ('hiddenStates' in record && 'texts' in record);
}

/** Every `file` an array reference of a native manifest names. */
function referencedFiles(json: Record<string, unknown>): string[] {
  if (json.format !== 'statescope') return [];
  const files: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    const file = (value as { file?: unknown }).file;
    if (typeof file === 'string') files.push(file);
    else for (const child of Object.values(value)) visit(child);
  };
  visit(json.expectedPredictions);
  visit(json.layers);
  visit(json.projections);
  return files;
}
