import type { ProvisionalSequence } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';

/** The first sequence of `min` to `max` tokens and its provisional copy (see provisionalCopy). */
export function copyOfReview(data: StateDataset, min = 20, max = 60): { s: number; sequence: ProvisionalSequence } {
  for (let s = 0; s < data.sequenceCount; s++) {
    const length = data.sequenceLength(s);
    if (length >= min && length <= max) return { s, sequence: provisionalCopy(data, s) };
  }
  throw new Error(`no sequence of ${min} to ${max} tokens`);
}

/**
 * A sequence of the dataset as a provisional (what-if) one, `edit` on top: its tokens, expected
 * rows and top-layer states, no unknown words, no map places (give `coordinates` in `edit`), and
 * itself as the original. A view should draw it as it draws the sequence itself.
 */
export function provisionalCopy(
  data: StateDataset,
  sequence: number,
  edit: Partial<ProvisionalSequence> = {},
): ProvisionalSequence {
  const start = data.offsets[sequence];
  const end = data.offsets[sequence + 1];
  const { hidden, dim } = data.layer();
  return {
    id: 'what-if',
    tokens: data.tokensOf(sequence),
    unknown: new Uint8Array(end - start),
    expected: data.expectedPredictions.slice(start * data.classCount, end * data.classCount),
    hidden: hidden.slice(start * dim, end * dim),
    coordinates: {},
    original: sequence,
    ...edit,
  };
}
