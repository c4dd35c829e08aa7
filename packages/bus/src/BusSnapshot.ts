import type { Filters, JsonValue, SharedOptions } from './events.js';

/** The `format` of a bus snapshot. */
export const BUS_SNAPSHOT_FORMAT = 'statescope-bus';

/** What a LinkBus holds, as plain JSON (see LinkBus.snapshot and LinkBus.restore). */
export interface BusSnapshot {
  /** Always `statescope-bus`. */
  format: typeof BUS_SNAPSHOT_FORMAT;
  /** The layout of this object; 1. */
  version: 1;
  /** The step count of the clauses (null when there are none). */
  stepCount: number | null;
  /** The focused step, or -1. */
  focus: number;
  /** How many consecutive steps from `focus` are focused. */
  focusLength: number;
  /** The selected sequences, ascending, and the active one (-1: none). */
  selection: {
    /** The active sequence, one of `sequences`, or -1. */
    active: number;
    /** Every selected sequence, ascending. */
    sequences: number[];
  };
  /** The brush clauses, in the order they were made. */
  clauses: {
    /** The view (or code) that owns the clause. */
    source: string;
    /** Its steps as runs [start0, end0, start1, end1, ...], ends exclusive (see StepSet.toRanges). */
    steps: number[];
    /** What was brushed, in the owner's terms. */
    value: JsonValue;
  }[];
  /** The filters (faded sequences, shown classes). */
  filters: Filters;
  /** The shared options (colour mode, thresholds). */
  options: SharedOptions;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndexList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((v) => Number.isInteger(v) && v >= 0);

/** The snapshot, typed, or a TypeError naming the first field at fault. */
export function checkSnapshot(value: unknown): BusSnapshot {
  const fail = (field: string, expected: string): never => {
    throw new TypeError(`snapshot${field ? `.${field}` : ''}: expected ${expected}`);
  };
  if (!isObject(value)) return fail('', 'an object made by LinkBus.snapshot()');
  if (value.format !== BUS_SNAPSHOT_FORMAT) fail('format', `"${BUS_SNAPSHOT_FORMAT}"`);
  if (value.version !== 1) fail('version', '1');
  const { stepCount, focus, focusLength, selection, clauses, filters, options } = value;
  if (stepCount !== null && !(Number.isInteger(stepCount) && (stepCount as number) >= 0)) {
    fail('stepCount', 'a step count or null');
  }
  if (!(Number.isInteger(focus) && (focus as number) >= -1)) fail('focus', 'a step index or -1');
  if (!(Number.isInteger(focusLength) && (focusLength as number) >= 0)) fail('focusLength', 'a count');
  if (!isObject(selection)) return fail('selection', 'an object');
  if (!isIndexList(selection.sequences)) fail('selection.sequences', 'sequence indices');
  const { active, sequences } = selection as { active: unknown; sequences: number[] };
  if (!(active === -1 || (Number.isInteger(active) && sequences.includes(active as number)))) {
    fail('selection.active', 'one of the selected sequences, or -1');
  }
  if (!Array.isArray(clauses)) return fail('clauses', 'an array');
  clauses.forEach((clause: unknown, i) => {
    if (!isObject(clause)) return fail(`clauses[${i}]`, 'an object');
    if (typeof clause.source !== 'string') fail(`clauses[${i}].source`, 'a string');
    if (!isIndexList(clause.steps)) fail(`clauses[${i}].steps`, 'runs of step indices');
    if (stepCount === null) fail('stepCount', 'the step count of the clauses');
  });
  if (!isObject(filters)) return fail('filters', 'an object');
  if (typeof filters.fadeCorrect !== 'boolean') fail('filters.fadeCorrect', 'a boolean');
  if (typeof filters.fadeWrong !== 'boolean') fail('filters.fadeWrong', 'a boolean');
  if (filters.classes !== null && !isIndexList(filters.classes)) fail('filters.classes', 'class indices or null');
  if (!isObject(options)) return fail('options', 'an object');
  return value as unknown as BusSnapshot;
}
