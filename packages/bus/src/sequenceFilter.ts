import type { StateDataset } from '@statescope/core';
import type { Filters } from './events.js';

/** A sequence whose true class the filters do not show. */
export const SEQUENCE_HIDDEN = 0;
/** A sequence the filters fade (correctly classified or misclassified, as asked). */
export const SEQUENCE_FADED = 1;
/** A sequence the filters leave alone. */
export const SEQUENCE_SHOWN = 2;

/**
 * What the filters do to each sequence: {@link SEQUENCE_HIDDEN}, {@link SEQUENCE_FADED} or
 * {@link SEQUENCE_SHOWN}, one byte per sequence. The one rule every view applies, so that a
 * filter means the same on the map, in the table and in the aggregates.
 */
export function sequenceFilter(dataset: StateDataset, filters: Readonly<Filters>): Uint8Array {
  const { labels, sequenceCount, classCount } = dataset;
  const level = new Uint8Array(sequenceCount).fill(SEQUENCE_SHOWN);
  const { fadeCorrect, fadeWrong, classes } = filters;
  let shown: Uint8Array | null = null;
  if (classes) {
    shown = new Uint8Array(classCount);
    for (const c of classes) if (c < classCount) shown[c] = 1;
  }
  const correct = fadeCorrect || fadeWrong ? dataset.correctness() : null;
  for (let s = 0; s < sequenceCount; s++) {
    if (shown && !shown[labels[s]]) level[s] = SEQUENCE_HIDDEN;
    else if (correct && (correct[s] ? fadeCorrect : fadeWrong)) level[s] = SEQUENCE_FADED;
  }
  return level;
}
