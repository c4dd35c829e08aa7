import type { ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';

/**
 * The first step at which a provisional sequence and the dataset sequence it was edited from
 * read different tokens (where one is longer, the other's length), or -1 when they read the same.
 */
export function partingStep(sequence: ProvisionalSequence, dataset: StateDataset, original: number): number {
  const start = dataset.offsets[original];
  const length = dataset.offsets[original + 1] - start;
  const shared = Math.min(length, sequence.tokens.length);
  for (let k = 0; k < shared; k++) if (sequence.tokens[k] !== dataset.token(start + k)) return k;
  return length === sequence.tokens.length ? -1 : shared;
}
