import { describe, expect, it } from 'vitest';
import { place, tsne, type TsneProgress } from '../src/index.js';
import { oneNn, threeClusters } from './clusters.js';

describe('tsne in a browser', () => {
  it('runs in a Web Worker, reports progress and separates clusters', async () => {
    expect(typeof Worker).toBe('function');
    const { data, labels } = threeClusters(240, 6);
    const reports: TsneProgress[] = [];
    let frames = 0;
    // The page stays responsive while the worker computes.
    const ticker = setInterval(() => frames++, 5);
    const y = await tsne(data, {
      dim: 6,
      iterations: 150,
      exaggerationIterations: 60,
      onProgress: (p) => reports.push(p),
    });
    clearInterval(ticker);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports[3].embedding).toBeInstanceOf(Float32Array);
    expect(oneNn(y, labels)).toBeGreaterThanOrEqual(0.95);
    expect(frames).toBeGreaterThan(0);
    const inline = await tsne(data, { dim: 6, iterations: 150, exaggerationIterations: 60, worker: false });
    expect(Array.from(inline)).toEqual(Array.from(y));
    const more = await place(data, y, data.subarray(0, 12), { dim: 6, iterations: 20 });
    expect(more.length).toBe(4);
  });

  it('terminates the worker on abort', async () => {
    const { data } = threeClusters(2000, 6);
    const controller = new AbortController();
    const run = tsne(data, {
      dim: 6,
      iterations: 100_000,
      signal: controller.signal,
      onProgress: (p) => p.iteration >= 10 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
