import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  StateDataset,
  StatescopeError,
  loadDataset,
  orderUnits,
  seededRandom,
  unitActivations,
  unitPredictionCorrelation,
} from '@statescope/core';
import { caught } from '../helpers.js';

function isPermutation(order: Uint32Array, dim: number): boolean {
  return order.length === dim && [...order].sort((a, b) => a - b).every((u, i) => u === i);
}

/** Plain Pearson r. */
function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) [mx, my] = [mx + x[i] / n, my + y[i] / n];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('orderUnits on the real IMDB model', () => {
  let imdb: StateDataset;
  beforeAll(async () => {
    imdb = await loadDataset(join(import.meta.dirname, '../../../../data/imdb.json'));
  });

  it('every order is a permutation of the units, for h and c', () => {
    for (const state of ['hidden', 'cell'] as const) {
      for (const order of ['index', 'correlation', 'cluster'] as const) {
        expect(isPermutation(orderUnits(imdb, order, undefined, state), 100), `${order} ${state}`).toBe(true);
      }
    }
    expect([...orderUnits(imdb, 'index')]).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('correlation order is descending in |r| with p(positive), r recomputed plainly', () => {
    const { values, dim } = unitActivations(imdb, undefined, 'cell');
    const p = Float64Array.from({ length: imdb.stepCount }, (_, t) => imdb.expectedPredictions[t * 2 + 1]);
    const order = orderUnits(imdb, 'correlation', undefined, 'cell');
    const r = unitPredictionCorrelation(imdb, undefined, 'cell');
    let previous = Infinity;
    for (const u of order) {
      const column = Float64Array.from({ length: imdb.stepCount }, (_, t) => values[t * dim + u]);
      const plain = Math.abs(pearson(column, p));
      expect(Math.abs(r[u * 2 + 1])).toBeCloseTo(plain, 6);
      expect(plain).toBeLessThanOrEqual(previous + 1e-9);
      previous = plain;
    }
    expect(Math.abs(r[order[0] * 2 + 1])).toBeGreaterThan(Math.abs(r[order[99] * 2 + 1]));
  });

  it('returns a copy each time, from one cached computation', () => {
    const a = orderUnits(imdb, 'cluster');
    a.fill(0);
    expect(isPermutation(orderUnits(imdb, 'cluster'), 100)).toBe(true);
  });
});

describe('orderUnits on crafted data', () => {
  /** 8 units of independent noise, with unit `copyOf` duplicated (scaled) into unit `copy`. */
  function withDuplicate(seed: number, copyOf: number, copy: number): StateDataset {
    const random = seededRandom(seed);
    const dim = 8;
    const steps = 400;
    const hidden = new Float32Array(steps * dim);
    for (let t = 0; t < steps; t++) {
      for (let u = 0; u < dim; u++) hidden[t * dim + u] = random() * 2 - 1;
      hidden[t * dim + copy] = 0.5 * hidden[t * dim + copyOf];
    }
    return new StateDataset({
      classes: ['a', 'b', 'c'],
      tokens: Array.from({ length: 8 }, () => Array.from({ length: 50 }, () => 'w')),
      labels: new Array(8).fill(0),
      layers: [{ name: 'rnn', dim, hidden }],
      expectedPredictions: Float32Array.from({ length: steps * 3 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
    });
  }

  it('clustering puts two duplicated units side by side', () => {
    for (const [seed, a, b] of [
      [1, 0, 7],
      [2, 2, 5],
      [3, 6, 1],
    ]) {
      const order = [...orderUnits(withDuplicate(seed, a, b), 'cluster')];
      expect(isPermutation(Uint32Array.from(order), 8)).toBe(true);
      expect(Math.abs(order.indexOf(a) - order.indexOf(b)), `seed ${seed}: ${order.join(',')}`).toBe(1);
    }
  });

  it('names the order, layer or state at fault', async () => {
    const dataset = withDuplicate(1, 0, 7);
    const order = await caught(() => orderUnits(dataset, 'random' as 'index'));
    expect(order).toBeInstanceOf(StatescopeError);
    expect(order.field).toBe('order');
    expect((await caught(() => orderUnits(dataset, 'index', 'lstm'))).field).toBe('layer');
    expect((await caught(() => orderUnits(dataset, 'index', undefined, 'cell'))).field).toBe('state');
  });
});
