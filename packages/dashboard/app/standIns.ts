/**
 * For each step, the step whose coordinates it shows while it has none of its own (NaN in
 * `embedding`): itself when it has them, else the nearest step of its sequence that has them
 * (the earlier on a tie; adjacent hidden states are close), else the nearest such step of any
 * sequence. The map's trajectories and focus ring need finite coordinates for every step.
 */
export function standIns(embedding: Float32Array, offsets: Uint32Array): Int32Array {
  const steps = embedding.length >>> 1;
  const from = new Int32Array(steps).fill(-1);
  const has = (step: number) => embedding[2 * step] === embedding[2 * step]; // false for NaN
  // Two sweeps (forward, backward) find the nearest step with coordinates within `lo..hi - 1`.
  const sweep = (lo: number, hi: number) => {
    let seen = -1;
    for (let t = lo; t < hi; t++) {
      if (has(t)) seen = t;
      if (seen >= 0) from[t] = seen;
    }
    seen = -1;
    for (let t = hi - 1; t >= lo; t--) {
      if (has(t)) seen = t;
      if (seen >= 0 && (from[t] < 0 || seen - t < t - from[t])) from[t] = seen;
    }
  };
  for (let s = 0; s + 1 < offsets.length; s++) sweep(offsets[s], offsets[s + 1]);
  // A sequence without a step that has coordinates: the nearest one across sequences.
  const inside = from.slice();
  from.fill(-1);
  sweep(0, steps);
  for (let t = 0; t < steps; t++) if (inside[t] >= 0) from[t] = inside[t];
  return from;
}

/** Gives every step without coordinates those of its stand-in (see standIns), in place. */
export function showStandIns(embedding: Float32Array, from: Int32Array): void {
  for (let t = 0; t < from.length; t++) {
    const source = from[t];
    if (embedding[2 * t] !== embedding[2 * t] && source >= 0) {
      embedding[2 * t] = embedding[2 * source];
      embedding[2 * t + 1] = embedding[2 * source + 1];
    }
  }
}
