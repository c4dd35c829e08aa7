import { describe, expect, it } from 'vitest';
import { meanActivation, StateDataset, StatescopeError } from '@statescope/core';

/** Two sequences (3 + 2 steps) of a 3-unit LSTM layer with h = step * 10 + unit and c = -h. */
function dataset(): StateDataset {
  const hidden = Float32Array.from({ length: 15 }, (_, i) => Math.floor(i / 3) * 10 + (i % 3));
  return new StateDataset({
    classes: ['a', 'b'],
    tokens: [
      ['x', 'y', 'z'],
      ['u', 'v'],
    ],
    labels: [0, 1],
    expectedPredictions: new Float32Array(10).fill(0.5),
    layers: [{ name: 'lstm', dim: 3, hidden, cell: hidden.map((v) => -v) }],
  });
}

describe('meanActivation', () => {
  it('averages the picked units of h or c at every step', () => {
    const data = dataset();
    expect(Array.from(meanActivation(data, [0, 2]))).toEqual([1, 11, 21, 31, 41]);
    expect(Array.from(meanActivation(data, [1], 'lstm', 'cell'))).toEqual([-1, -11, -21, -31, -41]);
    expect(Array.from(meanActivation(data, []))).toEqual([0, 0, 0, 0, 0]);
  });

  it('names the unit that is not there', () => {
    const error = (() => {
      try {
        meanActivation(dataset(), [1, 3]);
      } catch (caught) {
        return caught as StatescopeError;
      }
    })();
    expect(error).toBeInstanceOf(StatescopeError);
    expect(error!.field).toBe('units[1]');
    expect(error!.message).toMatch(/unit 3 is not one of the 3 units/);
  });
});
