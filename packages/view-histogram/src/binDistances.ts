/** Counts of values per equal-width bin over [0, 1]. */
export interface DistanceBins {
  /** Steps per bin. */
  counts: Uint32Array;
  /** The bin of every step considered (-1 for steps left out: NaN distances, unbrushed steps). */
  binOfStep: Int16Array;
}

/**
 * Bins normalised step distances into `binCount` equal bins over [0, 1] (1 falls in the last bin).
 * NaN entries (the last step of each sequence) are left out, as are steps outside `only`.
 */
export function binDistances(
  distances: Float32Array,
  binCount: number,
  only?: { has(step: number): boolean } | null,
): DistanceBins {
  const counts = new Uint32Array(binCount);
  const binOfStep = new Int16Array(distances.length).fill(-1);
  for (let t = 0; t < distances.length; t++) {
    const d = distances[t];
    if (Number.isNaN(d) || (only && !only.has(t))) continue;
    const bin = distanceBin(d, binCount);
    counts[bin]++;
    binOfStep[t] = bin;
  }
  return { counts, binOfStep };
}

/** The bin of a normalised distance among `binCount` equal bins over [0, 1] (1 falls in the last). */
export function distanceBin(distance: number, binCount: number): number {
  return Math.min(binCount - 1, Math.max(0, Math.floor(distance * binCount)));
}
