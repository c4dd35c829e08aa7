import { describe, expect, it } from 'vitest';
import { StatescopeError } from '@statescope/core';
import { place, tsne } from '../src/index.js';
import { threeClusters } from './clusters.js';

describe('place', () => {
  it('puts new rows next to their own cluster without moving the map', async () => {
    const { data, labels } = threeClusters(390, 8);
    const reference = data.subarray(0, 300 * 8);
    const map = await tsne(reference, { dim: 8, iterations: 150, exaggerationIterations: 60, worker: false });
    const before = Float32Array.from(map);
    const added = data.subarray(300 * 8);
    const reports: number[] = [];
    const y = await place(reference, map, added, {
      dim: 8,
      iterations: 40,
      onProgress: (p) => reports.push(p.iteration),
    });
    expect(Array.from(map)).toEqual(Array.from(before));
    expect(y.length).toBe(180);
    expect(reports.at(-1)).toBe(40);
    let ok = 0;
    for (let i = 0; i < 90; i++) {
      let best = Infinity;
      let bj = -1;
      for (let j = 0; j < 300; j++) {
        const d = (y[2 * i] - map[2 * j]) ** 2 + (y[2 * i + 1] - map[2 * j + 1]) ** 2;
        if (d < best) {
          best = d;
          bj = j;
        }
      }
      if (labels[bj] === labels[300 + i]) ok++;
    }
    expect(ok / 90).toBeGreaterThanOrEqual(0.95);
    // Same result on the calling thread.
    const inline = await place(reference, map, added, { dim: 8, iterations: 40, worker: false });
    expect(Array.from(inline)).toEqual(Array.from(y));
  });

  it('rejects mismatched inputs', async () => {
    const ref = new Float32Array(40);
    await expect(place(ref, new Float32Array(6), new Float32Array(8), { dim: 4 })).rejects.toMatchObject({
      field: 'existingEmbedding',
    });
    await expect(place(ref, new Float32Array(20), new Float32Array(7), { dim: 4 })).rejects.toBeInstanceOf(
      StatescopeError,
    );
    expect(await place(ref, new Float32Array(20), new Float32Array(0), { dim: 4 })).toHaveLength(0);
  });
});
