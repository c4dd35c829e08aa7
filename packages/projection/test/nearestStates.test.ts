import { describe, expect, it } from 'vitest';
import { StatescopeError, loadDataset, seededRandom } from '@statescope/core';
import { nearestStates, type NearestMetric } from '../src/index.js';

/** Plain reference: every distance, sorted by (distance, step). */
function reference(
  rows: Float32Array,
  dim: number,
  q: ArrayLike<number>,
  k: number,
  metric: NearestMetric,
  exclude = -1,
): { steps: number[]; distances: number[] } {
  const n = rows.length / dim;
  const all: { step: number; d: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    let d = 0;
    if (metric === 'euclidean') {
      for (let j = 0; j < dim; j++) d += (rows[i * dim + j] - q[j]) ** 2;
      d = Math.sqrt(d);
    } else {
      let dot = 0;
      let xx = 0;
      let qq = 0;
      for (let j = 0; j < dim; j++) {
        dot += rows[i * dim + j] * q[j];
        xx += rows[i * dim + j] ** 2;
        qq += q[j] ** 2;
      }
      d = xx === 0 || qq === 0 ? 1 : 1 - dot / Math.sqrt(xx * qq);
    }
    all.push({ step: i, d });
  }
  all.sort((a, b) => a.d - b.d || a.step - b.step);
  const top = all.slice(0, k);
  return { steps: top.map((e) => e.step), distances: top.map((e) => e.d) };
}

/** n x dim seeded uniform rows in (-1, 1), with rows 5..9 copies of rows 0..4 (exact ties). */
function randomRows(n: number, dim: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const rows = new Float32Array(n * dim);
  for (let i = 0; i < rows.length; i++) rows[i] = 2 * random() - 1;
  rows.copyWithin(5 * dim, 0, 5 * dim);
  return rows;
}

function expectSame(got: { steps: Uint32Array; distances: Float32Array }, want: ReturnType<typeof reference>) {
  expect(Array.from(got.steps)).toEqual(want.steps);
  expect(got.distances.length).toBe(want.distances.length);
  got.distances.forEach((d, i) => expect(d).toBeCloseTo(want.distances[i], 5));
}

function expectError(run: () => unknown, field: string) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatescopeError);
    expect((error as StatescopeError).field).toBe(field);
    expect((error as Error).message).toContain(field);
    return;
  }
  throw new Error(`expected an error naming ${field}`);
}

describe('nearestStates', () => {
  for (const metric of ['euclidean', 'cosine'] as const) {
    it(`answers exactly as brute force (${metric}): by vector, by step, ties, k > N`, async () => {
      const dim = 7;
      const rows = randomRows(400, dim, 11);
      const index = await nearestStates(rows, { dim, metric });
      expect(index.approximate).toBe(false);
      expect(index.size).toBe(400);
      const random = seededRandom(5);
      for (let t = 0; t < 20; t++) {
        const q = Array.from({ length: dim }, () => 2 * random() - 1);
        expectSame(index.query(q, 8), reference(rows, dim, q, 8, metric));
        const step = Math.floor(random() * 400);
        expectSame(index.queryStep(step, 8), reference(rows, dim, rows.subarray(step * dim), 8, metric, step));
      }
      // A duplicated row: its copy comes first at distance 0, and the step itself is left out.
      const twin = index.queryStep(2, 3);
      expect(twin.steps[0]).toBe(7);
      expect(twin.distances[0]).toBeCloseTo(0, 6);
      expect(Array.from(twin.steps)).not.toContain(2);
      // Querying a duplicated state: both copies tie at 0, the lower step first.
      expect(Array.from(index.query(rows.subarray(3 * dim, 4 * dim), 2).steps)).toEqual([3, 8]);
      // k beyond N: every state (every other state, by step), in order.
      expectSame(index.query(rows.subarray(0, dim), 1000), reference(rows, dim, rows.subarray(0, dim), 1000, metric));
      expect(index.queryStep(0, 1000).steps.length).toBe(399);
    });
  }

  it('approximate search on short lists still finds every state when k exceeds N', async () => {
    const dim = 5;
    const rows = randomRows(300, dim, 2);
    for (const metric of ['euclidean', 'cosine'] as const) {
      const index = await nearestStates(rows, { dim, metric, method: 'approximate', lists: 30, probes: 1 });
      expect(index.approximate).toBe(true);
      expectSame(index.queryStep(4, 500), reference(rows, dim, rows.subarray(4 * dim), 500, metric, 4));
    }
  });

  it('approximate search on real LSTM states has recall@10 >= 0.95, deterministic and the same inline', async () => {
    const dataset = await loadDataset('data/imdb.json');
    const { hidden, dim } = dataset.layer();
    const n = 20_000;
    const rows = hidden.slice(0, n * dim);
    const random = seededRandom(9);
    for (const metric of ['euclidean', 'cosine'] as const) {
      const index = await nearestStates(rows, { dim, metric, method: 'approximate', seed: 4 });
      expect(index.approximate).toBe(true);
      expect(index.probes).toBeGreaterThan(0);
      let hits = 0;
      const queries = 30;
      for (let t = 0; t < queries; t++) {
        let got: Uint32Array;
        let want: number[];
        if (t % 2 === 0) {
          const step = Math.floor(random() * n);
          got = index.queryStep(step, 10).steps;
          want = reference(rows, dim, rows.subarray(step * dim), 10, metric, step).steps;
        } else {
          // A new state: a state of the rest of the dataset, not indexed.
          const step = n + Math.floor(random() * (dataset.stepCount - n));
          const q = hidden.subarray(step * dim, (step + 1) * dim);
          got = index.query(q, 10).steps;
          want = reference(rows, dim, q, 10, metric).steps;
        }
        const wanted = new Set(want);
        for (const s of got) if (wanted.has(s)) hits++;
      }
      expect(hits / (queries * 10)).toBeGreaterThanOrEqual(0.95);
      if (metric === 'cosine') continue;
      // Same seed, calling thread: the same lists, so the same answers.
      const inline = await nearestStates(rows, { dim, metric, method: 'approximate', seed: 4, worker: false });
      expect(inline.bytes).toBe(index.bytes);
      for (const step of [0, 123, n - 1]) {
        expect(Array.from(inline.queryStep(step, 10).steps)).toEqual(Array.from(index.queryStep(step, 10).steps));
      }
    }
  }, 30_000);

  it('rejects bad input with an error naming the field', async () => {
    const dim = 4;
    const rows = randomRows(50, dim, 1);
    await expect(nearestStates(rows.subarray(0, 49 * dim + 1), { dim })).rejects.toMatchObject({ field: 'rows' });
    await expect(nearestStates(rows, { dim, metric: 'manhattan' as NearestMetric })).rejects.toMatchObject({
      field: 'metric',
    });
    await expect(nearestStates(rows, { dim, method: 'fast' as 'exact' })).rejects.toMatchObject({ field: 'method' });
    await expect(nearestStates(rows, { dim, probes: 0 })).rejects.toMatchObject({ field: 'probes' });
    const index = await nearestStates(rows, { dim });
    expectError(() => index.query([1, 2, 3], 5), 'vector');
    expectError(() => index.query([1, 2, NaN, 4], 5), 'vector');
    expectError(() => index.query([1, 2, 3, 4], 0), 'k');
    expectError(() => index.query([1, 2, 3, 4], 1.5), 'k');
    expectError(() => index.queryStep(50, 3), 'step');
    expectError(() => index.queryStep(-1, 3), 'step');
  });

  it('dispose releases the arrays and later queries throw', async () => {
    const dim = 6;
    const rows = randomRows(2000, dim, 3);
    const index = await nearestStates(rows, { dim, metric: 'cosine', method: 'approximate', worker: false });
    expect(index.bytes).toBeGreaterThan(2000 * 4);
    index.dispose();
    expect(index.bytes).toBe(0);
    expect(index.size).toBe(0);
    expectError(() => index.queryStep(0, 3), 'index');
  });

  it('an aborted build rejects with the abort reason', async () => {
    const dim = 6;
    const rows = randomRows(3000, dim, 3);
    const controller = new AbortController();
    const pending = nearestStates(rows, { dim, method: 'approximate', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
