/**
 * Maps a global step index (0..N-1) to its sequence and its position in that sequence,
 * by binary search over `offsets` (sequence s owns offsets[s]..offsets[s+1]-1).
 */
export function sequenceOfStep(offsets: Uint32Array, step: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid] <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Sequence index of every step, as one typed array (N). */
export function stepSequences(offsets: Uint32Array): Uint32Array {
  const sequences = new Uint32Array(offsets[offsets.length - 1]);
  for (let s = 0; s + 1 < offsets.length; s++) sequences.fill(s, offsets[s], offsets[s + 1]);
  return sequences;
}
