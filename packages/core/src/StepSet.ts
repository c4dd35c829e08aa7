/**
 * A set of step indices in [0, size), stored as a bitset (one bit per step), so that a brush
 * over a million states costs 125 KB and set algebra runs a word at a time.
 */
export class StepSet {
  /** The universe: valid members are 0..size-1. */
  readonly size: number;
  /** The bits, 32 steps per word; bit (i & 31) of word (i >>> 5) is step i. */
  readonly words: Uint32Array;

  constructor(size: number, words?: Uint32Array) {
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`StepSet size must be a non-negative integer, got ${size}`);
    this.size = size;
    const wordCount = (size + 31) >>> 5;
    if (words && words.length !== wordCount) {
      throw new RangeError(`StepSet of size ${size} needs ${wordCount} words, got ${words.length}`);
    }
    this.words = words ?? new Uint32Array(wordCount);
  }

  /** A set holding the given steps. */
  static of(size: number, steps: ArrayLike<number>): StepSet {
    const set = new StepSet(size);
    for (let i = 0; i < steps.length; i++) set.add(steps[i]);
    return set;
  }

  /** A set holding every step in [start, end). */
  static range(size: number, start: number, end: number): StepSet {
    const set = new StepSet(size);
    for (let i = start; i < end; i++) set.add(i);
    return set;
  }

  /** Whether a step is a member (false for steps outside [0, size)). */
  has(step: number): boolean {
    return step >= 0 && step < this.size && (this.words[step >>> 5] & (1 << (step & 31))) !== 0;
  }

  /** Adds a step; throws a RangeError outside [0, size). */
  add(step: number): this {
    this.#check(step);
    this.words[step >>> 5] |= 1 << (step & 31);
    return this;
  }

  /** Removes a step; throws a RangeError outside [0, size). */
  delete(step: number): this {
    this.#check(step);
    this.words[step >>> 5] &= ~(1 << (step & 31));
    return this;
  }

  /** Removes every step. */
  clear(): this {
    this.words.fill(0);
    return this;
  }

  /** Number of members. */
  count(): number {
    let total = 0;
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w];
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** Whether no step is a member. */
  isEmpty(): boolean {
    for (let w = 0; w < this.words.length; w++) if (this.words[w] !== 0) return false;
    return true;
  }

  /** The members in ascending order. */
  toArray(): Uint32Array {
    const out = new Uint32Array(this.count());
    let k = 0;
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w];
      while (v !== 0) {
        const low = v & -v;
        out[k++] = (w << 5) + 31 - Math.clz32(low);
        v ^= low;
      }
    }
    return out;
  }

  /**
   * The members as runs of consecutive steps, flattened: [start0, end0, start1, end1, ...] with
   * each end exclusive. Compact plain JSON for brushes, which are mostly runs (a sequence, a
   * region of the map in leaf order).
   */
  toRanges(): number[] {
    const ranges: number[] = [];
    const members = this.toArray();
    for (let i = 0; i < members.length;) {
      const start = members[i];
      let end = start + 1;
      while (++i < members.length && members[i] === end) end++;
      ranges.push(start, end);
    }
    return ranges;
  }

  /** The set {@link toRanges} describes; throws a RangeError on a run that is out of order or of bounds. */
  static fromRanges(size: number, ranges: ArrayLike<number>): StepSet {
    const set = new StepSet(size);
    if (ranges.length % 2 !== 0) throw new RangeError(`StepSet ranges come in pairs, got ${ranges.length} numbers`);
    let previous = 0;
    for (let r = 0; r < ranges.length; r += 2) {
      const [start, end] = [ranges[r], ranges[r + 1]];
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < previous || end <= start || end > size) {
        throw new RangeError(`StepSet range [${start}, ${end}) is out of order or outside [0, ${size})`);
      }
      for (let i = start; i < end; i++) set.words[i >>> 5] |= 1 << (i & 31);
      previous = end;
    }
    return set;
  }

  /** A copy that shares nothing with this set. */
  clone(): StepSet {
    return new StepSet(this.size, this.words.slice());
  }

  /** Keeps only the steps also in `other` (in place). */
  intersect(other: StepSet): this {
    this.#checkSize(other);
    for (let w = 0; w < this.words.length; w++) this.words[w] &= other.words[w];
    return this;
  }

  /** Adds the steps of `other` (in place). */
  union(other: StepSet): this {
    this.#checkSize(other);
    for (let w = 0; w < this.words.length; w++) this.words[w] |= other.words[w];
    return this;
  }

  /** Whether both sets have the same size and the same members. */
  equals(other: StepSet): boolean {
    if (other.size !== this.size) return false;
    for (let w = 0; w < this.words.length; w++) if (this.words[w] !== other.words[w]) return false;
    return true;
  }

  #check(step: number): void {
    if (!Number.isInteger(step) || step < 0 || step >= this.size) {
      throw new RangeError(`step ${step} is outside this StepSet of size ${this.size}`);
    }
  }

  #checkSize(other: StepSet): void {
    if (other.size !== this.size) throw new RangeError(`StepSet sizes differ: ${this.size} and ${other.size}`);
  }
}
