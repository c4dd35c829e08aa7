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
  it('int8 states: predictions and coordinates are arrays of their own, so the file is let go', async () => {
    const { data, fileBytes } = await reloaded('int8');
    for (const array of [data.expectedPredictions, data.projection('tsne')!, data.layer().hidden, data.layer().cell!]) {
      expect(array.buffer.byteLength).toBe(array.byteLength); // not a view into the file's bytes
    }
    expect(data.expectedPredictions.byteLength + data.projection('tsne')!.byteLength).toBeLessThan(fileBytes / 2);
    expect(Array.from(data.projection('tsne')!.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(Array.from(data.expectedPredictions.subarray(0, 2))).toEqual([0.25, 0.75]);
  });

  it('float32 states: every array stays a view into the file (no copy)', async () => {
    const { data, fileBytes } = await reloaded('float32');
    for (const array of [data.expectedPredictions, data.projection('tsne')!, data.layer().hidden, data.layer().cell!]) {
      expect(array.buffer.byteLength).toBe(fileBytes);
    }
  });
});
