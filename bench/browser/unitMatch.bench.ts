// The hidden-units match query (issue 15: <= 200 ms median for 1,000,000 steps x 100 units).
// Data: a seeded synthetic dataset of 10,000 sequences x 100 steps x 100 units (generated in the
// page). Each unit follows a two-state on/off chain with its own persistence (mean run 2 to 25
// steps), and units are in 10 groups that also switch on together when their group's event is on,
// so queries of co-active units have many partial matches, as in real LSTMs. Queries: 24 ranges
// picked with a seed; the query is the units on throughout each (3 to 10 of them, topped up with
// units of the same group, cut to a seeded size of 3 to 10). Peer: the same query written with plain loops over the float
// activations (no bitsets, no pruning), timed on a few of the queries in the same run.
import {
  StateDataset,
  UNIT_MATCH_MODES,
  UnitMatcher,
  seededRandom,
  unitsOnThroughout,
  type UnitMatch,
} from '@statescope/core';

const SEQUENCES = 10_000;
const LENGTH = 100;
const DIM = 100;
const GROUPS = 10;
const THRESHOLD = 0.5;
const QUERIES = 24;
const PEER_QUERIES = 3;
const TARGET_MS = 200;

function synthetic(): StateDataset {
  const random = seededRandom(15);
  const steps = SEQUENCES * LENGTH;
  const hidden = new Float32Array(steps * DIM);
  const stay = Float64Array.from({ length: DIM }, () => 1 - 1 / (2 + random() * 23));
  const on = new Uint8Array(DIM);
  const event = new Uint8Array(GROUPS);
  for (let t = 0; t < steps; t++) {
    if (t % LENGTH === 0) on.fill(0); // a new sequence starts from the initial state
    for (let g = 0; g < GROUPS; g++) if (random() < (event[g] ? 0.25 : 0.03)) event[g] ^= 1;
    for (let u = 0; u < DIM; u++) {
      if (random() > stay[u]) on[u] ^= 1;
      const active = on[u] || (event[u % GROUPS] && random() < 0.9);
      hidden[t * DIM + u] = active ? THRESHOLD + random() * 0.5 : random() * 0.9 - 0.5;
    }
  }
  return new StateDataset({
    classes: ['negative', 'positive'],
    tokens: Array.from({ length: SEQUENCES }, () => new Array<string>(LENGTH).fill('w')),
    labels: new Int32Array(SEQUENCES),
    layers: [{ name: 'lstm', dim: DIM, hidden }],
    expectedPredictions: new Float32Array(steps).fill(0.5),
  });
}

/** Precise matches with plain loops: per level, scan for maximal runs; score each from the floats. */
function plainMatch(dataset: StateDataset, units: number[], length: number | null): UnitMatch[] {
  const values = dataset.layer().hidden;
  const offsets = dataset.offsets;
  const seen = new Set<string>();
  const found: UnitMatch[] = [];
  for (let k = units.length; k >= 1; k--) {
    for (let s = 0; s < dataset.sequenceCount; s++) {
      let runStart = -1;
      for (let t = offsets[s]; t <= offsets[s + 1]; t++) {
        let count = 0;
        if (t < offsets[s + 1]) for (const u of units) if (values[t * DIM + u] >= THRESHOLD) count++;
        if (count >= k && runStart < 0) runStart = t;
        if (count < k && runStart >= 0) {
          const fits = length === null ? t - runStart >= 2 : t - runStart === length;
          const key = `${runStart},${t}`;
          if (fits && !seen.has(key)) {
            seen.add(key);
            let intersection = 0;
            let union = units.length;
            for (let u = 0; u < DIM; u++) {
              let all = true;
              for (let i = runStart; i < t && all; i++) all = values[i * DIM + u] >= THRESHOLD;
              if (all && units.includes(u)) intersection++;
              else if (all) union++;
            }
            const score = intersection - union / (DIM + 1);
            if (intersection > 0) found.push({ sequence: s, start: runStart, end: t, score, intersection, union });
          }
          runStart = -1;
        }
      }
    }
  }
  found.sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  return found.slice(0, 50);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default function unitMatchBench() {
  let begin = performance.now();
  const dataset = synthetic();
  const makeMs = performance.now() - begin;

  begin = performance.now();
  const matcher = UnitMatcher.for(dataset, { threshold: THRESHOLD });
  const buildMs = performance.now() - begin;

  const random = seededRandom(2018);
  const queries: { units: number[]; length: number }[] = [];
  while (queries.length < QUERIES) {
    const length = 2 + Math.floor(random() * 3);
    const start = Math.floor(random() * SEQUENCES) * LENGTH + Math.floor(random() * (LENGTH - length));
    const size = 3 + Math.floor(random() * 8);
    const units = [...unitsOnThroughout(dataset, start, start + length, { threshold: THRESHOLD })].slice(0, size);
    if (units.length === 0) continue;
    for (let u = units[0] % GROUPS; units.length < 3; u += GROUPS) if (!units.includes(u)) units.push(u);
    queries.push({ units, length });
  }

  const rows: Record<string, string | number>[] = [];
  for (const mode of UNIT_MATCH_MODES) {
    for (const exact of [true, false]) {
      matcher.match(queries[0].units, { mode, length: exact ? queries[0].length : null }); // warm-up
      const times: number[] = [];
      let matches = 0;
      for (const { units, length } of queries) {
        const start = performance.now();
        matches += matcher.match(units, { mode, length: exact ? length : null }).length;
        times.push(performance.now() - start);
      }
      const ms = median(times);
      rows.push({
        case: `${mode}, length ${exact ? 'exact' : 'any'}`,
        'steps x units': `${dataset.stepCount.toLocaleString('en')} x ${DIM}`,
        queries: queries.length,
        'units per query': `${Math.min(...queries.map((q) => q.units.length))}-${Math.max(...queries.map((q) => q.units.length))}`,
        'median ms': ms,
        'max ms': Math.max(...times),
        'target ms': TARGET_MS,
        verdict: ms <= TARGET_MS ? 'within' : 'OVER',
        'mean matches': matches / queries.length,
      });
    }
  }

  // The peer, on a few queries, precise mode; same ranking checked so that the ratio compares equals.
  for (const exact of [true, false]) {
    const peerTimes: number[] = [];
    const oursTimes: number[] = [];
    for (const { units, length } of queries.slice(0, PEER_QUERIES)) {
      let start = performance.now();
      const plain = plainMatch(dataset, units, exact ? length : null);
      peerTimes.push(performance.now() - start);
      start = performance.now();
      const ours = matcher.match(units, { mode: 'precise', length: exact ? length : null });
      oursTimes.push(performance.now() - start);
      const same =
        JSON.stringify(plain.map((m) => [m.start, m.end, m.union])) ===
        JSON.stringify(ours.map((m) => [m.start, m.end, m.union]));
      if (!same) throw new Error(`the plain peer and the matcher disagree on units ${units.join(',')}`);
    }
    rows.push({
      case: `peer (plain loops), precise, length ${exact ? 'exact' : 'any'}`,
      queries: PEER_QUERIES,
      'median ms': median(peerTimes),
      'ours median ms': median(oursTimes),
      'peer / ours': median(peerTimes) / median(oursTimes),
    });
  }
  rows.push({ case: 'matcher build (bitsets of 100 units)', 'median ms': buildMs });
  rows.push({ case: 'dataset generation (not timed above)', 'median ms': makeMs });
  return rows;
}
