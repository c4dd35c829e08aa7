import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressBar } from '../src/ProgressBar.js';

function log() {
  const lines: string[] = [];
  return { lines, out: { isTTY: false, write: (text: string) => void lines.push(text.trimEnd()) } };
}

describe('ProgressBar', () => {
  afterEach(() => vi.useRealTimers());

  it('estimates the time left from the pace of the iterations, not from the set-up before the first', () => {
    vi.useFakeTimers();
    const { lines, out } = log();
    const bar = new ProgressBar(out);
    vi.advanceTimersByTime(8000); // neighbour search: no iterations yet
    bar.update(0, 100, 'iteration 0 of 100');
    vi.advanceTimersByTime(1000);
    bar.update(10, 100, 'iteration 10 of 100');
    // 10 iterations a second: 9 s left (the old estimate from all 9 s elapsed said 81 s).
    expect(lines.at(-1)).toBe('[##----------------------] iteration 10 of 100, 9.0 s elapsed, about 9.0 s left');
    expect(lines[0]).toBe('[------------------------] iteration 0 of 100, 8.0 s elapsed');
  });

  it('prints one line per tenth when the output is not a terminal', () => {
    vi.useFakeTimers();
    const { lines, out } = log();
    const bar = new ProgressBar(out);
    for (let done = 0; done <= 100; done++) {
      vi.advanceTimersByTime(10);
      bar.update(done, 100, `iteration ${done}`);
    }
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toMatch(/^\[#{24}\] iteration 100, .* about 0\.0 s left$/);
  });
});
