import type { StateDataset, StepSet } from '@statescope/core';
import { SEQUENCE_HIDDEN } from '@statescope/bus';

/** The columns a sequence table can be sorted by. */
export type SortKey = 'id' | 'label' | 'prediction' | 'correct' | 'length' | 'text';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The sequences to list, in display order: every sequence except those `filter` (what
 * `sequenceFilter` from `@statescope/bus` made of the bus filters) hides and, under a brush,
 * only those in `brushed` (what `sequencesOfSteps` from `@statescope/core` made of the brushed
 * steps); sorted by `key`, ties in dataset order (so sorting is stable).
 */
export function sequenceOrder(
  data: StateDataset,
  key: SortKey,
  descending: boolean,
  filter: Uint8Array | null = null,
  brushed: StepSet | null = null,
): Uint32Array {
  return listedSequences(sortedSequences(data, key, descending), filter, brushed);
}

/** Every sequence, sorted by `key` (ties in dataset order). */
export function sortedSequences(data: StateDataset, key: SortKey, descending: boolean): Uint32Array {
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
  const list = Array.from({ length: data.sequenceCount }, (_, s) => s);
  list.sort((a, b) => sign * compare(a, b) || a - b);
  return Uint32Array.from(list);
}

/**
 * The sequences of `sorted` that are listed, in the same order: not hidden by `filter`, when
 * there is a brush in `brushed`, and kept by every mask of `kept` (1 keeps a sequence: a search,
 * the sequences selected at once). One pass, so a change of constraints does not sort again.
 */
export function listedSequences(
  sorted: Uint32Array,
  filter: Uint8Array | null,
  brushed: StepSet | null,
  kept: readonly Uint8Array[] = [],
): Uint32Array {
  if (!filter && !brushed && kept.length === 0) return sorted;
  const listed = new Uint32Array(sorted.length);
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    if (filter && filter[s] === SEQUENCE_HIDDEN) continue;
    if (brushed && !brushed.has(s)) continue;
    let keep = true;
    for (let k = 0; k < kept.length && keep; k++) keep = kept[k][s] === 1;
    if (!keep) continue;
    listed[count++] = s;
  }
  return listed.slice(0, count);
}
