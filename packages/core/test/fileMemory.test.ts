import { describe, expect, it } from 'vitest';
import { encodeDataset, loadDataset, StateDataset } from '@statescope/core';

/** 40 sequences of 25 steps, 64 units, a 2-D map: states are most of the file. */
function wideDataset(): StateDataset {
  const [sequences, length, dim] = [40, 25, 64];
  const steps = sequences * length;
  const hidden = Float32Array.from({ length: steps * dim }, (_, i) => Math.sin(i));
  const expected = new Float32Array(steps * 2);
  for (let t = 0; t < steps; t++) [expected[2 * t], expected[2 * t + 1]] = [0.25, 0.75];
  return new StateDataset({
    classes: ['negative', 'positive'],
    tokens: Array.from({ length: sequences }, () => Array.from({ length }, (_, t) => `w${t}`)),
    labels: Array.from({ length: sequences }, (_, s) => s % 2),
    layers: [{ name: 'lstm', dim, hidden, cell: hidden.map((v) => v / 2) }],
    expectedPredictions: expected,
    projections: { tsne: Float32Array.from({ length: steps * 2 }, (_, i) => i) },
  });
}

async function reloaded(statePrecision: 'int8' | 'float32') {
  const { manifest, binary } = encodeDataset(wideDataset(), { statePrecision });
  const data = await loadDataset(new TextEncoder().encode(JSON.stringify(manifest)), { files: { 'data.bin': binary } });
  return { data, fileBytes: binary.byteLength };
}

describe('what a loaded dataset keeps of its binary file', () => {
  it('int8 states stay int8 in memory, read from the file as they are: a quarter of float32, decoded only when asked', async () => {
    const { data, fileBytes } = await reloaded('int8');
    const { hiddenStates, cellStates, dim } = data.layer();
    const steps = data.stepCount;
    for (const states of [hiddenStates, cellStates!]) {
      expect(states.precision).toBe('int8');
      expect(states.byteLength).toBe(steps * dim); // one byte per value
      expect(states.int8Codes!.codes.buffer.byteLength).toBe(fileBytes); // a view into the file, no copy
    }
    // Rows decode to the values decoding everything gives, and to within int8's error of the original.
    const original = wideDataset().layer().hidden;
    const decoded = data.layer().hidden;
    expect(decoded.buffer.byteLength).toBe(decoded.byteLength); // an array of its own, made on this first read
    expect(data.layer().hidden).toBe(decoded); // and kept
    const scratch = new Float32Array(dim);
    for (const step of [0, 1, steps - 1]) {
      expect(Array.from(hiddenStates.row(step, scratch))).toEqual(
        Array.from(decoded.subarray(step * dim, (step + 1) * dim)),
      );
      for (let u = 0; u < dim; u++)
        expect(Math.abs(scratch[u] - original[step * dim + u])).toBeLessThanOrEqual(1 / 254 + 1e-7);
    }
    expect(hiddenStates.value(3, 5)).toBe(decoded[3 * dim + 5]);
    expect(Array.from(data.projection('tsne')!.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(Array.from(data.expectedPredictions.subarray(0, 2))).toEqual([0.25, 0.75]);
  });

  it('int8 states saved as int8 keep their codes and scales: a second round trip changes nothing', async () => {
    const { data } = await reloaded('int8');
    const { manifest, binary } = encodeDataset(data, { statePrecision: 'int8' });
    const again = await loadDataset(new TextEncoder().encode(JSON.stringify(manifest)), {
      files: { 'data.bin': binary },
    });
    expect(Array.from(again.layer().hiddenStates.int8Codes!.codes)).toEqual(
      Array.from(data.layer().hiddenStates.int8Codes!.codes),
    );
    expect(Array.from(again.layer().hidden)).toEqual(Array.from(data.layer().hidden));
  });

  it('float32 states: every array stays a view into the file (no copy)', async () => {
    const { data, fileBytes } = await reloaded('float32');
    for (const array of [data.expectedPredictions, data.projection('tsne')!, data.layer().hidden, data.layer().cell!]) {
      expect(array.buffer.byteLength).toBe(fileBytes);
    }
  });
});
