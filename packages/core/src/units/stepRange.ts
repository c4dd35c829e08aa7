import type { StateDataset } from '../StateDataset.js';
import { StatescopeError } from '../StatescopeError.js';

/**
 * Checks that [start, end) is a non-empty range of global steps inside one sequence and returns
 * that sequence. Throws a StatescopeError naming `start` or `end` (and the sequence) otherwise.
 */
export function sequenceOfRange(dataset: StateDataset, start: number, end: number): number {
  const steps = dataset.stepCount;
  if (!Number.isInteger(start) || start < 0 || start >= steps) {
    throw new StatescopeError(`must be an integer step in [0, ${steps}), got ${String(start)}`, { field: 'start' });
  }
  if (!Number.isInteger(end) || end <= start || end > steps) {
    throw new StatescopeError(`must be an integer step in (start, ${steps}], got ${String(end)} (start ${start})`, {
      field: 'end',
    });
  }
  const sequence = dataset.sequenceOf(start);
  const last = dataset.offsets[sequence + 1];
  if (end > last) {
    throw new StatescopeError(
      `the range [${start}, ${end}) crosses the end of its sequence, which owns steps ${dataset.offsets[sequence]} to ${last - 1}`,
      { field: 'end', sequence },
    );
  }
  return sequence;
}

/** A non-negative integer option, or its default; a StatescopeError naming the field otherwise. */
export function countOption(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new StatescopeError(`must be a non-negative integer, got ${String(value)}`, { field });
  }
  return value;
}

/** A finite threshold; a StatescopeError naming `threshold` otherwise. */
export function checkThreshold(threshold: number): number {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    throw new StatescopeError(`must be a finite number, got ${String(threshold)}`, { field: 'threshold' });
  }
  return threshold;
}

/** Unit indices as a sorted, duplicate-free Uint32Array; a StatescopeError naming the bad entry otherwise. */
export function checkUnits(units: ArrayLike<number>, dim: number): Uint32Array {
  if (units === null || typeof units !== 'object' || typeof units.length !== 'number') {
    throw new StatescopeError('must be an array of unit indices', { field: 'units' });
  }
  const seen = new Uint8Array(dim);
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (!Number.isInteger(unit) || unit < 0 || unit >= dim) {
      throw new StatescopeError(`unit ${String(unit)} is not one of the ${dim} units`, { field: `units[${i}]` });
    }
    seen[unit] = 1;
  }
  let count = 0;
  for (let u = 0; u < dim; u++) count += seen[u];
  const out = new Uint32Array(count);
  for (let u = 0, i = 0; u < dim; u++) if (seen[u]) out[i++] = u;
  return out;
}
