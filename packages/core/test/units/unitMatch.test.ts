import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  StateDataset,
  StatescopeError,
  UNIT_MATCH_MODES,
  UnitMatcher,
  loadDataset,
  seededRandom,
  unitActivations,
  unitsOnThroughout,
  type UnitMatchOptions,
} from '@statescope/core';
import { caught } from '../helpers.js';

const DIM = 7;
const THRESHOLD = 0.3;

/** Random sequences (1..14 steps) whose units switch on and off in runs, like real LSTM units. */
function randomDataset(seed: number): StateDataset {
  const random = seededRandom(seed);
  const sequences = 3 + Math.floor(random() * 5);
  const tokens: string[][] = [];
  for (let s = 0; s < sequences; s++) tokens.push(Array.from({ length: 1 + Math.floor(random() * 14) }, () => 'w'));
  const steps = tokens.reduce((sum, seq) => sum + seq.length, 0);
  const hidden = new Float32Array(steps * DIM);
  const cell = new Float32Array(steps * DIM);
  const on = new Array<boolean>(DIM).fill(false);
  for (let t = 0; t < steps; t++) {
    for (let u = 0; u < DIM; u++) {
      if (random() < 0.3) on[u] = !on[u];
      hidden[t * DIM + u] = on[u] ? THRESHOLD + random() * 0.6 : THRESHOLD - 0.01 - random();
      cell[t * DIM + u] = random() * 2 - 1;
    }
  }
  return new StateDataset({
    classes: ['a', 'b'],
    tokens,
    labels: tokens.map(() => 0),
    layers: [{ name: 'lstm', dim: DIM, hidden, cell }],
    expectedPredictions: new Float32Array(steps).fill(0.5),
  });
}

/** The selection rule, plainly. */
function bruteSelect(dataset: StateDataset, start: number, end: number, offBefore: number, offAfter: number): number[] {
  const { values, dim } = unitActivations(dataset);
  const seq = dataset.sequenceOf(start);
  const picked: number[] = [];
  for (let u = 0; u < dim; u++) {
    let ok = true;
    for (let t = start; t < end; t++) if (values[t * dim + u] < THRESHOLD) ok = false;
    for (let t = start - offBefore; t < start; t++) {
      if (t >= dataset.offsets[seq] && values[t * dim + u] >= THRESHOLD) ok = false;
    }
    for (let t = end; t < end + offAfter; t++) {
      if (t < dataset.offsets[seq + 1] && values[t * dim + u] >= THRESHOLD) ok = false;
    }
    if (ok) picked.push(u);
  }
  return picked;
}

interface Expected {
  sequence: number;
  start: number;
  end: number;
  intersection: number;
  union: number;
}

/** The match query as documented, written out step by step with no bitsets and no pruning. */
function bruteMatch(dataset: StateDataset, units: number[], options: Required<UnitMatchOptions>): Expected[] {
  const { values, dim } = unitActivations(dataset);
  const on = (u: number, t: number) => values[t * dim + u] >= THRESHOLD;
  const query = [...new Set(units)];
  const m = query.length;
  // Candidates with the highest level at which each is a maximal run.
  const top = new Map<string, number>();
  for (let k = m; k >= 1; k--) {
    for (let s = 0; s < dataset.sequenceCount; s++) {
      let runStart = -1;
      for (let t = dataset.offsets[s]; t <= dataset.offsets[s + 1]; t++) {
        const atLeastK = t < dataset.offsets[s + 1] && query.filter((u) => on(u, t)).length >= k;
        if (atLeastK && runStart < 0) runStart = t;
        if (!atLeastK && runStart >= 0) {
          const key = `${s},${runStart},${t}`;
          if (!top.has(key)) top.set(key, k);
          runStart = -1;
        }
      }
    }
  }
  let candidates = [...top.entries()].map(([key, level]) => {
    const [sequence, start, end] = key.split(',').map(Number);
    return { sequence, start, end, level };
  });
  candidates = candidates.filter((c) =>
    options.length === null ? c.end - c.start >= options.minLength : c.end - c.start === options.length,
  );
  const ex = options.exclude;
  if (ex) candidates = candidates.filter((c) => c.end <= ex.start || c.start >= ex.end);
  if (options.mode === 'fast') {
    let held = 0;
    let lowest = 1;
    for (let k = m; k >= 1; k--) {
      held += candidates.filter((c) => c.level === k).length;
      lowest = k;
      if (held >= options.candidates) break;
    }
    candidates = candidates.filter((c) => c.level >= lowest);
  }
  const scored = candidates.map((c) => {
    const first = Math.max(dataset.offsets[c.sequence], c.start - options.offBefore);
    const last = Math.min(dataset.offsets[c.sequence + 1], c.end + options.offAfter);
    const active: number[] = [];
    for (let u = 0; u < dim; u++) {
      let ok = true;
      for (let t = c.start; t < c.end; t++) if (!on(u, t)) ok = false;
      for (let t = first; t < c.start; t++) if (on(u, t)) ok = false;
      for (let t = c.end; t < last; t++) if (on(u, t)) ok = false;
      if (ok) active.push(u);
    }
    const intersection = active.filter((u) => query.includes(u)).length;
    const union = new Set([...active, ...query]).size;
    return { sequence: c.sequence, start: c.start, end: c.end, intersection, union };
  });
  return scored
    .filter((c) => c.intersection > 0)
    .sort(
      (a, b) =>
        b.intersection - a.intersection ||
        a.union - b.union ||
        b.end - b.start - (a.end - a.start) ||
        a.sequence - b.sequence ||
        a.start - b.start,
    )
    .slice(0, options.limit);
}

describe('unitsOnThroughout (LSTMVis selection rule)', () => {
  it('picks exactly the units on at every step and off in the margins, clipped at sequence ends', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const dataset = randomDataset(seed);
      const random = seededRandom(seed * 31);
      for (let trial = 0; trial < 40; trial++) {
        const s = Math.floor(random() * dataset.sequenceCount);
        const first = dataset.offsets[s];
        const len = dataset.sequenceLength(s);
        const start = first + Math.floor(random() * len);
        const end = start + 1 + Math.floor(random() * (first + len - start));
        const offBefore = Math.floor(random() * 3);
        const offAfter = Math.floor(random() * 3);
        const got = unitsOnThroughout(dataset, start, end, { threshold: THRESHOLD, offBefore, offAfter });
        expect([...got], `seed ${seed} [${start}, ${end}) ${offBefore}/${offAfter}`).toEqual(
          bruteSelect(dataset, start, end, offBefore, offAfter),
        );
      }
    }
  });

  it('rejects a range that crosses sequences, naming end and the sequence', async () => {
    const dataset = randomDataset(3);
    const end = dataset.offsets[1] + 1;
    const error = await caught(() => unitsOnThroughout(dataset, dataset.offsets[1] - 1, end, { threshold: 0 }));
    expect(error).toBeInstanceOf(StatescopeError);
    expect(error.field).toBe('end');
    expect(error.sequence).toBe(0);
    expect(error.message).toMatch(/"end".*sequence 0/);
  });

  it('rejects a missing cell state naming the state and layer, and an unknown layer naming it', async () => {
    const noCell = new StateDataset({
      classes: ['a', 'b'],
      tokens: [['x', 'y']],
      labels: [0],
      layers: [{ name: 'gru', dim: 2, hidden: new Float32Array(4) }],
      expectedPredictions: new Float32Array(2).fill(0.5),
    });
    const cell = await caught(() => unitsOnThroughout(noCell, 0, 1, { threshold: 0, state: 'cell' }));
    expect(cell).toBeInstanceOf(StatescopeError);
    expect(cell.field).toBe('state');
    expect(cell.message).toContain('"gru"');
    const layer = await caught(() => UnitMatcher.for(noCell, { threshold: 0, layer: 'lstm_9' }));
    expect(layer).toBeInstanceOf(StatescopeError);
    expect(layer.field).toBe('layer');
    expect(layer.message).toContain('lstm_9');
  });
});

describe('UnitMatcher.match (LSTMVis match query)', () => {
  it('ranks exactly as the plain reference, for both modes, exact and any length, margins and exclusion', () => {
    let compared = 0;
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const dataset = randomDataset(seed);
      const matcher = UnitMatcher.for(dataset, { threshold: THRESHOLD });
      const random = seededRandom(seed);
      for (let trial = 0; trial < 12; trial++) {
        const units = Array.from({ length: 1 + Math.floor(random() * 5) }, () => Math.floor(random() * DIM));
        const exStart = Math.floor(random() * dataset.stepCount);
        const options: Required<UnitMatchOptions> = {
          length: trial % 3 === 0 ? null : 1 + Math.floor(random() * 4),
          mode: trial % 2 === 0 ? 'precise' : 'fast',
          limit: trial % 4 === 0 ? 5 : Infinity,
          exclude: trial % 5 === 0 ? { start: exStart, end: exStart + 3 } : null,
          offBefore: Math.floor(random() * 3),
          offAfter: Math.floor(random() * 3),
          minLength: 1 + Math.floor(random() * 3),
          candidates: 1 + Math.floor(random() * 6),
        };
        const got = matcher.match(units, options);
        const expected = bruteMatch(dataset, units, options);
        expect(
          got.map(({ sequence, start, end, intersection, union }) => ({ sequence, start, end, intersection, union })),
          `seed ${seed} units ${units.join(',')} ${JSON.stringify(options)}`,
        ).toEqual(expected);
        for (const match of got) {
          expect(match.score).toBeCloseTo(match.intersection - match.union / (DIM + 1), 12);
          expect(dataset.sequenceOf(match.start)).toBe(match.sequence);
          expect(match.end).toBeLessThanOrEqual(dataset.offsets[match.sequence + 1]);
        }
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(100); // the comparison saw real matches
  });

  it('fast mode, with a budget below the candidates, scores only the highest levels', () => {
    const dataset = randomDataset(21);
    const matcher = UnitMatcher.for(dataset, { threshold: THRESHOLD });
    const units = [0, 1, 2, 3, 4, 5, 6];
    const all = matcher.match(units, { mode: 'precise', limit: Infinity, minLength: 1 });
    const fast = matcher.match(units, { mode: 'fast', limit: Infinity, minLength: 1, candidates: 1 });
    expect(fast.length).toBeGreaterThan(0);
    expect(fast.length).toBeLessThan(all.length);
    for (const match of fast) expect(all).toContainEqual(match);
  });

  it('caches one matcher per dataset, layer, state and threshold', () => {
    const dataset = randomDataset(5);
    const a = UnitMatcher.for(dataset, { threshold: 0.3 });
    expect(UnitMatcher.for(dataset, { threshold: 0.3, layer: 'lstm', state: 'hidden' })).toBe(a);
    expect(UnitMatcher.for(dataset, { threshold: 0.4 })).not.toBe(a);
    expect(UnitMatcher.for(dataset, { threshold: 0.3, state: 'cell' })).not.toBe(a);
    expect(UnitMatcher.for(randomDataset(5), { threshold: 0.3 })).not.toBe(a);
  });

  it('steps() holds exactly the steps of the matches', () => {
    const dataset = randomDataset(7);
    const matcher = UnitMatcher.for(dataset, { threshold: THRESHOLD });
    const matches = matcher.match([0, 2, 4], { mode: 'precise', limit: 10 });
    const steps = matcher.steps(matches);
    const expected = new Set(matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)));
    expect(steps.size).toBe(dataset.stepCount);
    expect([...steps.toArray()]).toEqual([...expected].sort((a, b) => a - b));
  });

  it('names the option at fault', async () => {
    const matcher = UnitMatcher.for(randomDataset(8), { threshold: THRESHOLD });
    expect((await caught(() => matcher.match([DIM]))).field).toBe('units[0]');
    expect((await caught(() => matcher.match([0], { mode: 'slow' as never }))).field).toBe('mode');
    expect((await caught(() => matcher.match([0], { length: 0 }))).field).toBe('length');
    expect((await caught(() => matcher.match([0], { limit: -1 }))).field).toBe('limit');
  });
});

describe('on the real IMDB model', () => {
  let imdb: StateDataset;
  beforeAll(async () => {
    imdb = await loadDataset(join(import.meta.dirname, '../../../../data/imdb.json'));
  });

  it("a query's own range ranks at the top when not excluded, and is gone when excluded", () => {
    const random = seededRandom(2018);
    let checked = 0;
    for (const state of ['hidden', 'cell'] as const) {
      const rule = { state, threshold: state === 'hidden' ? 0.08 : 0.17, offBefore: 1, offAfter: 1 };
      const matcher = UnitMatcher.for(imdb, rule);
      for (let trial = 0; trial < 40 && checked < 60; trial++) {
        const s = Math.floor(random() * imdb.sequenceCount);
        const length = 1 + Math.floor(random() * 3);
        if (imdb.sequenceLength(s) < length) continue;
        const start = imdb.offsets[s] + Math.floor(random() * (imdb.sequenceLength(s) - length + 1));
        const end = start + length;
        const units = unitsOnThroughout(imdb, start, end, rule);
        if (units.length === 0) continue;
        for (const mode of UNIT_MATCH_MODES) {
          for (const exact of [true, false]) {
            if (!exact && length < 2) continue;
            // Every tie with the best score is listed: the own range is one of them.
            const options = { mode, length: exact ? length : null, offBefore: 1, offAfter: 1, limit: Infinity };
            const matches = matcher.match(units, options);
            const own = matches.find((m) => m.start === start && m.end === end);
            expect(own, `${state} [${start}, ${end}) ${mode} ${exact}`).toBeDefined();
            expect(own!.intersection).toBe(units.length);
            expect(own!.union).toBe(units.length);
            expect(own!.score).toBe(matches[0].score);
            const without = matcher.match(units, { ...options, exclude: { start, end } });
            expect(without.some((m) => m.start < end && m.end > start)).toBe(false);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
