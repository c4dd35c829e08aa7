import { describe, expect, it } from 'vitest';
import { StateDataset, StatescopeError } from '@statescope/core';
import { caught, smallDataset, smallInit } from './helpers.js';

describe('StateDataset structure', () => {
  it('numbers steps across sequences through offsets', () => {
    const ds = smallDataset();
    expect(ds.sequenceCount).toBe(2);
    expect(ds.stepCount).toBe(5);
    expect(Array.from(ds.offsets)).toEqual([0, 3, 5]);
    expect(ds.sequenceLength(1)).toBe(2);
    expect([0, 1, 2, 3, 4].map((t) => ds.sequenceOf(t))).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(ds.stepSequences())).toEqual([0, 0, 0, 1, 1]);
    expect(ds.tokensOf(1)).toEqual(['bad', 'plot']);
    expect(ds.token(2)).toBe('!');
    expect(Array.from(ds.hiddenState(1))).toEqual([3, 4]);
  });

  it('turns one sigmoid output per step into [1 - p, p]', () => {
    const ds = smallDataset();
    expect(ds.classCount).toBe(2);
    expect(Array.from(ds.expectedPredictions.subarray(2, 4))).toEqual(
      [1 - Math.fround(0.7), Math.fround(0.7)].map(Math.fround),
    );
  });

  it('defaults the prediction of a sequence to the argmax of its last step', () => {
    const ds = smallDataset();
    expect(Array.from(ds.predictions)).toEqual([1, 0]);
  });

  it('stores projections and looks layers up by name', () => {
    const ds = smallDataset({ projections: { pca: new Float32Array(10) } });
    expect(ds.projectionNames).toEqual(['pca']);
    ds.addProjection('tsne', new Float32Array(10).fill(1));
    expect(ds.projection('tsne')?.[9]).toBe(1);
    expect(ds.layer('lstm').dim).toBe(2);
    expect(() => ds.layer('gru')).toThrow(/no layer named "gru"; the dataset has "lstm"/);
  });

  it('defaults to the top layer of a stack, the one the classifier head reads', () => {
    const bottom = { name: 'lstm.0', dim: 2, hidden: new Float32Array([0, 0, 0, 1, 0, 3, 0, 0, 0, 0]) };
    const top = { name: 'lstm.1', dim: 2, hidden: new Float32Array([0, 0, 3, 4, 3, 4, 1, 1, 1, -1]) };
    const ds = smallDataset({ layers: [bottom, top] });
    expect(ds.layer().name).toBe('lstm.1');
    expect(ds.normalizedStepDistances()[0]).toBe(1); // top: |(3,4) - (0,0)| = 5 is the largest distance
    expect(ds.normalizedStepDistances({ layer: 'lstm.0' })[0]).toBe(0.5); // bottom: 1 of at most 2
  });
});

describe('derived values, against hand-computed numbers', () => {
  const ds = smallDataset({ predictions: [1, 1] });

  it('euclidean step distances, NaN at the end of each sequence, normalised by the maximum', () => {
    // |(3,4)-(0,0)| = 5, |(3,4)-(3,4)| = 0, |(1,-1)-(1,1)| = 2
    expect(Array.from(ds.stepDistances())).toEqual([5, 0, NaN, 2, NaN]);
    expect(Array.from(ds.normalizedStepDistances())).toEqual([1, 0, NaN, 0.4, NaN].map(Math.fround));
  });

  it('cosine step distances', () => {
    // zero vector to (3,4): 1; (3,4) to (3,4): 0; (1,1) to (1,-1): orthogonal, 1
    const d = ds.stepDistances({ metric: 'cosine' });
    expect(d[0]).toBe(1);
    expect(d[1]).toBeCloseTo(0, 6);
    expect(d[3]).toBeCloseTo(1, 6);
  });

  it('argmax class and confidence per step', () => {
    expect(Array.from(ds.stepClasses())).toEqual([0, 1, 1, 1, 0]);
    expect(Array.from(ds.stepConfidences())).toEqual([0.8, 0.7, 0.9, 0.6, 0.6].map(Math.fround));
  });

  it('steps where the predicted class changes, never across sequences', () => {
    // seq 0: 0 -> 1 at step 1; seq 1: 1 -> 0 at step 4; step 3 starts a new sequence
    expect(Array.from(ds.predictionChanges())).toEqual([1, 4]);
  });

  it('largest change of the expected prediction to the next step', () => {
    const c = ds.expectedPredictionChanges();
    expect(c[0]).toBeCloseTo(0.5, 6);
    expect(c[1]).toBeCloseTo(0.2, 6);
    expect(c[2]).toBeNaN();
    expect(c[3]).toBeCloseTo(0.2, 6);
  });

  it('correctness, accuracy, class counts and confusion matrix', () => {
    // labels [1, 0], predictions [1, 1]
    expect(Array.from(ds.correctness())).toEqual([1, 0]);
    expect(ds.accuracy()).toBe(0.5);
    expect(Array.from(ds.classCounts())).toEqual([1, 1]);
    expect(Array.from(ds.predictedClassCounts())).toEqual([0, 2]);
    // rows = true class, columns = predicted: true 0 predicted 1 once, true 1 predicted 1 once
    expect(Array.from(ds.confusionMatrix())).toEqual([0, 1, 0, 1]);
  });

  it('computes each derived value once', () => {
    expect(ds.stepDistances()).toBe(ds.stepDistances());
    expect(ds.confusionMatrix()).toBe(ds.confusionMatrix());
  });

  it('multi-class: confusion matrix of a 3-class dataset', () => {
    const three = new StateDataset({
      classes: ['earn', 'acq', 'crude'],
      tokens: [['a'], ['b'], ['c'], ['d']],
      labels: [0, 1, 2, 2],
      predictions: [0, 2, 2, 1],
      layers: [{ name: 'h', dim: 1, hidden: new Float32Array(4) }],
      expectedPredictions: new Float32Array(12).fill(1 / 3),
    });
    expect(Array.from(three.confusionMatrix())).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 1]);
    expect(three.accuracy()).toBe(0.5);
  });
});

describe('validation names the field, sequence and step at fault', () => {
  it.each([
    ['classes', { classes: ['only'] }, /field "classes": must be an array of at least two class names/],
    ['empty sequence', { tokens: [['a', 'b', 'c'], []] }, /field "tokens", sequence 1: must be a non-empty array/],
    [
      'token type',
      {
        tokens: [
          ['a', 7, 'c'],
          ['d', 'e'],
        ],
      },
      /field "tokens", sequence 0, step 1: token must be a string/,
    ],
    ['label range', { labels: [1, 2] }, /field "labels", sequence 1: class index 2 is out of range/],
    ['label count', { labels: [1] }, /field "labels": has 1 entries, expected one per sequence \(2\)/],
    ['prediction', { predictions: [0, -1] }, /field "predictions", sequence 1: class index -1/],
    ['duplicate id', { ids: ['x', 'x'] }, /field "ids", sequence 1: id "x" repeats the id of sequence 0/],
    [
      'dimension mismatch',
      { layers: [{ name: 'lstm', dim: 3, hidden: new Float32Array(10) }] },
      /field "layers\[0\].hidden": has 10 values, expected 5 steps x 3 = 15/,
    ],
    [
      'NaN state',
      { layers: [{ name: 'lstm', dim: 2, hidden: new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, NaN, 0]) }] },
      /field "layers\[0\].hidden", sequence 1, step 1: holds NaN at column 0; values must be finite/,
    ],
    [
      'Infinity in cell',
      {
        layers: [
          {
            name: 'lstm',
            dim: 2,
            hidden: new Float32Array(10),
            cell: new Float32Array([0, 0, 0, Infinity, 0, 0, 0, 0, 0, 0]),
          },
        ],
      },
      /field "layers\[0\].cell", sequence 0, step 1: holds Infinity at column 1/,
    ],
    [
      'probability above 1',
      { expectedPredictions: new Float32Array([0.2, 0.7, 0.9, 1.5, 0.4]) },
      /field "expectedPredictions", sequence 1, step 0: holds 1.5 at column 0; probabilities must lie in \[/,
    ],
    [
      'EP width',
      { expectedPredictions: new Float32Array(15) },
      /field "expectedPredictions": has 15 values, expected 5 steps x 2 = 10/,
    ],
    ['accuracy', { metadata: { accuracy: 81 } }, /field "metadata.accuracy": must be a fraction in \[0, 1\], got 81/],
    [
      'accuracy scope',
      { metadata: { accuracyScope: 8543 } },
      /field "metadata.accuracyScope": must be a string, got number/,
    ],
    ['layers', { layers: [] }, /field "layers": must hold at least one layer/],
    [
      'projection',
      { projections: { tsne: new Float32Array(8) } },
      /field "projections.tsne": has 8 values, expected 5 steps x 2 = 10/,
    ],
  ])('%s', async (_name, override, message) => {
    const error = await caught(() => new StateDataset(smallInit(override as never)));
    expect(error).toBeInstanceOf(StatescopeError);
    expect(error.message).toMatch(message);
  });

  it('names the row of a plain matrix input', () => {
    const error = new StatescopeError('holds NaN at column 1; values must be finite', { field: 'data', row: 3 });
    expect(error.message).toBe('field "data", row 3: holds NaN at column 1; values must be finite');
    expect(error).toMatchObject({ field: 'data', row: 3, sequence: undefined, step: undefined });
  });

  it('exposes the location as properties', async () => {
    const error = await caught(
      () => new StateDataset(smallInit({ expectedPredictions: new Float32Array([0.2, 0.7, 0.9, 0.6, NaN]) })),
    );
    expect(error).toMatchObject({ field: 'expectedPredictions', sequence: 1, step: 1 });
  });
});
