import { describe, expect, it } from 'vitest';
import { StatescopeError } from '@statescope/core';
import { sampledTsne, tsne, type SampledTsneProgress } from '../src/index.js';
import { oneNn, threeClusters } from './clusters.js';

const quick = { iterations: 120, exaggerationIterations: 50 };

/** Rows whose coordinates are finite in a layout (N x 2). */
function finiteRows(layout: Float32Array): number[] {
  const rows: number[] = [];
  for (let r = 0; r < layout.length / 2; r++)
    if (Number.isFinite(layout[2 * r]) && Number.isFinite(layout[2 * r + 1])) rows.push(r);
  return rows;
}

function pick(data: Float32Array, width: number, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(data.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

// Each case runs t-SNEs in workers: seconds each on a busy 2-core machine.
describe('sampledTsne', { timeout: 60_000 }, () => {
  it('is a t-SNE of a seeded sample with the others placed on it, followed through both phases', async () => {
    const { data, labels } = threeClusters(600, 8);
    const reports: SampledTsneProgress[] = [];
    const options = { dim: 8, seed: 4, sample: 200, ...quick, placement: { iterations: 30 } };
    const layout = await sampledTsne(data, { ...options, onProgress: (p) => reports.push(p) });
    expect(layout).toBeInstanceOf(Float32Array);
    expect(layout.length).toBe(1200);
    expect(layout.every(Number.isFinite)).toBe(true);
    expect(oneNn(layout, labels)).toBeGreaterThanOrEqual(0.95);

    // Every report holds N x 2 values: the sample's while the t-SNE runs, NaN elsewhere.
    for (const report of reports) expect(report.embedding.length).toBe(1200);
    const during = reports.filter((p) => p.phase === 'tsne');
    expect(during.map((p) => p.iteration)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    const sample = finiteRows(during[0].embedding);
    expect(sample).toHaveLength(200);
    for (const p of during) {
      expect(finiteRows(p.embedding)).toEqual(sample);
      expect(p).toMatchObject({ sampleSize: 200, placed: 0 });
    }
    // The sample is spread over all rows, not the first 200.
    expect(sample.at(-1)).toBeGreaterThan(400);

    // The sample's coordinates are exactly those of a t-SNE of the sample.
    const alone = await tsne(pick(data, 8, sample), { dim: 8, seed: 4, ...quick });
    expect(Array.from(pick(layout, 2, sample))).toEqual(Array.from(alone));

    // Then the placement: it starts on the finished sample map, and ends on the result.
    const placing = reports.filter((p) => p.phase === 'place');
    expect(reports.indexOf(placing[0])).toBe(during.length);
    expect(placing[0]).toMatchObject({ iteration: 0, iterations: 30, placed: 0 });
    expect(Array.from(placing[0].embedding)).toEqual(Array.from(during.at(-1)!.embedding));
    expect(placing.at(-1)).toMatchObject({ iteration: 30, placed: 400 });
    expect(Array.from(placing.at(-1)!.embedding)).toEqual(Array.from(layout));
    for (const p of placing) expect(Array.from(pick(p.embedding, 2, sample))).toEqual(Array.from(alone));
  });

  it('is deterministic for a seed; another seed draws another sample', async () => {
    const { data } = threeClusters(400, 6, 11);
    const options = { dim: 6, sample: 150, ...quick, placement: { iterations: 20 } };
    const a = await sampledTsne(data, { ...options, seed: 5 });
    const b = await sampledTsne(data, { ...options, seed: 5 });
    expect(Array.from(b)).toEqual(Array.from(a));
    const samples: number[][] = [];
    for (const seed of [5, 6]) {
      await sampledTsne(data, {
        ...options,
        seed,
        iterations: 1,
        exaggerationIterations: 1,
        onProgress: (p) => p.phase === 'tsne' && p.iteration === 0 && samples.push(finiteRows(p.embedding)),
      });
    }
    expect(samples[0]).toHaveLength(150);
    expect(samples[1]).toHaveLength(150);
    expect(samples[1]).not.toEqual(samples[0]);
  });

  it(
    'places many rows in two workers with the layout of one call on the calling thread',
    { timeout: 30_000 },
    async () => {
      // 4,200 rows to place: enough for the split into two place() calls at once.
      const { data, labels } = threeClusters(4500, 6, 13);
      const options = { dim: 6, seed: 2, sample: 300, ...quick, placement: { iterations: 20 } };
      const placedCounts: number[] = [];
      const split = await sampledTsne(data, {
        ...options,
        onProgress: (p) => p.phase === 'place' && placedCounts.push(p.placed),
      });
      const single = await sampledTsne(data, { ...options, worker: false });
      expect(Array.from(split)).toEqual(Array.from(single));
      expect(oneNn(split, labels)).toBeGreaterThanOrEqual(0.95);
      // The halves report on their own: some reports have one half placed, the last has both.
      expect(placedCounts).toContain(2100);
      expect(placedCounts.at(-1)).toBe(4200);
    },
  );

  it('with no more rows than the sample, is a t-SNE of all of them', async () => {
    const { data } = threeClusters(150, 5);
    const phases = new Set<string>();
    const all = await sampledTsne(data, { dim: 5, ...quick, onProgress: (p) => phases.add(p.phase) });
    expect(Array.from(all)).toEqual(Array.from(await tsne(data, { dim: 5, ...quick })));
    expect([...phases]).toEqual(['tsne']);
  });

  it('stops in either phase with an AbortError, and reports nothing after', async () => {
    const { data } = threeClusters(1200, 8);
    for (const phase of ['tsne', 'place'] as const) {
      const controller = new AbortController();
      let afterAbort = 0;
      const run = sampledTsne(data, {
        dim: 8,
        sample: 300,
        ...quick,
        progressEvery: 1,
        placement: { iterations: 100_000, progressEvery: 1 },
        signal: controller.signal,
        onProgress: (p) => {
          if (controller.signal.aborted) afterAbort++;
          else if (p.phase === phase && p.iteration >= 2) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(afterAbort).toBe(0);
    }
    const aborted = new AbortController();
    aborted.abort();
    await expect(sampledTsne(data, { dim: 8, signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects a sample below 4 and the inputs tsne rejects', async () => {
    const { data } = threeClusters(100, 4);
    await expect(sampledTsne(data, { dim: 4, sample: 3 })).rejects.toMatchObject({ field: 'sample' });
    await expect(sampledTsne(data, { dim: 4, sample: 10.5 })).rejects.toBeInstanceOf(StatescopeError);
    await expect(sampledTsne(data, { dim: 3 })).rejects.toBeInstanceOf(StatescopeError);
    const bad = Float32Array.from(data);
    bad[4 * 7 + 1] = NaN;
    await expect(sampledTsne(bad, { dim: 4 })).rejects.toMatchObject({ row: 7 });
    await expect(sampledTsne(data, { dim: 4, initialization: new Float32Array(10) })).rejects.toMatchObject({
      field: 'initialization',
    });
  });
});
