import { describe, expect, it } from 'vitest';
import { dequantizeInt8, quantizeInt8, StateDataset, StateMatrix, stepDistances } from '@statescope/core';

const DIM = 6;
const STEPS = 9;
const values = Float32Array.from({ length: STEPS * DIM }, (_, i) => Math.sin(i * 0.7) * (1 + (i % DIM)));
const quantized = quantizeInt8(values, DIM);
const int8 = () => StateMatrix.int8(quantized.values, quantized.scale, DIM);

function dataset(hidden: Float32Array | StateMatrix) {
  return new StateDataset({
    classes: ['negative', 'positive'],
    tokens: [
      ['a', 'b', 'c', 'd'],
      ['e', 'f', 'g', 'h', 'i'],
    ],
    labels: [0, 1],
    layers: [{ name: 'lstm', dim: DIM, hidden }],
    expectedPredictions: new Float32Array(STEPS).fill(0.5),
  });
}

describe('StateMatrix', () => {
  it('int8 rows, values and the whole decoded array equal what dequantizeInt8 gives, bit for bit', () => {
    const matrix = int8();
    const reference = dequantizeInt8(quantized.values, quantized.scale);
    expect(matrix.precision).toBe('int8');
    expect([matrix.rows, matrix.dim, matrix.byteLength]).toEqual([STEPS, DIM, STEPS * DIM]);
    const scratch = new Float32Array(DIM);
    for (let step = 0; step < STEPS; step++) {
      const expected = Array.from(reference.subarray(step * DIM, (step + 1) * DIM));
      expect(Array.from(matrix.row(step, scratch))).toEqual(expected);
      expect(Array.from(matrix.row(step))).toEqual(expected);
      for (let u = 0; u < DIM; u++) expect(matrix.value(step, u)).toBe(reference[step * DIM + u]);
    }
    expect(Array.from(matrix.float32())).toEqual(Array.from(reference));
    expect(matrix.float32()).toBe(matrix.float32()); // decoded once
  });

  it('float32 states are the array itself: rows are views, nothing is copied', () => {
    const matrix = StateMatrix.float32(values, DIM);
    expect(matrix.precision).toBe('float32');
    expect(matrix.float32()).toBe(values);
    expect(matrix.row(2).buffer).toBe(values.buffer);
    expect(matrix.int8Codes).toBeNull();
  });

  it('refuses a shape that does not fit and scales that are not one finite number per unit, naming the field', () => {
    expect(() => StateMatrix.float32(new Float32Array(7), 3)).toThrow(
      /field "values": has 7 values, not a whole number of rows of 3/,
    );
    expect(() => StateMatrix.float32(values, 0)).toThrow(/field "dim": must be a positive integer/);
    expect(() => StateMatrix.int8(quantized.values, quantized.scale.slice(1), DIM)).toThrow(/field "scale"/);
    expect(() => StateMatrix.int8(quantized.values, [...quantized.scale.slice(1), NaN], DIM)).toThrow(/field "scale"/);
  });

  it('a dataset keeps int8 states as int8; its step distances, read row by row from the codes, equal those of the decoded states', () => {
    const fromInt8 = dataset(int8());
    const fromFloat = dataset(dequantizeInt8(quantized.values, quantized.scale));
    expect(fromInt8.layer().hiddenStates.precision).toBe('int8');
    const same = (a: Float32Array, b: Float32Array) => expect(Array.from(a)).toEqual(Array.from(b));
    same(fromInt8.stepDistances(), fromFloat.stepDistances());
    same(fromInt8.stepDistances({ metric: 'cosine' }), fromFloat.stepDistances({ metric: 'cosine' }));
    same(stepDistances(int8(), DIM, fromInt8.offsets), fromFloat.stepDistances());
    expect(fromInt8.stepDistances()[3]).toBeNaN(); // the first sequence's last step
    expect(fromInt8.stepDistances()[0]).toBeGreaterThan(0.1);
    expect(Array.from(fromInt8.hiddenState(5))).toEqual(Array.from(fromFloat.hiddenState(5)));
  });

  it('a dataset refuses states of the wrong shape, naming the layer', () => {
    const short = StateMatrix.int8(quantized.values.subarray(0, 8 * DIM), quantized.scale, DIM);
    expect(() => dataset(short)).toThrow(/field "layers\[0\].hidden": has 8 x 6 states, expected 9 steps x 6/);
  });

  it('a dataset still checks float32 states given as a StateMatrix value by value', () => {
    const bad = values.slice();
    bad[2 * DIM + 1] = NaN;
    expect(() => dataset(StateMatrix.float32(bad, DIM))).toThrow(/sequence 0, step 2.*NaN/);
  });
});
