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
    const widths = ['alpha', 'beta', 'far', 'c', 'd', 'e'].map((text) => text.length * 6.5);
    const placed = placeLabels([100, 100, 102, 100, 300, 300, 101, 101, 100, 99, 100, 100], widths, {
      ascent: 10,
      descent: 2,
      gap: 0,
    });
    expect([placed.x[0], placed.y[0], placed.anchor[0]]).toEqual([105, 95, 'start']);
    expect([placed.x[1], placed.y[1], placed.anchor[1]]).toEqual([97, 95, 'end']); // above left
    expect([placed.x[2], placed.y[2]]).toEqual([305, 295]);
    expect([placed.y[3]]).toEqual([114]); // below
    expect([placed.x[4], placed.y[4], placed.anchor[4]]).toEqual([95, 112, 'end']); // below left
    expect(Number.isNaN(placed.x[5])).toBe(true); // every side taken
    expect(Array.from(placed.boxes.subarray(0, 4))).toEqual([105, 85, 105 + 5 * 6.5, 97]);
  });

  it('keeps labels inside the map and off the panels over it, with a gap around each', async () => {
    const { placeLabels } = await import('../src/placeLabels.js');
    const placed = placeLabels([195, 50, 50, 50, 50, 50], [30, 30, 30], {
      ascent: 10,
      descent: 3,
      gap: 2,
      bounds: [200, 100],
      obstacles: [40, 20, 120, 47], // a panel over the first spot above the second point
    });
    expect(placed.anchor[0]).toBe('end'); // no room on the right edge
    expect([placed.x[1], placed.y[1]]).toEqual([55, 63]); // below right: above is under the panel
    expect([placed.x[2], placed.y[2], placed.anchor[2]]).toEqual([45, 63, 'end']); // beside it, 4 px apart
    expect(placed.boxes[4 * 2 + 2]).toBeLessThanOrEqual(placed.boxes[4 * 1]);
  });
});

describe('rankJumpLabels', () => {
  it('puts class changes first, then the larger distance or prediction change', async () => {
    const { rankJumpLabels } = await import('../src/jumpLabels.js');
    const labels = jumpLabels(dataset, 0, { distanceThreshold: 0, predictionThreshold: 0 });
    expect(labels.map((l) => l.from)).toEqual([0, 1, 2]);
    // 2 -> 3 flips the class; 1 -> 2 is the long jump (distance 1); 0 -> 1 is short.
    expect(rankJumpLabels(dataset, labels).map((l) => l.from)).toEqual([2, 1, 0]);
  });
});

describe('trajectoryPage', () => {
  it('draws the active sequence and eleven others per page, and counts the rest', async () => {
    const { trajectoryPage } = await import('../src/TrajectoryPager.js');
    const selected = Uint32Array.from({ length: 40 }, (_, k) => 10 + k);
    const first = trajectoryPage(selected, 10, 0);
    expect(first.sequences).toEqual([...Array.from({ length: 11 }, (_, k) => 11 + k), 10]);
    expect([first.notShown, first.pageCount]).toEqual([28, 4]); // 39 others, 11 a page
    const second = trajectoryPage(selected, 10, 1);
    expect(second.sequences).toEqual([...Array.from({ length: 11 }, (_, k) => 22 + k), 10]);
    const last = trajectoryPage(selected, 10, 9); // past the end: the last page
    expect([last.page, last.sequences.length, last.notShown]).toEqual([3, 7, 33]);
    const few = trajectoryPage(Uint32Array.from([3, 5]), 5, 0);
    expect([few.sequences, few.notShown, few.pageCount]).toEqual([[3, 5], 0, 1]);
    expect(trajectoryPage(new Uint32Array(0), -1, 0).sequences).toEqual([]);
  });
});
