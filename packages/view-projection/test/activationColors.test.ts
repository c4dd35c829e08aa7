import { describe, expect, it } from 'vitest';
import { syntheticDataset } from './syntheticDataset.js';
import { activationColors } from '../src/activationColors.js';

describe('activationColors', () => {
  it('spans the values symmetrically around zero, purple below and orange above', () => {
    const data = syntheticDataset({ sequences: 20, length: 10 });
    const coloring = activationColors(data, { layer: 'h', state: 'hidden', units: [0] });
    const x = data.layer().hidden.filter((_, i) => i % 2 === 0);
    const magnitudes = Float32Array.from(x, Math.abs).sort();
    expect(coloring.extent).toBe(magnitudes[Math.floor(0.995 * magnitudes.length)]);
    const rgb = (step: number) => new Uint8Array(Uint32Array.of(coloring.packed[step]).buffer);
    const lowest = x.indexOf(Math.min(...x));
    const highest = x.indexOf(Math.max(...x));
    expect(rgb(lowest)[2]).toBeGreaterThan(rgb(lowest)[0]); // purple: more blue than red
    expect(rgb(highest)[0]).toBeGreaterThan(rgb(highest)[2]); // orange: more red than blue
  });

  it('falls back to unit 0 of the top layer when the picked units belong to another dataset', () => {
    const data = syntheticDataset({ sequences: 5, length: 4 });
    for (const picked of [
      { layer: 'lstm', state: 'hidden' as const, units: [0] },
      { layer: 'h', state: 'cell' as const, units: [0] },
      { layer: 'h', state: 'hidden' as const, units: [5] },
      null,
    ]) {
      const coloring = activationColors(data, picked);
      expect(coloring.units).toEqual({ layer: 'h', state: 'hidden', units: [0] });
      expect(coloring.title).toBe('Activation of unit 0 (h, h)');
    }
  });
});
