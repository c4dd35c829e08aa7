import { describe, expect, it } from 'vitest';
import { AttractionHelper, type HelperPort } from '../src/AttractionHelper.js';
import { barnesHutRepulsion } from '../src/barnesHutRepulsion.js';
import { seededRandom } from '@statescope/core';
import { conditionalAffinities } from '../src/conditionalAffinities.js';
import { InterpolationGrid } from '../src/InterpolationGrid.js';
import { interpolatedRepulsion } from '../src/interpolatedRepulsion.js';
import { nearestNeighbors } from '../src/nearestNeighbors.js';
import type { ProjectionJob } from '../src/ProjectionJob.js';
import { symmetricAffinities, type SparseAffinities } from '../src/symmetricAffinities.js';
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

describe('symmetricAffinities', () => {
  const rows = 600;
  const k = 15;
  const { data } = threeClusters(rows, 8, 21);
  const graph = nearestNeighbors(data, rows, 8, k, 1, { exact: true });
  const conditional = conditionalAffinities(graph, 5);
  const plain = symmetricAffinities(graph, conditional);
  // The same graph with row r stored at at[r] (a seeded shuffle), as sharedPreparation leaves it.
  const random = seededRandom(4);
  const at = Int32Array.from({ length: rows }, (_, r) => r);
  for (let r = rows - 1; r > 0; r--) {
    const s = Math.floor(random() * (r + 1));
    [at[r], at[s]] = [at[s], at[r]];
  }
  const indices = new Int32Array(rows * k);
  const stored = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    indices.set(graph.indices.subarray(r * k, r * k + k), at[r] * k);
    stored.set(conditional.subarray(r * k, r * k + k), at[r] * k);
  }
  const same = (p: SparseAffinities) => {
    expect(Array.from(p.rowPtr)).toEqual(Array.from(plain.rowPtr));
    expect(Array.from(p.cols)).toEqual(Array.from(plain.cols));
    expect(Array.from(p.vals)).toEqual(Array.from(plain.vals));
  };

  it('is a joint distribution over both triangles, each pair once, columns right of the diagonal', () => {
    let sum = 0;
    for (const v of plain.vals) sum += 2 * v;
    expect(sum).toBeCloseTo(1, 5);
    for (let i = 0; i < rows; i++) {
      const row = Array.from(plain.cols.subarray(plain.rowPtr[i], plain.rowPtr[i + 1]));
      expect(row.every((j) => j > i)).toBe(true);
      expect(new Set(row).size).toBe(row.length);
    }
  });

  it('reads rows stored out of order and writes the pairs into buffers given, rows x k long', () => {
    const cols = new Int32Array(rows * k);
    const vals = new Float32Array(rows * k);
    const p = symmetricAffinities({ rows, k, indices }, stored, { at, cols, vals });
    same(p);
    expect(p.cols.buffer).toBe(cols.buffer);
    expect(p.vals.buffer).toBe(vals.buffer);
  });

  it('allocates its own arrays when the buffers given are shorter than rows x k', () => {
    const cols = new Int32Array(rows * k - 1);
    const vals = new Float32Array(rows * k);
    const p = symmetricAffinities({ rows, k, indices }, stored, { at, cols, vals });
    same(p);
    expect(p.cols.buffer).not.toBe(cols.buffer);
    expect(p.vals.buffer).not.toBe(vals.buffer);
  });
});

describe('AttractionHelper', () => {
  const rows = 300;
  const { data } = threeClusters(rows, 6, 5);
  const graph = nearestNeighbors(data, rows, 6, 12, 1, { exact: true });
  const init = new Float64Array(2 * rows);
  const helperFor = (p: SparseAffinities) => {
    const posted: ProjectionJob[] = [];
    const port: HelperPort = { post: (job) => posted.push(job), terminate: () => {} };
    const helper = new AttractionHelper(port, p, init);
    const job = posted[0] as Extract<ProjectionJob, { kind: 'attract' }>;
    return { helper, job };
  };

  it('hands P to the helper as it is when it is in shared memory', () => {
    const cells = rows * graph.k;
    const cols = new Int32Array(new SharedArrayBuffer(cells * 4));
    const vals = new Float32Array(new SharedArrayBuffer(cells * 4));
    const p = symmetricAffinities(graph, conditionalAffinities(graph, 4), { cols, vals });
    const { helper, job } = helperFor(p);
    expect(job.cols.buffer).toBe(cols.buffer);
    expect(job.vals.buffer).toBe(vals.buffer);
    expect(helper.p.cols.buffer).toBe(cols.buffer);
    expect(job.cols.length).toBe(p.rowPtr[rows]);
  });

  it('copies P into shared memory when it is not', () => {
    const p = symmetricAffinities(graph, conditionalAffinities(graph, 4));
    const { job } = helperFor(p);
    expect(job.cols.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(job.vals.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(job.rowPtr.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(job.cols)).toEqual(Array.from(p.cols));
    expect(Array.from(job.vals)).toEqual(Array.from(p.vals));
  });
});
