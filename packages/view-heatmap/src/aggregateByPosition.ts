import type { StateDataset } from '@statescope/core';

/** Mean expected prediction per step position over a set of sequences. */
export interface PositionAggregate {
  /** positions x classCount means (NaN where no sequence reaches the position). */
  means: Float32Array;
  /** Sequences that reach each position. */
  counts: Uint32Array;
  /** Number of positions: the longest sequence's length. */
  positions: number;
}

/**
 * Averages the expected predictions of the given sequences step by step, aligned at their
 * first step (`start`) or at their last (`end`: position 0 is then the step `positions`
 * before the end, so that the last column holds every sequence's final step).
 */
export function aggregateByPosition(
  data: StateDataset,
  sequences: ArrayLike<number>,
  align: 'start' | 'end',
): PositionAggregate {
  const classCount = data.classCount;
  let positions = 0;
  for (let i = 0; i < sequences.length; i++) positions = Math.max(positions, data.sequenceLength(sequences[i]));
  const sums = new Float64Array(positions * classCount);
  const counts = new Uint32Array(positions);
  const ep = data.expectedPredictions;
  for (let i = 0; i < sequences.length; i++) {
    const s = sequences[i];
    const first = data.offsets[s];
    const length = data.sequenceLength(s);
    const shift = align === 'start' ? 0 : positions - length;
    for (let t = 0; t < length; t++) {
      const position = t + shift;
      counts[position]++;
      for (let c = 0; c < classCount; c++) sums[position * classCount + c] += ep[(first + t) * classCount + c];
    }
  }
  const means = new Float32Array(positions * classCount);
  for (let p = 0; p < positions; p++) {
    for (let c = 0; c < classCount; c++)
      means[p * classCount + c] = counts[p] ? sums[p * classCount + c] / counts[p] : NaN;
  }
  return { means, counts, positions };
}
