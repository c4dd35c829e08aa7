// One case of the projection benchmark, run in its own process so that peak memory (maxRSS,
// which counts worker threads too) belongs to that case alone. Prints one JSON line.
//   node --import tsx --expose-gc bench/projection-case.ts '{"method":"ours","n":10000}'
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadDataset } from '@statescope/core';
import { place, tsne } from '@statescope/projection';
import { clusteredRows, type LabelledRows } from './projection-data.js';
import { oneNnAccuracy, sampleRows, trustworthiness } from './projection-quality.js';

export interface CaseSpec {
  method: 'ours' | 'tsne-js' | 'druidjs' | 'umap-js' | 'ours-million';
  n: number;
  iterations?: number;
}

export interface CaseResult extends CaseSpec {
  source: string;
  dim: number;
  seconds: number;
  peakMb: number;
  t10: number;
  oneNn: number;
  note?: string;
}

/** The IMDB demo export, relative to the working directory (the repository root under npm). */
const DEMO = 'data/imdb.json';

/**
 * n rows of the IMDB demo states (evenly spaced steps) labelled with each step's predicted
 * class; all of them when the demo has at least 90 % of n; none when it has fewer.
 */
async function demoRows(n: number): Promise<LabelledRows | undefined> {
  if (!existsSync(DEMO)) return undefined;
  const dataset = await loadDataset(DEMO);
  const { hidden, dim } = dataset.layer();
  if (dataset.stepCount < 0.9 * n) return undefined;
  n = Math.min(n, dataset.stepCount);
  const classes = dataset.stepClasses();
  if (n === dataset.stepCount) return { data: hidden, labels: Int32Array.from(classes), rows: n, dim };
  const rows = sampleRows(dataset.stepCount, n);
  const data = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  rows.forEach((step, r) => {
    data.set(hidden.subarray(step * dim, (step + 1) * dim), r * dim);
    labels[r] = classes[step];
  });
  return { data, labels, rows: n, dim };
}

function nested(data: Float32Array, rows: number, dim: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
}

function flat(points: ArrayLike<ArrayLike<number>>): Float32Array {
  const out = new Float32Array(points.length * 2);
  for (let i = 0; i < points.length; i++) {
    out[2 * i] = points[i][0];
    out[2 * i + 1] = points[i][1];
  }
  return out;
}

async function project(spec: CaseSpec, input: LabelledRows): Promise<{ embedding: Float32Array; note?: string }> {
  const { data, rows, dim } = input;
  const require = createRequire(import.meta.url);
  switch (spec.method) {
    case 'ours':
      return { embedding: await tsne(data, { dim, seed: 1, iterations: spec.iterations }) };
    case 'ours-million': {
      // Embed an evenly spaced 10 % subsample, then place the other rows around it.
      const sample = sampleRows(rows, Math.round(rows / 10));
      const inSample = new Uint8Array(rows);
      sample.forEach((i) => (inSample[i] = 1));
      const sub = new Float32Array(sample.length * dim);
      sample.forEach((i, r) => sub.set(data.subarray(i * dim, (i + 1) * dim), r * dim));
      const rest = new Float32Array((rows - sample.length) * dim);
      const restRows: number[] = [];
      for (let i = 0, r = 0; i < rows; i++) {
        if (inSample[i]) continue;
        rest.set(data.subarray(i * dim, (i + 1) * dim), r++ * dim);
        restRows.push(i);
      }
      const t0 = performance.now();
      const map = await tsne(sub, { dim, seed: 1 });
      const t1 = performance.now();
      const placed = await place(sub, map, rest, { dim, seed: 1 });
      const t2 = performance.now();
      const embedding = new Float32Array(rows * 2);
      sample.forEach((i, r) => embedding.set(map.subarray(2 * r, 2 * r + 2), 2 * i));
      restRows.forEach((i, r) => embedding.set(placed.subarray(2 * r, 2 * r + 2), 2 * i));
      const note = `t-SNE of ${sample.length} in ${((t1 - t0) / 1000).toFixed(1)} s, placement of ${restRows.length} in ${((t2 - t1) / 1000).toFixed(1)} s`;
      return { embedding, note };
    }
    case 'tsne-js': {
      const TSNE = require('tsne-js') as new (options: object) => {
        init(input: { data: number[][]; type: 'dense' }): void;
        run(): [number, number];
        getOutput(): number[][];
      };
      const model = new TSNE({
        dim: 2,
        perplexity: 30,
        earlyExaggeration: 4,
        learningRate: 100,
        nIter: spec.iterations ?? 1000,
        metric: 'euclidean',
      });
      model.init({ data: nested(data, rows, dim), type: 'dense' });
      const [error, iterations] = model.run();
      return {
        embedding: flat(model.getOutput()),
        note: `stopped after ${iterations} iterations, KL ${error.toFixed(3)}`,
      };
    }
    case 'druidjs': {
      const druid = await import('@saehrimnir/druidjs');
      const model = new druid.TSNE(nested(data, rows, dim), { perplexity: 30, epsilon: 10, d: 2, seed: 1 });
      return { embedding: flat(model.transform(spec.iterations ?? 1000) as number[][]) };
    }
    case 'umap-js': {
      const { UMAP } = await import('umap-js');
      let state = 1;
      const random = () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
      };
      const model = new UMAP({ nComponents: 2, nNeighbors: 15, random });
      return { embedding: flat(model.fit(nested(data, rows, dim))) };
    }
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as CaseSpec;
  const demo = spec.method === 'ours-million' ? undefined : await demoRows(spec.n);
  const input = demo ?? clusteredRows(spec.n, 64);
  const source = demo ? `imdb demo states (${demo.dim}-d)` : 'seeded clusters (64-d)';
  globalThis.gc?.();
  const start = performance.now();
  const { embedding, note } = await project(spec, input);
  const seconds = (performance.now() - start) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const sample = sampleRows(input.rows, 2000);
  const result: CaseResult = {
    ...spec,
    n: input.rows,
    source,
    dim: input.dim,
    seconds,
    peakMb,
    t10: trustworthiness(input.data, input.dim, embedding, sample, 10),
    oneNn: oneNnAccuracy(embedding, input.labels, sample),
    note,
  };
  console.log(JSON.stringify(result));
}

await main();
