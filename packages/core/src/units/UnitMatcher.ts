import type { StateDataset } from '../StateDataset.js';
import { StatescopeError } from '../StatescopeError.js';
import { StepSet } from '../StepSet.js';
import { unitActivations, type UnitStateKind } from './unitActivations.js';
import type { UnitRule } from './unitsOnThroughout.js';
import { allSetIn, noneSetIn } from './rangeBits.js';
import { checkThreshold, checkUnits, countOption } from './stepRange.js';
import { perDataset } from './perDataset.js';

/** The query modes of {@link UnitMatcher.match}, after LSTMVis's "fast" and "precise". */
export const UNIT_MATCH_MODES = ['fast', 'precise'] as const;
/** One of {@link UNIT_MATCH_MODES}. */
export type UnitMatchMode = (typeof UNIT_MATCH_MODES)[number];

/** One range of steps where a set of units is on, as {@link UnitMatcher.match} ranks it. */
export interface UnitMatch {
  /** Sequence index. */
  sequence: number;
  /** Global step, inclusive. */
  start: number;
  /** Global step, exclusive. */
  end: number;
  /**
   * Higher is better: `intersection - union / (dim + 1)`, so more query units on throughout the
   * range always wins, and among equals the range where fewer other units are also on.
   */
  score: number;
  /** How many query units are on at every step of the range (and off in the margins). */
  intersection: number;
  /** The query units plus every other unit that is on throughout the range (and off in the margins). */
  union: number;
}

/** Options of {@link UnitMatcher.match}. */
export interface UnitMatchOptions {
  /** Match ranges of exactly this many steps (LSTMVis's phrase length), or null (default) for any length. */
  length?: number | null;
  /** 'fast' (default) or 'precise'; see {@link UnitMatcher.match}. */
  mode?: UnitMatchMode;
  /** How many matches, best first; default 50 (Infinity for all). */
  limit?: number;
  /** A range to leave out (the query itself): candidates that overlap it are dropped. */
  exclude?: {
    /** First step (global, inclusive). */
    start: number;
    /** End step (global, exclusive). */
    end: number;
  } | null;
  /** Steps before a range where a unit must be off to count (clipped at the sequence start); default 0. */
  offBefore?: number;
  /** Steps after a range where a unit must be off to count (clipped at the sequence end); default 0. */
  offAfter?: number;
  /** With any length, the shortest range that is a match; default 2 (LSTMVis's cut-off). */
  minLength?: number;
  /** 'fast' mode's candidate budget; default 1000, as LSTMVis. */
  candidates?: number;
}

/**
 * The on/off pattern of every unit of one layer's h or c at one threshold, as one bitset per unit
 * over all steps (bit t & 31 of word t >>> 5 is step t; a million steps x 100 units is 12.5 MB),
 * and the match query of LSTMVis over it (Strobelt et al., "LSTMVis: A Tool for Visual Analysis of
 * Hidden State Dynamics in Recurrent Neural Networks", IEEE TVCG 24(1), 2018).
 *
 * Get one with {@link UnitMatcher.for}: it is built once per dataset, layer, state and threshold
 * and kept with the dataset.
 */
export class UnitMatcher {
  /** The dataset the bitsets describe. */
  readonly dataset: StateDataset;
  /** Layer name (resolved: the top layer's name when none was given). */
  readonly layer: string;
  /** Hidden or cell state. */
  readonly state: UnitStateKind;
  /** A unit is on at a step when its activation is >= threshold. */
  readonly threshold: number;
  /** Number of units. */
  readonly dim: number;
  /** Words per unit: ceil(stepCount / 32). */
  readonly wordCount: number;
  /** Unit u's bitset is words[u * wordCount .. (u + 1) * wordCount). */
  readonly words: Uint32Array;
  #counts: Uint16Array | Uint32Array | null = null;
  #candidates: { start: Uint32Array; end: Uint32Array; sequence: Uint32Array; top: Uint32Array } | null = null;

  private constructor(dataset: StateDataset, layer: string, state: UnitStateKind, threshold: number) {
    const { values, dim } = unitActivations(dataset, layer, state);
    this.dataset = dataset;
    this.layer = layer;
    this.state = state;
    this.threshold = threshold;
    this.dim = dim;
    const steps = dataset.stepCount;
    const wordCount = (steps + 31) >>> 5;
    this.wordCount = wordCount;
    const words = new Uint32Array(dim * wordCount);
    // 32 rows at a time, so each unit's word is written once and the rows stay in cache.
    for (let w = 0; w < wordCount; w++) {
      const first = w << 5;
      const last = Math.min(steps, first + 32);
      for (let u = 0; u < dim; u++) {
        let word = 0;
        for (let t = first, bit = 1, i = first * dim + u; t < last; t++, bit <<= 1, i += dim) {
          if (values[i] >= threshold) word |= bit;
        }
        words[u * wordCount + w] = word;
      }
    }
    this.words = words;
  }

  /**
   * The matcher of a layer's h or c at a threshold: the same instance for the same arguments
   * (cached in a WeakMap keyed by the dataset). Throws a StatescopeError naming `layer`, `state`
   * or `threshold` when one is wrong.
   */
  static for(dataset: StateDataset, rule: Pick<UnitRule, 'layer' | 'state' | 'threshold'>): UnitMatcher {
    const state = rule.state ?? 'hidden';
    unitActivations(dataset, rule.layer, state);
    const threshold = checkThreshold(rule.threshold);
    const layer = dataset.layer(rule.layer).name;
    return perDataset(dataset, `UnitMatcher:${JSON.stringify([layer, state, threshold])}`, () => {
      return new UnitMatcher(dataset, layer, state, threshold);
    });
  }

  /** How many steps a unit is on. */
  onCount(unit: number): number {
    const [u] = checkUnits([unit], this.dim);
    let count = 0;
    for (let w = u * this.wordCount, end = w + this.wordCount; w < end; w++) {
      let x = this.words[w] | 0;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      count += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    return count;
  }

  /** The steps where a unit is on, as a StepSet (a copy). */
  onSteps(unit: number): StepSet {
    const [u] = checkUnits([unit], this.dim);
    const start = u * this.wordCount;
    return new StepSet(this.dataset.stepCount, this.words.slice(start, start + this.wordCount));
  }

  /**
   * Ranked ranges where the given units are on together: LSTMVis's "match" query.
   *
   * Candidates. Per step, count how many of the query units are on. For each level k from the
   * number of query units down to 1, the candidates are the maximal runs of steps where at least k
   * of them are on; a run never crosses a sequence boundary, and a run that is maximal at several
   * levels is one candidate. With `length`, only runs of exactly that many steps are candidates;
   * without, runs of at least `minLength` (2) steps. Candidates that overlap `exclude` are dropped.
   *
   * Score. For each candidate, the units on at every step of it and off in its margins
   * (`offBefore` / `offAfter` steps, clipped at the sequence ends; LSTMVis's "constrain left /
   * right" is a margin of one): `intersection` counts the query units among them, `union` the
   * query units together with the others. Ranked by larger intersection, then smaller union, then
   * (any length) the longer range, then sequence and start. Candidates with no query unit on
   * throughout are not matches.
   *
   * Modes. 'precise' scores every candidate. 'fast' scores, like LSTMVis, only the candidates of
   * the highest levels: it walks the levels down and stops after the first level at which it holds
   * at least `candidates` (1000); a candidate's intersection is at most its highest level, so
   * 'fast' gives the same matches as 'precise' whenever its last match's intersection is at least
   * the level where it stopped. LSTMVis's fast mode also reads only the first 500,000 steps, a
   * memory limit of its server; here both modes read every step.
   *
   * Throws a StatescopeError naming the option (`units[i]`, `length`, `mode`, `limit`, ...) when
   * one is wrong.
   */
  match(units: ArrayLike<number>, options: UnitMatchOptions = {}): UnitMatch[] {
    const dim = this.dim;
    const query = checkUnits(units, dim);
    const mode = options.mode ?? 'fast';
    if (!(UNIT_MATCH_MODES as readonly string[]).includes(mode)) {
      throw new StatescopeError(`must be one of ${UNIT_MATCH_MODES.join(', ')}, got ${JSON.stringify(mode)}`, {
        field: 'mode',
      });
    }
    const length = options.length ?? null;
    if (length !== null && (!Number.isInteger(length) || length < 1)) {
      throw new StatescopeError(`must be a positive integer or null, got ${String(length)}`, { field: 'length' });
    }
    const limit = options.limit ?? 50;
    if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) {
      throw new StatescopeError(`must be a non-negative integer or Infinity, got ${String(limit)}`, { field: 'limit' });
    }
    const minLength = Math.max(1, countOption(options.minLength, 2, 'minLength'));
    const budget = countOption(options.candidates, 1000, 'candidates');
    const offBefore = countOption(options.offBefore, 0, 'offBefore');
    const offAfter = countOption(options.offAfter, 0, 'offAfter');
    const exclude = options.exclude ?? null;
    if (exclude !== null && !(typeof exclude.start === 'number' && typeof exclude.end === 'number')) {
      throw new StatescopeError('must be { start, end } or null', { field: 'exclude' });
    }
    const m = query.length;
    if (m === 0 || limit === 0) return [];

    const counts = this.#countOn(query);
    const found = this.#runs(counts, length, minLength, exclude);
    const { start, end, sequence, top } = this.#candidates!;
    const offsets = this.dataset.offsets;
    const W = this.wordCount;
    const words = this.words;

    // Lowest level to score: 'fast' stops after the level that fills its budget.
    let lowest = 1;
    if (mode === 'fast') {
      const perLevel = new Uint32Array(m + 1);
      for (let c = 0; c < found; c++) perLevel[top[c]]++;
      for (let k = m, held = 0; k >= 1; k--) {
        held += perLevel[k];
        lowest = k;
        if (held >= budget) break;
      }
    }

    // Intersections first (query units only); only the best levels need a union.
    const inter = new Uint32Array(found);
    const perIntersection = new Uint32Array(m + 1);
    for (let c = 0; c < found; c++) {
      if (top[c] < lowest) continue;
      const s = start[c];
      const e = end[c];
      const before = Math.max(offsets[sequence[c]], s - offBefore);
      const after = Math.min(offsets[sequence[c] + 1], e + offAfter);
      let on = 0;
      for (let q = 0; q < m; q++) {
        const base = query[q] * W;
        if (allSetIn(words, base, s, e) && noneSetIn(words, base, before, s) && noneSetIn(words, base, e, after)) on++;
      }
      inter[c] = on;
      perIntersection[on]++;
    }
    let cutoff = 1;
    for (let k = m, held = 0; k >= 1; k--) {
      held += perIntersection[k];
      cutoff = k;
      if (held >= limit) break;
    }

    const isQuery = new Uint8Array(dim);
    for (let q = 0; q < m; q++) isQuery[query[q]] = 1;
    const best = new BestMatches(limit, inter, new Uint32Array(found), start, end);
    for (let c = 0; c < found; c++) {
      const on = inter[c];
      if (on < cutoff || top[c] < lowest) continue;
      const worst = best.worst();
      if (worst >= 0 && on < inter[worst]) continue;
      // A union past the worst kept one's (at equal intersection) cannot enter: stop counting there.
      const bound = worst >= 0 && on === inter[worst] ? best.union[worst] : Infinity;
      const s = start[c];
      const e = end[c];
      const before = Math.max(offsets[sequence[c]], s - offBefore);
      const after = Math.min(offsets[sequence[c] + 1], e + offAfter);
      let union = m;
      for (let u = 0; u < dim && union <= bound; u++) {
        if (isQuery[u]) continue;
        const base = u * W;
        if (allSetIn(words, base, s, e) && noneSetIn(words, base, before, s) && noneSetIn(words, base, e, after)) {
          union++;
        }
      }
      if (union <= bound) best.offer(c, union);
    }

    return best.sorted().map((c) => ({
      sequence: sequence[c],
      start: start[c],
      end: end[c],
      score: inter[c] - best.union[c] / (dim + 1),
      intersection: inter[c],
      union: best.union[c],
    }));
  }

  /** Every step of these matches, as a StepSet of dataset.stepCount (for a brush clause). */
  steps(matches: readonly UnitMatch[]): StepSet {
    const size = this.dataset.stepCount;
    const set = new StepSet(size);
    matches.forEach(({ start, end }, i) => {
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > size || end < start) {
        throw new StatescopeError(`[${String(start)}, ${String(end)}) is not a range of steps in [0, ${size})`, {
          field: `matches[${i}]`,
        });
      }
      for (let t = start; t < end; t++) set.words[t >>> 5] |= 1 << (t & 31);
    });
    return set;
  }

  /** Per step, how many of the query units are on (a buffer reused between queries). */
  #countOn(query: Uint32Array): Uint16Array | Uint32Array {
    const steps = this.dataset.stepCount;
    this.#counts ??= this.dim < 0xffff ? new Uint16Array(steps) : new Uint32Array(steps);
    const counts = this.#counts;
    counts.fill(0);
    const W = this.wordCount;
    const words = this.words;
    for (let q = 0; q < query.length; q++) {
      for (let w = 0, i = query[q] * W; w < W; w++, i++) {
        let x = words[i] | 0;
        const first = w << 5;
        while (x !== 0) {
          const low = x & -x;
          counts[first + 31 - Math.clz32(low)]++;
          x ^= low;
        }
      }
    }
    return counts;
  }

  /**
   * Every distinct maximal run of "at least k query units on", for all k >= 1 at once: a run is
   * maximal for the levels above its neighbours' counts up to its lowest count inside, so one pass
   * with a stack of rising levels per sequence finds them all (each is popped once). Fills the
   * candidate buffers and returns how many.
   */
  #runs(
    counts: Uint16Array | Uint32Array,
    length: number | null,
    minLength: number,
    exclude: { start: number; end: number } | null,
  ): number {
    const steps = this.dataset.stepCount;
    this.#candidates ??= {
      start: new Uint32Array(steps),
      end: new Uint32Array(steps),
      sequence: new Uint32Array(steps),
      top: new Uint32Array(steps),
    };
    const { start, end, sequence, top } = this.#candidates;
    const offsets = this.dataset.offsets;
    let longest = 0;
    for (let s = 0; s + 1 < offsets.length; s++) longest = Math.max(longest, offsets[s + 1] - offsets[s]);
    const stackLevel = new Uint32Array(longest + 1);
    const stackStart = new Uint32Array(longest + 1);
    const excludeStart = exclude ? exclude.start : Infinity;
    const excludeEnd = exclude ? exclude.end : -Infinity;
    let found = 0;
    for (let s = 0; s + 1 < offsets.length; s++) {
      const first = offsets[s];
      const last = offsets[s + 1];
      let sp = 0;
      for (let t = first; t <= last; t++) {
        const level = t < last ? counts[t] : 0;
        let from = t;
        while (sp > 0 && stackLevel[sp - 1] > level) {
          sp--;
          from = stackStart[sp];
          const runLength = t - from;
          const fits = length === null ? runLength >= minLength : runLength === length;
          if (fits && !(from < excludeEnd && t > excludeStart)) {
            start[found] = from;
            end[found] = t;
            sequence[found] = s;
            top[found] = stackLevel[sp];
            found++;
          }
        }
        if (level > 0 && (sp === 0 || stackLevel[sp - 1] < level)) {
          stackLevel[sp] = level;
          stackStart[sp] = from;
          sp++;
        }
      }
    }
    return found;
  }
}

/**
 * The best `limit` candidates seen so far, as a heap with the worst at the root: more
 * intersection, then less union, then longer, then earlier is better.
 */
class BestMatches {
  readonly #heap: number[] = [];
  readonly #limit: number;
  readonly #inter: Uint32Array;
  readonly #start: Uint32Array;
  readonly #end: Uint32Array;

  /** `union[c]` is set for each candidate offered. */
  constructor(
    limit: number,
    inter: Uint32Array,
    readonly union: Uint32Array,
    start: Uint32Array,
    end: Uint32Array,
  ) {
    this.#limit = limit;
    this.#inter = inter;
    this.#start = start;
    this.#end = end;
  }

  /** The worst kept candidate once `limit` are kept, else -1. */
  worst(): number {
    return this.#heap.length >= this.#limit ? this.#heap[0] : -1;
  }

  offer(c: number, union: number): void {
    const heap = this.#heap;
    this.union[c] = union;
    if (heap.length < this.#limit) {
      heap.push(c);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#better(heap[parent], heap[i])) break;
        [heap[parent], heap[i]] = [heap[i], heap[parent]];
        i = parent;
      }
      return;
    }
    if (!this.#better(c, heap[0])) return;
    heap[0] = c;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && this.#better(heap[worst], heap[left])) worst = left;
      if (right < heap.length && this.#better(heap[worst], heap[right])) worst = right;
      if (worst === i) break;
      [heap[worst], heap[i]] = [heap[i], heap[worst]];
      i = worst;
    }
  }

  /** The kept candidates, best first. */
  sorted(): number[] {
    return [...this.#heap].sort((a, b) => (this.#better(a, b) ? -1 : this.#better(b, a) ? 1 : 0));
  }

  /** Whether candidate a ranks before candidate b. */
  #better(a: number, b: number): boolean {
    const inter = this.#inter;
    if (inter[a] !== inter[b]) return inter[a] > inter[b];
    if (this.union[a] !== this.union[b]) return this.union[a] < this.union[b];
    const lengthA = this.#end[a] - this.#start[a];
    const lengthB = this.#end[b] - this.#start[b];
    if (lengthA !== lengthB) return lengthA > lengthB;
    return this.#start[a] < this.#start[b];
  }
}
