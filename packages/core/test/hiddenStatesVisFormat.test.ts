import { describe, expect, it } from 'vitest';
import { loadDataset, StatescopeError } from '@statescope/core';
import { caught } from './helpers.js';

/** Shaped like the reference tool's binary export: one-element lists, one sigmoid per step. */
function binaryExport() {
  return {
    classes: ['negative', 'positive'],
    texts: [
      ['a', 'dull', 'film'],
      ['loved', 'it'],
    ],
    actualValues: [[0], [1]],
    predictions: [[0], [0]],
    modelOutputs: [
      [[0.5], [0.2], [0.1]],
      [[0.6], [0.45]],
    ],
    hiddenStates: [
      [
        [0, 0],
        [0.1, -0.2],
        [0.3, -0.4],
      ],
      [
        [0.5, 0.5],
        [0.4, 0.6],
      ],
    ],
    projection: [
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
      ],
    ],
    model_accuracy: '85.20%',
  };
}

const bytes = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

describe('hiddenStatesVis JSON', () => {
  it('reads the binary export: one-element label lists, sigmoid outputs, accuracy string', async () => {
    const ds = await loadDataset(bytes(binaryExport()));
    expect(ds.classes).toEqual(['negative', 'positive']);
    expect(Array.from(ds.labels)).toEqual([0, 1]);
    expect(Array.from(ds.predictions)).toEqual([0, 0]);
    expect(ds.expectedPredictions[1 * 2 + 1]).toBe(Math.fround(0.2));
    expect(ds.expectedPredictions[1 * 2]).toBe(Math.fround(1 - Math.fround(0.2)));
    expect(ds.layer().dim).toBe(2);
    expect(Array.from(ds.hiddenState(4))).toEqual([0.4, 0.6].map(Math.fround));
    expect(Array.from(ds.projection('tsne')!.subarray(6, 8))).toEqual([7, 8]);
    expect(ds.metadata.accuracy).toBeCloseTo(0.852, 10);
    expect(ds.accuracy()).toBe(0.5);
  });

  it('reads the multi-class export: plain integers and class distributions', async () => {
    const json = {
      classes: ['earn', 'acq', 'crude'],
      texts: [['oil'], ['profit', 'up']],
      actualValues: [2, 0],
      predictions: [2, 1],
      modelOutputs: [
        [[0.1, 0.2, 0.7]],
        [
          [0.5, 0.3, 0.2],
          [0.2, 0.6, 0.2],
        ],
      ],
      hiddenStates: [[[1]], [[2], [3]]],
      projection: [
        [[0, 0]],
        [
          [1, 1],
          [2, 2],
        ],
      ],
      model_accuracy: '50.00%',
    };
    const ds = await loadDataset(bytes(json));
    expect(Array.from(ds.labels)).toEqual([2, 0]);
    expect(Array.from(ds.predictions)).toEqual([2, 1]);
    expect(Array.from(ds.stepClasses())).toEqual([2, 0, 1]);
    expect(Array.from(ds.confusionMatrix())).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it.each([
    [
      'ragged steps',
      (j: any) => j.hiddenStates[1].pop(),
      /field "hiddenStates", sequence 1: has 1 steps, but the text has 2 tokens/,
    ],
    [
      'ragged vector',
      (j: any) => j.hiddenStates[0][2].push(9),
      /field "hiddenStates", sequence 0, step 2: has 3 values, expected 2/,
    ],
    [
      'NaN (as null)',
      (j: any) => (j.hiddenStates[1][1][0] = null),
      /field "hiddenStates", sequence 1, step 1: value 0 is null; values must be finite/,
    ],
    [
      'probability',
      (j: any) => (j.modelOutputs[1][0][0] = 1.7),
      /field "modelOutputs", sequence 1, step 0: value 0 is 1.7; probabilities must lie in \[0, 1\]/,
    ],
    ['label', (j: any) => (j.actualValues[1] = [3]), /field "actualValues", sequence 1: class index 3 is out of range/],
    [
      'label type',
      (j: any) => (j.predictions[0] = ['x']),
      /field "predictions", sequence 0: must be an integer class index or a one-element list of one/,
    ],
    ['sequence count', (j: any) => j.projection.pop(), /field "projection": has 1 sequences, "texts" has 2/],
  ])('%s names the field, sequence and step', async (_name, spoil, message) => {
    const json = binaryExport();
    spoil(json);
    const error = await caught(() => loadDataset(bytes(json)));
    expect(error).toBeInstanceOf(StatescopeError);
    expect(error.message).toMatch(message);
  });
});
