/** Where in a dataset a problem was found. Every part is optional; the message names those given. */
export interface ErrorLocation {
  /** The field at fault, e.g. `hiddenStates`, `layers[0].hidden`, `sequences[3].label`. */
  field?: string;
  /** Index of the sequence at fault (0-based), when the problem lies in one sequence. */
  sequence?: number;
  /** Step within that sequence (0-based), when the problem lies in one step. */
  step?: number;
  /** Row of a flat row-major matrix (0-based), for inputs that are plain matrices. */
  row?: number;
}

/**
 * The one error type Statescope throws for bad input: unknown formats, truncated files,
 * ragged or mismatched arrays, non-finite numbers, labels out of range. The message names
 * the field, the sequence and the step at fault, and the same facts are properties.
 */
export class StatescopeError extends Error {
  /** The field at fault, e.g. `layers[0].hidden`, if known. */
  readonly field: string | undefined;
  /** Index of the sequence at fault (0-based), if the problem lies in one. */
  readonly sequence: number | undefined;
  /** Step within that sequence (0-based), if the problem lies in one. */
  readonly step: number | undefined;
  /** Row of a flat row-major matrix (0-based), for inputs that are plain matrices. */
  readonly row: number | undefined;

  constructor(problem: string, location: ErrorLocation = {}) {
    super(describe(problem, location));
    this.name = 'StatescopeError';
    this.field = location.field;
    this.sequence = location.sequence;
    this.step = location.step;
    this.row = location.row;
  }
}

function describe(problem: string, { field, sequence, step, row }: ErrorLocation): string {
  const where: string[] = [];
  if (field !== undefined) where.push(`field "${field}"`);
  if (sequence !== undefined) where.push(`sequence ${sequence}`);
  if (step !== undefined) where.push(`step ${step}`);
  if (row !== undefined) where.push(`row ${row}`);
  return where.length === 0 ? problem : `${where.join(', ')}: ${problem}`;
}
