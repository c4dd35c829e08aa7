import { StateDataset, type StateDatasetInit } from '@statescope/core';

/**
 * A hand-checkable binary dataset: two sequences (3 and 2 steps), 2 units.
 *   seq 0 "good film !"  h = (0,0) (3,4) (3,4)   p(positive) = 0.2 0.7 0.9   label 1
 *   seq 1 "bad plot"     h = (1,1) (1,-1)        p(positive) = 0.6 0.4       label 0
 */
export function smallInit(overrides: Partial<StateDatasetInit> = {}): StateDatasetInit {
  return {
    classes: ['negative', 'positive'],
    ids: ['r1', 'r2'],
    tokens: [
      ['good', 'film', '!'],
      ['bad', 'plot'],
    ],
    labels: [1, 0],
    layers: [{ name: 'lstm', dim: 2, hidden: new Float32Array([0, 0, 3, 4, 3, 4, 1, 1, 1, -1]) }],
    expectedPredictions: new Float32Array([0.2, 0.7, 0.9, 0.6, 0.4]),
    ...overrides,
  };
}

export function smallDataset(overrides: Partial<StateDatasetInit> = {}): StateDataset {
  return new StateDataset(smallInit(overrides));
}

/** Runs `fn` and returns the error it throws (failing the test when it does not throw). */
export async function caught(fn: () => unknown): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected an error, none was thrown');
}
