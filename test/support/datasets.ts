import { StateDataset } from '@statescope/core';

/**
 * Small hand-made datasets for view tests, with numbers simple enough to check by eye.
 *
 * Binary: three reviews. Hidden states are 2-D so distances are easy:
 *   r0 "a fine film ."  h = (0,0) (3,4) (3,4) (0,0)  p(positive) = .5 .8 .9 .95  label 1
 *   r1 "not good"       h = (1,0) (1,2)              p = .5 .2                   label 0
 *   r2 "dull but fun"   h = (0,1) (0,1) (6,9)        p = .4 .3 .7                label 0 (wrong)
 */
export function binaryReviews(): StateDataset {
  return new StateDataset({
    classes: ['negative', 'positive'],
    ids: ['r0', 'r1', 'r2'],
    tokens: [
      ['a', 'fine', 'film', '.'],
      ['not', 'good'],
      ['dull', 'but', 'fun'],
    ],
    labels: [1, 0, 0],
    layers: [
      {
        name: 'lstm',
        dim: 2,
        hidden: new Float32Array([0, 0, 3, 4, 3, 4, 0, 0, 1, 0, 1, 2, 0, 1, 0, 1, 6, 9]),
      },
    ],
    expectedPredictions: new Float32Array([0.5, 0.8, 0.9, 0.95, 0.5, 0.2, 0.4, 0.3, 0.7]),
    projections: {
      tsne: Float32Array.from({ length: 18 }, (_, i) => (i % 2 ? Math.floor(i / 2) : -Math.floor(i / 2))),
    },
  });
}

/** Three topics, two documents: d0 "oil prices rise" (crude, right), d1 "shares bought" (acq, predicted earn). */
export function threeTopics(): StateDataset {
  return new StateDataset({
    classes: ['earn', 'acq', 'crude'],
    ids: ['d0', 'd1'],
    tokens: [
      ['oil', 'prices', 'rise'],
      ['shares', 'bought'],
    ],
    labels: [2, 1],
    predictions: [2, 0],
    layers: [{ name: 'lstm', dim: 1, hidden: new Float32Array([0, 1, 2, 0, 0.5]) }],
    expectedPredictions: new Float32Array([
      0.4, 0.3, 0.3, 0.1, 0.2, 0.7, 0.05, 0.05, 0.9, 0.5, 0.4, 0.1, 0.6, 0.3, 0.1,
    ]),
  });
}
