// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '@statescope/bus';
import { StateDataset, StepSet } from '@statescope/core';
import { JUMP_CLASS, JUMP_DISTANCE, JUMP_PREDICTION, jumpLabels } from '../src/jumpLabels.js';
import { MUTED_OPACITY, pointLayers } from '../src/pointLayers.js';

// Two sequences: the first jumps in state space at step 1 -> 2 and flips class at 2 -> 3.
const dataset = new StateDataset({
  classes: ['negative', 'positive'],
  tokens: [
    ['a', 'b', 'c', 'd'],
    ['e', 'f'],
  ],
  labels: [1, 0],
  layers: [{ name: 'h', dim: 1, hidden: new Float32Array([0, 0.1, 1, 1.05, 0, 0.2]) }],
  expectedPredictions: new Float32Array([0.45, 0.46, 0.48, 0.9, 0.3, 0.35]),
});

describe('jumpLabels', () => {
  it('labels distance jumps, EP changes and class changes with the word read at the jump', () => {
    const labels = jumpLabels(dataset, 0, { distanceThreshold: 0.4, predictionThreshold: 0.3 });
    expect(labels).toEqual([
      { from: 1, at: 2, reasons: JUMP_DISTANCE },
      { from: 2, at: 3, reasons: JUMP_PREDICTION | JUMP_CLASS },
    ]);
    expect(dataset.token(labels[0].from + 1)).toBe('c');
    const before = jumpLabels(dataset, 0, { distanceThreshold: 0.4, predictionThreshold: 0.3, placement: 'before' });
    expect(before.map((l) => l.at)).toEqual([1, 2]);
    expect(jumpLabels(dataset, 0, { distanceThreshold: 1, predictionThreshold: 1 })).toEqual([
      { from: 2, at: 3, reasons: JUMP_CLASS },
    ]);
    expect(jumpLabels(dataset, 1, { distanceThreshold: 0.4, predictionThreshold: 0.3 })).toEqual([]);
  });
});

describe('pointLayers', () => {
  const packed = Uint32Array.from([1, 2, 3, 4, 5, 6], (v) => (0xff000000 | v) >>> 0);
  const base = { filters: DEFAULT_FILTERS, brushed: null, selected: new Uint32Array(0), fadedOpacity: 0.15 };

  it('draws everything opaque in step order when nothing is filtered', () => {
    const layers = pointLayers(dataset, packed, base);
    expect(Array.from(layers.order)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(layers.colors)).toEqual(Array.from(packed));
  });

  it('fades, mutes and hides, and orders faded points first so that the rest stay on top', () => {
    const faded = Math.round(0.15 * 255);
    const muted = Math.round(MUTED_OPACITY * 255);
    // Sequence 0 (label 1) is predicted 1: correct; sequence 1 (label 0) predicted 0: correct too.
    const fading = pointLayers(dataset, packed, { ...base, filters: { ...DEFAULT_FILTERS, fadeCorrect: true } });
    expect(Array.from(fading.colors, (c) => c >>> 24)).toEqual(new Array(6).fill(faded));
    const selecting = pointLayers(dataset, packed, { ...base, selected: Uint32Array.from([1]) });
    expect(Array.from(selecting.colors, (c) => c >>> 24)).toEqual([muted, muted, muted, muted, 255, 255]);
    expect(Array.from(selecting.order)).toEqual([0, 1, 2, 3, 4, 5]);
    const brushing = pointLayers(dataset, packed, { ...base, brushed: StepSet.of(6, [0, 5]) });
    expect(Array.from(brushing.order)).toEqual([1, 2, 3, 4, 0, 5]);
    const hiding = pointLayers(dataset, packed, { ...base, filters: { ...DEFAULT_FILTERS, classes: [0] } });
    expect(Array.from(hiding.hidden)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(Array.from(hiding.order.subarray(0, hiding.count))).toEqual([4, 5]);
  });
});

describe('placeLabels', () => {
  it('moves a label that would overlap to another side of its point, and drops it when none is free', async () => {
    const { placeLabels } = await import('../src/placeLabels.js');
    const placed = placeLabels(
      [100, 100, 102, 100, 300, 300, 101, 101, 100, 99, 100, 100],
      ['alpha', 'beta', 'far', 'c', 'd', 'e'],
    );
    expect([placed.x[0], placed.y[0], placed.anchor[0]]).toEqual([105, 95, 'start']);
    expect([placed.x[1], placed.y[1], placed.anchor[1]]).toEqual([97, 95, 'end']); // above left
    expect([placed.x[2], placed.y[2]]).toEqual([305, 295]);
    expect([placed.y[3]]).toEqual([115]); // below
    expect([placed.x[4], placed.y[4], placed.anchor[4]]).toEqual([95, 113, 'end']); // below left
    expect(Number.isNaN(placed.x[5])).toBe(true); // every side taken
  });
});
