import { loadDataset, StatescopeError, type StateDataset } from '@statescope/core';
import { UsageError } from './UsageError.js';

/** A StatescopeError with the file it came from, for the one-line message of exit code 1. */
export type FileError = StatescopeError & { file?: string };

/** Loads a dataset; a StatescopeError keeps its place and gains the file's name. */
export async function loadFile(file: string): Promise<StateDataset> {
  try {
    return await loadDataset(file);
  } catch (error) {
    if (error instanceof StatescopeError) (error as FileError).file = file;
    throw error;
  }
}

/** Exactly one FILE positional, loaded; a missing or extra argument is a usage error. */
export async function loadForCommand(
  command: string,
  positionals: string[],
): Promise<{ file: string; dataset: StateDataset }> {
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'missing FILE' : `one FILE only, got ${positionals.length}`,
      command,
    );
  }
  const [file] = positionals;
  return { file, dataset: await loadFile(file) };
}
