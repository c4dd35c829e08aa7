import type { StateDataset } from '@statescope/core';

/** The columns a sequence table can be sorted by. */
export type SortKey = 'id' | 'label' | 'prediction' | 'correct' | 'length' | 'text';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The sequences to list, in display order: those whose true class is `classes` (all when null)
 * and that `keep` accepts, sorted by `key` (ties keep dataset order, so sorting is stable).
 */
export function sequenceOrder(
  data: StateDataset,
  key: SortKey,
  descending: boolean,
  classes: readonly number[] | null,
  keep: ((sequence: number) => boolean) | null,
): Uint32Array {
  const shownClasses = classes ? new Set(classes) : null;
  const list: number[] = [];
  for (let s = 0; s < data.sequenceCount; s++) {
    if (shownClasses && !shownClasses.has(data.labels[s])) continue;
    if (keep && !keep(s)) continue;
    list.push(s);
  }
  const correct = data.correctness();
  const compare: (a: number, b: number) => number =
    key === 'id'
      ? (a, b) => collator.compare(data.ids[a], data.ids[b])
      : key === 'label'
        ? (a, b) => data.labels[a] - data.labels[b]
        : key === 'prediction'
          ? (a, b) => data.predictions[a] - data.predictions[b]
          : key === 'correct'
            ? (a, b) => correct[a] - correct[b]
            : key === 'length'
              ? (a, b) => data.sequenceLength(a) - data.sequenceLength(b)
              : (a, b) => collator.compare(data.token(data.offsets[a]), data.token(data.offsets[b]));
  const sign = descending ? -1 : 1;
  list.sort((a, b) => sign * compare(a, b) || a - b);
  return Uint32Array.from(list);
}
