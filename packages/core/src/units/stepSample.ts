import { seededRandom } from '../seededRandom.js';

/**
 * At most `cap` step indices of [0, steps), ascending: every step when there are few enough, else
 * a seeded uniform sample (the same steps on every run), so that statistics over units stay cheap
 * on a million steps and reproducible.
 */
export function stepSample(steps: number, cap: number, seed: number): Uint32Array {
  if (steps <= cap) {
    const all = new Uint32Array(steps);
    for (let t = 0; t < steps; t++) all[t] = t;
    return all;
  }
  // Selection sampling (Knuth's algorithm S): one pass, sorted output, exactly `cap` picks.
  const random = seededRandom(seed);
  const picked = new Uint32Array(cap);
  for (let t = 0, taken = 0; taken < cap; t++) {
    if ((steps - t) * random() < cap - taken) picked[taken++] = t;
  }
  return picked;
}
