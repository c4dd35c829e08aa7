import type { ProvisionalSequence } from '@statescope/bus';
import { rowArgmax, type StateDataset } from '@statescope/core';

/** How a provisional sequence differs from the dataset sequence it was edited from. */
export interface OriginalComparison {
  /** 1 where the provisional token differs from the original's at the same position (or the original has none there). */
  readonly differs: Uint8Array;
  /** The first position where the two differ (0-based), or -1 when they are the same tokens. */
  readonly parting: number;
  /** The original's predicted class (as its own header shows it). */
  readonly originalClass: number;
  /** The provisional sequence's predicted class: the argmax of its last step. */
  readonly provisionalClass: number;
}

/** Compares a provisional sequence with `data`'s sequence `sequence.original` (which must be in range). */
export function compareToOriginal(data: StateDataset, sequence: ProvisionalSequence): OriginalComparison {
  const original = sequence.original;
  const first = data.offsets[original];
  const originalLength = data.sequenceLength(original);
  const length = sequence.tokens.length;
  const differs = new Uint8Array(length);
  let parting = -1;
  for (let t = 0; t < length; t++) {
    if (t >= originalLength || sequence.tokens[t] !== data.token(first + t)) {
      differs[t] = 1;
      if (parting < 0) parting = t;
    }
  }
  // A shortened copy parts where it ends.
  if (parting < 0 && originalLength !== length) parting = length;
  return {
    differs,
    parting,
    originalClass: data.predictions[original],
    provisionalClass: rowArgmax(sequence.expected, data.classCount).classes[length - 1],
  };
}
