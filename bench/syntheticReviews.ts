import { StateDataset } from '@statescope/core';
import { seededRandom } from './seededRandom.js';

/**
 * A seeded stand-in for an LSTM run over reviews, for benchmarks at sizes the demo data lacks:
 * each sequence's states are a smooth walk in (-1, 1), its expected prediction a sigmoid of the
 * first unit, and (with `map`) its 2-D projection a random walk.
 */
export function syntheticReviews(options: {
  sequences: number;
  length: number;
  dim: number;
  seed: number;
  map?: boolean;
}): StateDataset {
  const { sequences, length, dim, map } = options;
  const random = seededRandom(options.seed);
  const steps = sequences * length;
  const hidden = new Float32Array(steps * dim);
  const expected = new Float32Array(steps);
  const coordinates = new Float32Array(steps * 2);
  const words = ['the', 'film', 'was', 'not', 'good', 'bad', 'great', 'plot', 'acting', '.', ',', 'but'];
  const tokens: string[][] = [];
  for (let s = 0; s < sequences; s++) {
    tokens.push(Array.from({ length }, () => words[Math.floor(random() * words.length)]));
    let x = random() * 100;
    let y = random() * 100;
    for (let t = 0; t < length; t++) {
      const step = s * length + t;
      for (let k = 0; k < dim; k++) {
        const previous = t ? hidden[(step - 1) * dim + k] : 0;
        hidden[step * dim + k] = Math.tanh(0.8 * previous + 0.4 * (random() - 0.5));
      }
      expected[step] = 1 / (1 + Math.exp(-4 * hidden[step * dim]));
      coordinates[2 * step] = x += random() - 0.5;
      coordinates[2 * step + 1] = y += random() - 0.5;
    }
  }
  return new StateDataset({
    classes: ['negative', 'positive'],
    tokens,
    labels: tokens.map((_, s) => s % 2),
    layers: [{ name: 'lstm', dim, hidden }],
    expectedPredictions: expected,
    projections: map ? { tsne: coordinates } : {},
  });
}
