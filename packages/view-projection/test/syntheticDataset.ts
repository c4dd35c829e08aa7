import { StateDataset } from '@statescope/core';

export interface SyntheticOptions {
  sequences: number;
  /** Steps per sequence. */
  length: number;
  /** 2: binary (sigmoid EP); more: one cluster per class. */
  classes?: number;
  seed?: number;
  /** Name of the stored projection; null stores none (the view then computes PCA). */
  projection?: string | null;
}

const WORDS = ['the', 'film', 'was', 'not', 'good', 'bad', 'great', 'boring', 'and', 'plot', 'actors', 'but'];

/**
 * A dataset whose hidden states are 2-D random walks drifting from a common start towards
 * their class's cluster, so maps, trajectories and jumps look like those of a real RNN.
 * The stored projection is the states themselves. Deterministic for a seed.
 */
export function syntheticDataset(options: SyntheticOptions): StateDataset {
  const { sequences, length, classes = 2, seed = 1, projection = 'tsne' } = options;
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const n = sequences * length;
  const states = new Float32Array(2 * n);
  const ep = new Float32Array(classes === 2 ? n : n * classes);
  const labels = new Int32Array(sequences);
  const tokens: string[][] = [];
  const centres = Array.from({ length: classes }, (_, c) => [
    6 * Math.cos((2 * Math.PI * c) / classes),
    6 * Math.sin((2 * Math.PI * c) / classes),
  ]);
  for (let s = 0; s < sequences; s++) {
    const label = s % classes;
    labels[s] = label;
    const [cx, cy] = centres[label];
    let x = random() * 2 - 1;
    let y = random() * 2 - 1;
    const words: string[] = [];
    for (let k = 0; k < length; k++) {
      const t = s * length + k;
      const pull = random() < 0.05 ? 0.5 : 0.06; // occasional jumps
      x += (cx - x) * pull + (random() - 0.5) * 0.8;
      y += (cy - y) * pull + (random() - 0.5) * 0.8;
      states[2 * t] = x;
      states[2 * t + 1] = y;
      if (classes === 2) {
        ep[t] = 1 / (1 + Math.exp(-x * 0.8));
      } else {
        let sum = 0;
        for (let c = 0; c < classes; c++) {
          const d = Math.hypot(x - centres[c][0], y - centres[c][1]);
          ep[t * classes + c] = Math.exp(-d / 2);
          sum += ep[t * classes + c];
        }
        for (let c = 0; c < classes; c++) ep[t * classes + c] /= sum;
      }
      words.push(WORDS[Math.floor(random() * WORDS.length)]);
    }
    tokens.push(words);
  }
  return new StateDataset({
    classes: classes === 2 ? ['negative', 'positive'] : Array.from({ length: classes }, (_, c) => `topic ${c}`),
    tokens,
    labels,
    layers: [{ name: 'h', dim: 2, hidden: states }],
    expectedPredictions: ep,
    projections: projection ? { [projection]: states.slice() } : {},
  });
}
