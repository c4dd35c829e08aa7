import { describe, expect, it } from 'vitest';
import { StatescopeError } from '@statescope/core';
import { tsne, type TsneProgress } from '../src/index.js';
import { oneNn, threeClusters } from './clusters.js';

const quick = { iterations: 120, exaggerationIterations: 50 };

describe('tsne', () => {
  it('keeps three separated clusters apart (worker_threads path)', async () => {
    const { data, labels } = threeClusters(300, 10);
    const y = await tsne(data, { dim: 10, ...quick });
    expect(y).toBeInstanceOf(Float32Array);
    expect(y.length).toBe(600);
    expect(y.every(Number.isFinite)).toBe(true);
    expect(oneNn(y, labels)).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic for a seed, in a worker and on the calling thread alike', async () => {
    const { data } = threeClusters(200, 6, 11);
    const a = await tsne(data, { dim: 6, seed: 5, ...quick, worker: false });
    const b = await tsne(data, { dim: 6, seed: 5, ...quick, worker: false });
    const c = await tsne(data, { dim: 6, seed: 5, ...quick });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).toEqual(Array.from(a));
  });

  it('gives the same layout when a second worker shares the attraction', { timeout: 20_000 }, async () => {
    const { data } = threeClusters(400, 6, 13);
    const one = await tsne(data, { dim: 6, seed: 2, ...quick, threads: 1, repulsion: 'fft' });
    const two = await tsne(data, { dim: 6, seed: 2, ...quick, threads: 2, repulsion: 'fft' });
    expect(Array.from(two)).toEqual(Array.from(one));
  });

  it('gives the same layout when the two workers share the neighbour search too', { timeout: 30_000 }, async () => {
    // Past 3,000 rows the neighbours come from random-projection trees, which the two workers
    // split, along with the refinement, the affinities and the PCA.
    const { data, labels } = threeClusters(3600, 8, 17);
    const short = { iterations: 60, exaggerationIterations: 30, repulsion: 'fft' } as const;
    const one = await tsne(data, { dim: 8, seed: 3, ...short, threads: 1 });
    const two = await tsne(data, { dim: 8, seed: 3, ...short, threads: 2 });
    expect(Array.from(two)).toEqual(Array.from(one));
    expect(oneNn(two, labels)).toBeGreaterThanOrEqual(0.95);
  });

  it('reports progress with the iteration, the KL divergence and the layout', async () => {
    const { data } = threeClusters(150, 5);
    const reports: TsneProgress[] = [];
    await tsne(data, { dim: 5, ...quick, progressEvery: 20, onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThanOrEqual(6);
    expect(reports.map((p) => p.iteration)).toEqual([0, 20, 40, 60, 80, 100, 120]);
    for (const p of reports) {
      expect(p.iterations).toBe(120);
      expect(p.embedding).toBeInstanceOf(Float32Array);
      expect(p.embedding.length).toBe(300);
    }
    const kls = reports.slice(1).map((p) => p.kl);
    expect(kls.every((kl) => Number.isFinite(kl) && kl >= 0)).toBe(true);
    // After early exaggeration the fit improves.
    expect(kls.at(-1)!).toBeLessThan(kls[2]);
  });

  it('stops the worker and rejects with an AbortError when aborted', async () => {
    const { data } = threeClusters(3000, 10);
    const controller = new AbortController();
    let afterAbort = 0;
    const run = tsne(data, {
      dim: 10,
      iterations: 100_000,
      progressEvery: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (controller.signal.aborted) afterAbort++;
        else if (p.iteration >= 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(afterAbort).toBe(0);
    const aborted = new AbortController();
    aborted.abort();
    await expect(tsne(data, { dim: 10, signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops on the calling thread too', async () => {
    const { data } = threeClusters(200, 4);
    const controller = new AbortController();
    const run = tsne(data, {
      dim: 4,
      worker: false,
      signal: controller.signal,
      onProgress: (p) => p.iteration >= 20 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects NaN (naming the row), a dimension mismatch and fewer than 4 rows', async () => {
    const data = new Float32Array(40).fill(1);
    data[23] = NaN;
    const nan = tsne(data, { dim: 4 });
    await expect(nan).rejects.toBeInstanceOf(StatescopeError);
    await expect(tsne(data, { dim: 4 })).rejects.toThrow(/row 5\b/);
    await expect(tsne(data, { dim: 4 })).rejects.toMatchObject({ field: 'data', row: 5 });
    await expect(tsne(new Float32Array(41), { dim: 4 })).rejects.toThrow(/dimension mismatch/);
    await expect(tsne(new Float32Array(41), { dim: 4 })).rejects.toMatchObject({ field: 'data' });
    await expect(tsne(new Float32Array(12), { dim: 4 })).rejects.toThrow(/at least 4 rows/);
    await expect(tsne(new Float32Array(40), { dim: 0 })).rejects.toMatchObject({ field: 'dim' });
    await expect(tsne(new Float32Array(40), { dim: 4, perplexity: -1 })).rejects.toMatchObject({
      field: 'perplexity',
    });
  });

  it('accepts precomputed starting coordinates', async () => {
    const { data, labels } = threeClusters(120, 5);
    const init = new Float32Array(240).map((_, i) => (labels[i >> 1] + (i % 2)) * 1e-4);
    const y = await tsne(data, { dim: 5, ...quick, initialization: init, worker: false });
    expect(oneNn(y, labels)).toBeGreaterThanOrEqual(0.95);
    await expect(tsne(data, { dim: 5, initialization: new Float32Array(10) })).rejects.toMatchObject({
      field: 'initialization',
    });
  });
});
