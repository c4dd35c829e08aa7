import { describe, expect, it } from 'vitest';
import { barnesHutRepulsion } from '../src/barnesHutRepulsion.js';
import { seededRandom } from '@statescope/core';
import { InterpolationGrid } from '../src/InterpolationGrid.js';
import { interpolatedRepulsion } from '../src/interpolatedRepulsion.js';
import { nearestNeighbors } from '../src/nearestNeighbors.js';
import { threeClusters } from './clusters.js';

function exactRepulsion(y: Float64Array, n: number, force: Float64Array): number {
  let z = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const dx = y[2 * i] - y[2 * j];
      const dy = y[2 * i + 1] - y[2 * j + 1];
      const w = 1 / (1 + dx * dx + dy * dy);
      z += w;
      force[2 * i] += w * w * dx;
      force[2 * i + 1] += w * w * dy;
    }
  }
  return z;
}

function relativeError(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

describe('repulsion estimates', () => {
  const n = 800;
  const random = seededRandom(9);
  const y = new Float64Array(2 * n).map((_, i) => (random() - 0.5) * 12 + (i % 4 < 2 ? 8 : 0));
  const exact = new Float64Array(2 * n);
  const z = exactRepulsion(y, n, exact);

  it('Barnes-Hut is within a few percent of the exact sums', () => {
    const force = new Float64Array(2 * n);
    const zb = barnesHutRepulsion(y, n, 0.5, force);
    expect(Math.abs(zb / z - 1)).toBeLessThan(0.02);
    expect(relativeError(force, exact)).toBeLessThan(0.03);
  });

  it('FFT interpolation is within a few percent of the exact sums', () => {
    const force = new Float64Array(2 * n);
    const zf = interpolatedRepulsion(y, n, new InterpolationGrid(42), force);
    expect(Math.abs(zf / z - 1)).toBeLessThan(0.02);
    expect(relativeError(force, exact)).toBeLessThan(0.05);
  });
});

describe('nearestNeighbors', () => {
  it('the random-projection forest finds most true neighbours', () => {
    const { data } = threeClusters(1500, 12);
    const exact = nearestNeighbors(data, 1500, 12, 15, 1, { exact: true });
    const approx = nearestNeighbors(data, 1500, 12, 15, 1, { exact: false });
    let hits = 0;
    for (let i = 0; i < 1500; i++) {
      const truth = new Set(exact.indices.subarray(i * 15, i * 15 + 15));
      for (const j of approx.indices.subarray(i * 15, i * 15 + 15)) if (truth.has(j)) hits++;
    }
    expect(hits / (1500 * 15)).toBeGreaterThan(0.9);
    for (let x = 1; x < 15; x++) expect(exact.distances[x]).toBeGreaterThanOrEqual(exact.distances[x - 1]);
  });
});
