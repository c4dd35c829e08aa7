import { describe, expect, it } from 'vitest';
import { nearestStates } from '../src/index.js';
import { threeClusters } from './clusters.js';

describe('nearestStates in a browser', () => {
  it('builds the approximate index in a Web Worker, the same as on the page, and finds each state among its cluster', async () => {
    expect(typeof Worker).toBe('function');
    const dim = 6;
    const { data, labels } = threeClusters(3000, dim);
    const inWorker = await nearestStates(data, { dim, method: 'approximate', seed: 2 });
    const onPage = await nearestStates(data, { dim, method: 'approximate', seed: 2, worker: false });
    const exact = await nearestStates(data, { dim, method: 'exact' });
    expect(inWorker.approximate).toBe(true);
    expect(inWorker.bytes).toBe(onPage.bytes);
    let hits = 0;
    for (let step = 0; step < 3000; step += 100) {
      const got = inWorker.queryStep(step, 10);
      expect(Array.from(got.steps)).toEqual(Array.from(onPage.queryStep(step, 10).steps));
      for (const s of got.steps) expect(labels[s]).toBe(labels[step]);
      const want = new Set(exact.queryStep(step, 10).steps);
      for (const s of got.steps) if (want.has(s)) hits++;
    }
    expect(hits / 300).toBeGreaterThanOrEqual(0.95);
  });
});
