// npm run bench:nearest [-- --only=100k]
// Nearest-state queries of @statescope/projection's nearestStates at about 100,000 states (the
// IMDB demo's 96,617 real LSTM states, data/imdb.json) and about 1,000,000 (those states repeated
// 10 times, each copy but the first with seeded Gaussian noise of sigma 0.01 per unit), both
// metrics: index build time and memory, median query time over 50 queries (25 existing steps,
// 25 new vectors: real states of the demo model run over demo reviews with a fifth of their
// words replaced by seeded random vocabulary words, i.e. what-if texts), recall@10 against exact
// search, and a plain exact brute-force scan measured in the same run, each next to its target.
import { readFileSync } from 'node:fs';
import { loadDataset, seededRandom } from '@statescope/core';
import { Vocabulary, loadWeights, runModel } from '@statescope/rnn';
import { nearestStates, type NearestMetric, type NearestStateIndex } from '@statescope/projection';

const only100k = process.argv.includes('--only=100k');
const K = 10;
const QUERIES = 50;
const TARGET_MS: Record<string, number> = { '100k': 30, '1M': 150 };
const TARGET_RECALL = 0.95;

const dataset = await loadDataset('data/imdb.json');
const { hidden, dim } = dataset.layer();
const demoSteps = dataset.stepCount;

/** 25 what-if states: the demo model over demo reviews with a fifth of their words swapped. */
async function whatIfStates(): Promise<Float32Array[]> {
  const { model, manifest } = await loadWeights('data/imdb.model.json');
  const vocabulary = new Vocabulary(manifest.vocabulary!);
  const random = seededRandom(14);
  const out: Float32Array[] = [];
  for (let q = 0; q < QUERIES / 2; q++) {
    const tokens = dataset.tokensOf(Math.floor(random() * dataset.sequenceCount));
    const edited = tokens.map((token) =>
      random() < 0.2 ? vocabulary.tokens[1 + Math.floor(random() * (vocabulary.size - 1))] : token,
    );
    const run = runModel(model, vocabulary.encode(edited));
    const t = Math.floor(random() * edited.length);
    out.push(run.hidden.slice(t * dim, (t + 1) * dim));
  }
  return out;
}
const vectors = await whatIfStates();

/** The demo states repeated `copies` times, each copy after the first with N(0, sigma^2) noise. */
function repeated(copies: number, sigma: number): Float32Array {
  const out = new Float32Array(hidden.length * copies);
  out.set(hidden);
  const random = seededRandom(7);
  for (let c = 1; c < copies; c++) {
    const base = c * hidden.length;
    for (let i = 0; i < hidden.length; i += 2) {
      // Box-Muller: two normal draws per pair of uniforms.
      const r = Math.sqrt(-2 * Math.log(1 - random())) * sigma;
      const a = 2 * Math.PI * random();
      out[base + i] = hidden[i] + r * Math.cos(a);
      if (i + 1 < hidden.length) out[base + i + 1] = hidden[i + 1] + r * Math.sin(a);
    }
  }
  return out;
}

/**
 * The plain exact peer: every distance computed in one scan, the k least kept in a small sorted
 * array (ties: the lower step, met first, stays ahead).
 */
function bruteForce(
  rows: Float32Array,
  q: ArrayLike<number>,
  k: number,
  metric: NearestMetric,
  exclude: number,
): Uint32Array {
  const n = rows.length / dim;
  const size = Math.min(k, n - (exclude >= 0 ? 1 : 0));
  const bestD = new Float64Array(size).fill(Infinity);
  const bestS = new Uint32Array(size);
  let qq = 0;
  for (let j = 0; j < dim; j++) qq += q[j] * q[j];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    let d = 0;
    if (metric === 'euclidean') {
      for (let j = 0; j < dim; j++) d += (rows[i * dim + j] - q[j]) ** 2;
    } else {
      let dot = 0;
      let xx = 0;
      for (let j = 0; j < dim; j++) {
        dot += rows[i * dim + j] * q[j];
        xx += rows[i * dim + j] ** 2;
      }
      d = xx === 0 || qq === 0 ? 1 : 1 - dot / Math.sqrt(xx * qq);
    }
    if (d >= bestD[size - 1]) continue;
    let at = size - 1;
    while (at > 0 && bestD[at - 1] > d) {
      bestD[at] = bestD[at - 1];
      bestS[at] = bestS[at - 1];
      at--;
    }
    bestD[at] = d;
    bestS[at] = i;
  }
  return bestS;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

interface Row {
  label: string;
  states: number;
  metric: NearestMetric;
  method: string;
  buildS: number;
  indexMb: string;
  rowsMb: string;
  queryMs: number;
  exactMs: number;
  recall: number;
}
const rows: Row[] = [];

function measure(
  label: string,
  data: Float32Array,
  metric: NearestMetric,
  index: NearestStateIndex,
  buildS: number,
  plan: number[],
  truth: Uint32Array[],
  exactMs: number,
): void {
  const n = data.length / dim;
  const times: number[] = [];
  let hits = 0;
  for (let q = 0; q < QUERIES; q++) {
    const t0 = performance.now();
    const found = q % 2 === 0 ? index.queryStep(plan[q >> 1], K).steps : index.query(vectors[q >> 1], K).steps;
    times.push(performance.now() - t0);
    const want = new Set(truth[q]);
    for (const s of found) if (want.has(s)) hits++;
  }
  rows.push({
    label,
    states: n,
    metric,
    method: index.approximate ? `approximate (${index.probes} probes)` : 'exact',
    buildS,
    indexMb: mb(index.bytes),
    rowsMb: mb(data.byteLength),
    queryMs: median(times),
    exactMs,
    recall: hits / (QUERIES * K),
  });
  const r = rows.at(-1)!;
  console.error(
    `  ${label} ${metric} ${r.method}: build ${buildS.toFixed(2)} s, query ${r.queryMs.toFixed(2)} ms, recall ${r.recall.toFixed(3)}`,
  );
}

async function runCase(label: string, data: Float32Array, methods: ('auto' | 'exact')[]): Promise<void> {
  const n = data.length / dim;
  // The existing-step queries: seeded steps, the same for every metric and method.
  const random = seededRandom(3);
  const plan = Array.from({ length: QUERIES / 2 }, () => Math.floor(random() * n));
  for (const metric of ['euclidean', 'cosine'] as const) {
    // The exact peer answers first: the truth for recall, and its own median time.
    const truth: Uint32Array[] = [];
    const peerTimes: number[] = [];
    for (let q = 0; q < QUERIES; q++) {
      const t0 = performance.now();
      truth.push(
        q % 2 === 0
          ? bruteForce(data, data.subarray(plan[q >> 1] * dim, (plan[q >> 1] + 1) * dim), K, metric, plan[q >> 1])
          : bruteForce(data, vectors[q >> 1], K, metric, -1),
      );
      peerTimes.push(performance.now() - t0);
    }
    for (const method of methods) {
      globalThis.gc?.();
      const t0 = performance.now();
      const index = await nearestStates(data, { dim, metric, method });
      const buildS = (performance.now() - t0) / 1000;
      measure(label, data, metric, index, buildS, plan, truth, median(peerTimes));
      index.dispose();
    }
  }
}

console.log(`nearest-state benchmark, node ${process.version}, ${new Date().toISOString()}`);
console.log(
  `k = ${K}, ${QUERIES} queries per case (half existing steps, half new what-if states); targets: query median <= ${TARGET_MS['100k']} ms at 100k, <= ${TARGET_MS['1M']} ms at 1M; recall@10 >= ${TARGET_RECALL}`,
);
await runCase('100k', hidden, ['auto', 'exact']);
if (!only100k) await runCase('1M', repeated(10, 0.01), ['auto']);

console.log('');
console.log(
  '| states | metric | method | build s | index MB (+ rows referenced) | query median ms (target) | exact peer median ms | recall@10 (target) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const target = TARGET_MS[r.label];
  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  console.log(
    `| ${r.states.toLocaleString('en-US')} | ${r.metric} | ${r.method} | ${r.buildS.toFixed(2)} | ${r.indexMb} (+ ${r.rowsMb}) | ${r.queryMs.toFixed(2)} (<= ${target}, ${ok(r.queryMs <= target)}) | ${r.exactMs.toFixed(2)} | ${r.recall.toFixed(3)} (>= ${TARGET_RECALL}, ${ok(r.recall >= TARGET_RECALL)}) |`,
  );
}
console.log(
  `\n${demoSteps.toLocaleString('en-US')} real IMDB demo states (dim ${dim}); 1M = those states x 10, copies 2-10 with N(0, 0.01^2) noise per unit. Index MB: the index's own arrays; it references the rows without copying them.`,
);

/** Peak resident bytes of this process (Linux /proc VmHWM; else getrusage), worker threads included. */
function peakResident(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
console.log(`Peak resident memory of this run: ${mb(peakResident())} MB.`);
