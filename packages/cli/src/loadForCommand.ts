import { loadDataset, StatescopeError, type StateDataset } from '@statescope/core';
import type { Terminal } from './Terminal.js';
import { UsageError } from './UsageError.js';

/** A StatescopeError with the file it came from, for the one-line message of exit code 1. */
export type FileError = StatescopeError & { file?: string };

/**
 * Loads a dataset; a StatescopeError keeps its place and gains the file's name. Warnings
 * (unknown keys, rows not summing to 1, ...) go to stderr, one line each.
 */
export async function loadFile(file: string, terminal: Terminal): Promise<StateDataset> {
  try {
    return await loadDataset(file, {
      onWarning: (warning) => terminal.stderr.write(`statescope: warning: ${file}: ${warning.message}\n`),
    });
  } catch (error) {
    if (error instanceof StatescopeError) (error as FileError).file = file;
    throw error;
  }
}

/** Exactly one FILE positional, loaded; a missing or extra argument is a usage error. */
export async function loadForCommand(
  command: string,
  positionals: string[],
  terminal: Terminal,
): Promise<{ file: string; dataset: StateDataset }> {
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'missing FILE' : `one FILE only, got ${positionals.length}`,
      command,
    );
  }
  const [file] = positionals;
  return { file, dataset: await loadFile(file, terminal) };
}
