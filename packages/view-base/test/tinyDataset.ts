import { StateDataset } from '@statescope/core';

/** One sequence of one token, one unit, two classes: the smallest dataset a view can hold. */
export const tinyDataset = () =>
  new StateDataset({
    classes: ['a', 'b'],
    tokens: [['x']],
    labels: [0],
    layers: [{ name: 'h', dim: 1, hidden: new Float32Array(1) }],
    expectedPredictions: new Float32Array([0.3]),
  });
