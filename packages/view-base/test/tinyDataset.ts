import { StateDataset } from '@statescope/core';

/** One sequence of `steps` tokens, one unit, two classes: the smallest dataset a view can hold. */
export const tinyDataset = (steps = 1) =>
  new StateDataset({
    classes: ['a', 'b'],
    tokens: [Array.from({ length: steps }, () => 'x')],
    labels: [0],
    layers: [{ name: 'h', dim: 1, hidden: new Float32Array(steps) }],
    expectedPredictions: new Float32Array(steps).fill(0.3),
  });
