import type { ProblemLog } from './ProblemLog.js';
import { StatescopeError } from './StatescopeError.js';
import { sequenceOfStep } from './StepLocator.js';

/**
 * Checks that a row-major steps x width array has the right length and only finite values
 * (optionally within [min, max]). Each bad step goes to `problems` (thrown at once unless
 * validating), naming the field, sequence and step and the first bad column of that step.
 */
export function checkStepMatrix(
  values: Float32Array,
  field: string,
  offsets: Uint32Array,
  width: number,
  problems: ProblemLog,
  range?: { min: number; max: number; what: string; shown: string },
): void {
  const steps = offsets[offsets.length - 1];
  if (!(values instanceof Float32Array)) {
    throw new StatescopeError(`must be a Float32Array, got ${typeName(values)}`, { field });
  }
  if (values.length !== steps * width) {
    throw new StatescopeError(`has ${values.length} values, expected ${steps} steps x ${width} = ${steps * width}`, {
      field,
    });
  }
  // Most arrays are fine and need no range: one multiply-add per value finds whether any value is
  // NaN or infinite (v * 0 is NaN for those), so the locating loop below runs only when one is.
  if (!range && allFinite(values)) return;
  const min = range ? range.min : -Infinity;
  const max = range ? range.max : Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // One comparison pair covers NaN, +-Infinity and the range on the hot path.
    if (v >= min && v <= max && v !== Infinity && v !== -Infinity) continue;
    const step = Math.floor(i / width);
    const sequence = sequenceOfStep(offsets, step);
    const location = { field, sequence, step: step - offsets[sequence] };
    problems.report(
      Number.isFinite(v)
        ? new StatescopeError(
            `holds ${v} at column ${i % width}; ${range?.what ?? 'values'} must lie in ${range?.shown ?? `[${min}, ${max}]`}`,
            location,
          )
        : new StatescopeError(`holds ${v} at column ${i % width}; values must be finite`, location),
    );
    i = (step + 1) * width - 1; // one problem per step: go on at the next step
  }
}

/** Checks one class index per sequence: integers in [0, classCount). */
export function checkClassIndices(
  values: ArrayLike<number>,
  field: string,
  sequenceCount: number,
  classCount: number,
  problems: ProblemLog,
): Int32Array {
  if (values.length !== sequenceCount) {
    throw new StatescopeError(`has ${values.length} entries, expected one per sequence (${sequenceCount})`, {
      field,
    });
  }
  const out = new Int32Array(sequenceCount);
  for (let s = 0; s < sequenceCount; s++) {
    const v = values[s];
    if (typeof v !== 'number') {
      problems.report(
        new StatescopeError(`must be an integer class index, got ${typeName(v)} ${JSON.stringify(v)}`, {
          field,
          sequence: s,
        }),
      );
      continue;
    }
    if (!Number.isInteger(v) || v < 0 || v >= classCount) {
      problems.report(
        new StatescopeError(`class index ${String(v)} is out of range; expected an integer in [0, ${classCount - 1}]`, {
          field,
          sequence: s,
        }),
      );
      continue;
    }
    out[s] = v;
  }
  return out;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}

function allFinite(values: Float32Array): boolean {
  let probe = 0;
  for (let i = 0; i < values.length; i++) probe += values[i] * 0;
  return probe === 0;
}
