import { describe, expect, it } from 'vitest';
import { StateDataset, StatescopeError } from '@statescope/core';
import { createGru, createLstm, runModel, runToDataset } from '@statescope/rnn';

const shape = { vocabularySize: 6, embeddingDim: 3, hiddenDim: 4, classCount: 3, seed: 2 };
const sequences = [
  { tokens: ['a', 'b', 'c'], tokenIds: [1, 2, 3], label: 0, id: 'x' },
  { tokens: ['d', 'zzz'], tokenIds: [4, 0], label: 2, id: 'y' },
];
const classes = ['one', 'two', 'three'];

describe('runToDataset', () => {
  it('stacks every step of every sequence, with the model outputs of runModel', () => {
    const model = createLstm(shape);
    const ds = runToDataset(model, sequences, { classes, metadata: { model: 'test' } });
    expect(ds).toBeInstanceOf(StateDataset);
    expect(ds.sequenceCount).toBe(2);
    expect(ds.stepCount).toBe(5);
    expect(ds.ids).toEqual(['x', 'y']);
    expect(ds.tokensOf(1)).toEqual(['d', 'zzz']);
    expect(Array.from(ds.labels)).toEqual([0, 2]);
    expect(ds.layers[0].name).toBe('lstm');
    const second = runModel(model, [4, 0]);
    expect(ds.layers[0].hidden.subarray(3 * 4)).toEqual(second.hidden);
    expect(ds.layers[0].cell!.subarray(3 * 4)).toEqual(second.cell);
    expect(ds.expectedPredictions.subarray(3 * 3)).toEqual(second.expected);
    for (let t = 0; t < 5; t++) {
      const row = ds.expectedPredictions.subarray(3 * t, 3 * t + 3);
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 6);
    }
    // prediction = argmax of the last step
    const last = second.expected.subarray(3);
    expect(ds.predictions[1]).toBe(last.indexOf(Math.max(...last)));
    expect(ds.metadata.model).toBe('test');
  });

  it('has no cell states for a GRU, and takes a layer name', () => {
    const ds = runToDataset(createGru(shape), sequences, { classes, layerName: 'gru_1' });
    expect(ds.layers[0].cell).toBeUndefined();
    expect(ds.layers[0].name).toBe('gru_1');
  });

  it('rejects a class list of the wrong length and tokens without ids', () => {
    const model = createLstm(shape);
    expect(() => runToDataset(model, sequences, { classes: ['a', 'b'] })).toThrow(StatescopeError);
    expect(() => runToDataset(model, [{ tokens: ['a', 'b'], tokenIds: [1], label: 0 }], { classes })).toThrow(
      /sequence 0/,
    );
  });
});
