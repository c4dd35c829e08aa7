import { describe, expect, it } from 'vitest';
import { StatescopeError } from '@statescope/core';
import { pca } from '../src/index.js';

describe('pca', () => {
  it('projects onto the axes of largest variance, in order', async () => {
    // Points spread 10 along (1,1,0)/sqrt2, 1 along (0,0,1), none along (1,-1,0).
    const rows = 200;
    const data = new Float32Array(rows * 3);
    for (let i = 0; i < rows; i++) {
      const a = 10 * Math.sin(i * 1.7);
      const b = Math.cos(i * 2.3);
      data[i * 3] = a / Math.SQRT2 + 5;
      data[i * 3 + 1] = a / Math.SQRT2 - 2;
      data[i * 3 + 2] = b;
    }
    const out = await pca(data, { dim: 3 });
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(rows * 2);
    let meanA = 0;
    for (let i = 0; i < rows; i++) meanA += 10 * Math.sin(i * 1.7);
    meanA /= rows;
    let meanB = 0;
    for (let i = 0; i < rows; i++) meanB += Math.cos(i * 2.3);
    meanB /= rows;
    for (let i = 0; i < rows; i++) {
      // Signs are fixed: largest loading positive, so first axis is +(1,1,0)/sqrt2, second +z.
      expect(out[i * 2]).toBeCloseTo(10 * Math.sin(i * 1.7) - meanA, 1);
      expect(out[i * 2 + 1]).toBeCloseTo(Math.cos(i * 2.3) - meanB, 1);
    }
  });

  it('is deterministic and sign-stable', async () => {
    const data = new Float32Array(500 * 8).map(
      (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
    );
    const a = await pca(data, { dim: 8 });
    const b = await pca(Float32Array.from(data), { dim: 8 });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('rejects NaN naming the row, a dimension mismatch and too few rows', async () => {
    const bad = new Float32Array(12);
    bad[7] = NaN;
    await expect(pca(bad, { dim: 3 })).rejects.toThrow(/row 2/);
    await expect(pca(bad, { dim: 3 })).rejects.toBeInstanceOf(StatescopeError);
    await expect(pca(new Float32Array(10), { dim: 3 })).rejects.toThrow(/dimension mismatch/);
    await expect(pca(new Float32Array(3), { dim: 3 })).rejects.toThrow(/at least 2 rows/);
  });
});
