import { loadDataset, StatescopeError, type CompanionFiles, type StateDataset } from '@statescope/core';

/** The outcome for one dataset file among those opened: its dataset, or why it failed. */
export type OpenedFile =
  | { readonly name: string; readonly dataset: StateDataset; readonly error?: undefined }
  | { readonly name: string; readonly dataset?: undefined; readonly error: Error };

/**
 * Loads the datasets among files a user picked or dropped together: each .json (a Statescope
 * manifest or a hiddenStatesVis export) is loaded with the other files as the companions its
 * manifest may name (.bin, .npy, .npz). A manifest whose companion was not among the files fails
 * with an error that names the file to add. Results come in the order of the .json files.
 */
export async function openFiles(files: readonly File[]): Promise<OpenedFile[]> {
  if (files.length === 0) return [];
  const datasets = files.filter((file) => /\.json$/i.test(file.name));
  if (datasets.length === 0) {
    const names = files.map((file) => file.name).join(', ');
    const error = new StatescopeError(
      `${names}: no .json among them; open the dataset's .json (a manifest or a hiddenStatesVis export) ` +
        'together with the .bin/.npy/.npz files it refers to',
    );
    return [{ name: names, error }];
  }
  // Null prototype: a manifest naming "constructor" must not find Object's.
  const byName: Record<string, File> = Object.create(null);
  for (const file of files) byName[file.name] = file;
  return Promise.all(datasets.map((file) => openOne(file, byName)));
}

async function openOne(file: File, byName: Record<string, File>): Promise<OpenedFile> {
  // Records the companions the manifest asked for and did not get, so that the error can say
  // which files to add whatever words core uses for it.
  const missing = new Set<string>();
  const companions: CompanionFiles = new Proxy(byName, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (!Object.hasOwn(target, key)) missing.add(key);
      return target[key];
    },
  });
  try {
    return { name: file.name, dataset: await loadDataset(file, { files: companions }) };
  } catch (error) {
    if (missing.size === 0) return { name: file.name, error: error as Error };
    const names = [...missing].map((name) => `"${name}"`).join(', ');
    const place = error instanceof StatescopeError ? error : undefined;
    const problem =
      `refers to ${names}, which ${missing.size === 1 ? 'was' : 'were'} not among the files opened; ` +
      `open ${names} together with "${file.name}" (pick or drop them at once)`;
    return {
      name: file.name,
      error: new StatescopeError(problem, { field: place?.field, sequence: place?.sequence, step: place?.step }),
    };
  }
}
