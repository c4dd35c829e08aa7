import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepSet } from '@statescope/core';

describe('StepSet', () => {
  it('adds, removes, counts and lists steps across word boundaries', () => {
    const set = StepSet.of(100, [0, 31, 32, 63, 64, 99]);
    expect(set.count()).toBe(6);
    expect(Array.from(set.toArray())).toEqual([0, 31, 32, 63, 64, 99]);
    expect(set.has(31) && set.has(32) && !set.has(33) && !set.has(100) && !set.has(-1)).toBe(true);
    set.delete(31);
    expect(set.count()).toBe(5);
    expect(set.clear().isEmpty()).toBe(true);
    expect(set.words).toHaveLength(4);
  });

  it('intersects, unites, compares and clones', () => {
    const a = StepSet.range(70, 10, 40);
    const b = StepSet.range(70, 30, 70);
    expect(Array.from(a.clone().intersect(b).toArray())).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    expect(a.clone().union(b).count()).toBe(60);
    expect(a.equals(StepSet.range(70, 10, 40))).toBe(true);
    expect(a.equals(b)).toBe(false);
    expect(() => a.intersect(new StepSet(71))).toThrow(/sizes differ: 70 and 71/);
  });

  it('rejects steps outside its size', () => {
    expect(() => new StepSet(10).add(10)).toThrow(/step 10 is outside this StepSet of size 10/);
    expect(() => new StepSet(10).add(1.5)).toThrow(RangeError);
  });

  it('writes its members as runs and reads them back, for any set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(fc.nat(199)), (size, steps) => {
        const set = StepSet.of(
          size,
          steps.filter((step) => step < size),
        );
        const ranges = set.toRanges();
        expect(StepSet.fromRanges(size, ranges).equals(set)).toBe(true);
        // runs are maximal: no run ends where the next starts
        for (let r = 2; r < ranges.length; r += 2) expect(ranges[r]).toBeGreaterThan(ranges[r - 1]);
      }),
    );
    expect(StepSet.of(100, [1, 2, 3, 7, 40, 41]).toRanges()).toEqual([1, 4, 7, 8, 40, 42]);
  });

  it('refuses runs out of order, empty or outside its size', () => {
    expect(() => StepSet.fromRanges(10, [5, 8, 2, 3])).toThrow(/\[2, 3\) is out of order/);
    expect(() => StepSet.fromRanges(10, [4, 4])).toThrow(RangeError);
    expect(() => StepSet.fromRanges(10, [8, 11])).toThrow(/outside \[0, 10\)/);
    expect(() => StepSet.fromRanges(10, [1])).toThrow(/pairs/);
  });
});
