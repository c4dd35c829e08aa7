import type { StateDataset } from './StateDataset.js';
import { StepSet } from './StepSet.js';

/**
 * The sequences holding at least one of `steps`, as a set over sequence indices: what a brush of
 * steps selects among sequences (the table keeps their rows, the heatmap aggregates them). One
 * pass over the sequences' step ranges, a word of the bitset at a time.
 */
export function sequencesOfSteps(dataset: StateDataset, steps: StepSet): StepSet {
  if (steps.size !== dataset.stepCount) {
    throw new RangeError(`a set of ${steps.size} steps does not match the dataset's ${dataset.stepCount} steps`);
  }
  const { offsets, sequenceCount } = dataset;
  const words = steps.words;
  const hit = new StepSet(sequenceCount);
  for (let s = 0; s < sequenceCount; s++) {
    if (anyInRange(words, offsets[s], offsets[s + 1])) hit.add(s);
  }
  return hit;
}

/** Whether a bit in [start, end) is set. */
function anyInRange(words: Uint32Array, start: number, end: number): boolean {
  if (start >= end) return false;
  const first = start >>> 5;
  const last = (end - 1) >>> 5;
  const headMask = ~0 << (start & 31);
  const tailMask = ~0 >>> (31 - ((end - 1) & 31));
  if (first === last) return (words[first] & headMask & tailMask) !== 0;
  if ((words[first] & headMask) !== 0 || (words[last] & tailMask) !== 0) return true;
  for (let w = first + 1; w < last; w++) if (words[w] !== 0) return true;
  return false;
}
