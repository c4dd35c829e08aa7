import { loadDataset, type LoadOptions } from './loadDataset.js';
import type { StateDataset } from './StateDataset.js';
import { StatescopeError } from './StatescopeError.js';

/** What {@link validateDataset} found. */
export interface Validation {
  /** The dataset when there was no problem, else null. */
  dataset: StateDataset | null;
  /**
   * Every problem, each naming its field, sequence and step: all problems in the values (up to
   * 20 per field, then one line saying how many more), and the problem of structure, if any,
   * that stopped the reading.
   */
  problems: StatescopeError[];
  /** What was read but probably not meant: unknown keys, rows not summing to 1, a file longer than its arrays. */
  warnings: StatescopeError[];
}

/**
 * Reads a dataset as {@link loadDataset} does but, instead of stopping at the first problem,
 * lists them all. Rejects only for errors that are not about the data (none expected).
 *
 * @example
 * ```ts
 * import { validateDataset } from '@statescope/core';
 *
 * const { dataset, problems, warnings } = await validateDataset('exports/my-model.json');
 * for (const problem of problems) console.error(problem.message); // e.g. field "labels", sequence 12: ...
 * for (const warning of warnings) console.warn(warning.message);
 * if (dataset) console.log(`valid: ${dataset.sequenceCount} sequences`);
 * ```
 */
export async function validateDataset(
  input: Parameters<typeof loadDataset>[0],
  options: Omit<LoadOptions, 'onProblem' | 'onWarning'> = {},
): Promise<Validation> {
  const problems: StatescopeError[] = [];
  const warnings: StatescopeError[] = [];
  try {
    const dataset = await loadDataset(input, {
      ...options,
      onProblem: (problem) => problems.push(problem),
      onWarning: (warning) => warnings.push(warning),
    });
    return { dataset, problems, warnings };
  } catch (error) {
    if (!(error instanceof StatescopeError)) throw error;
    if (!problems.includes(error)) problems.push(error);
    return { dataset: null, problems, warnings };
  }
}
