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
});
