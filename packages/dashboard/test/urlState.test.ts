import { describe, expect, it } from 'vitest';
import { LinkBus, type BusSnapshot } from '@statescope/bus';
import { StepSet } from '@statescope/core';
import { binaryReviews } from '../../../test/support/datasets.js';
import {
  checkStateFits,
  decodeState,
  encodeState,
  freshState,
  gapsToRuns,
  isFreshState,
  runsToGaps,
  type DashboardState,
} from '../app/urlState.js';

/** The state of a bus with nothing hovered, as the app captures it. */
function stateOf(bus: LinkBus, views: DashboardState['views'] = {}): DashboardState {
  return { bus: { ...bus.snapshot(), focus: -1, focusLength: 1 }, views };
}

/** Encodes a wire object the way the app does (JSON, deflate-raw, base64url), for malformed states. */
async function encodeWire(wire: unknown): Promise<string> {
  const stream = new Blob([JSON.stringify(wire)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return Buffer.from(bytes).toString('base64url');
}

describe('the state in the URL', () => {
  it('round-trips a whole state: selection, brushes with their values, filters, options, views', async () => {
    const bus = new LinkBus();
    bus.selectSequence(4, 'table').selectSequence(9, 'table', 'add');
    bus.brush('map', StepSet.of(1000, [3, 4, 5, 90, 500, 999]), { kind: 'rect', x0: 0.5, y0: -1, x1: 2, y1: 3 });
    bus.brush('histogram', StepSet.range(1000, 0, 600), [0.2, 0.6]);
    bus
      .setFilters({ fadeWrong: true, classes: [1] }, 'overview')
      .setOptions({ colorMode: 'true', distanceThreshold: 0.25 }, 'x');
    bus.setFocus(12, 'map'); // hovering is not state
    const state = stateOf(bus, { map: { projection: 'pca', 'point-size': '3' }, heatmap: { mode: 'aggregate' } });
    const text = await encodeState(state);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a URL as it is
    const decoded = await decodeState(text);
    expect(decoded).toEqual(state);
    const restored = new LinkBus().restore(decoded.bus, 'url');
    expect(restored.snapshot()).toEqual({ ...bus.snapshot(), focus: -1, focusLength: 1 });
  });

  it('keeps a typical state short', async () => {
    const bus = new LinkBus();
    bus.selectSequence(412, 'table').selectSequence(87, 'table', 'add').setOptions({ colorMode: 'predicted' }, 'x');
    expect((await encodeState(stateOf(bus, { map: { projection: 'tsne' } }))).length).toBeLessThan(140);
    // A brush of scattered steps: thousands of runs in a few kilobytes.
    const scattered = new StepSet(96_617);
    for (let s = 0; s < 96_617; s += 7 + (s % 5)) scattered.add(s);
    bus.brush('map', scattered, { kind: 'rect', x0: 0, y0: 0, x1: 1, y1: 1 });
    const text = await encodeState(stateOf(bus));
    expect(text.length).toBeLessThan(scattered.toRanges().length); // under a character per run end
    expect((await decodeState(text)).bus.clauses[0].steps).toEqual(scattered.toRanges());
  });

  it('knows the state a page opens in, which the URL leaves out', () => {
    const bus = new LinkBus().selectSequence(0, 'dashboard');
    expect(isFreshState(stateOf(bus))).toBe(true);
    expect(isFreshState(stateOf(bus, { map: { projection: 'pca' } }))).toBe(false);
    expect(isFreshState(stateOf(bus.setOptions({ colorMode: 'true' }, 'x')))).toBe(false);
    expect(isFreshState(stateOf(new LinkBus().selectSequence(1, 'table')))).toBe(false);
    expect(new LinkBus().restore(freshState().bus, 'url').activeSequence).toBe(0);
  });

  it('writes brush runs as gaps and lengths, and reads them back', () => {
    expect(runsToGaps([3, 5, 9, 10, 10, 12])).toEqual([3, 2, 4, 1, 0, 2]);
    expect(gapsToRuns([3, 2, 4, 1, 0, 2])).toEqual([3, 5, 9, 10, 10, 12]);
  });

  it('names what is wrong with a malformed state', async () => {
    const bad = async (wire: unknown) => decodeState(await encodeWire(wire));
    await expect(decodeState('a*b')).rejects.toThrow('state: expected base64url text');
    await expect(decodeState('AAAA')).rejects.toThrow('state: not a state this app wrote');
    await expect(decodeState(Buffer.from('{').toString('base64url'))).rejects.toThrow(TypeError);
    await expect(bad([1])).rejects.toThrow('state: expected an object');
    await expect(bad({ v: 2, active: 0 })).rejects.toThrow('state.v: expected 1');
    await expect(bad({ v: 1, active: 'x' })).rejects.toThrow('state.active: expected a sequence index or -1');
    await expect(bad({ v: 1, active: 3, selected: [1, 2] })).rejects.toThrow(
      'snapshot.selection.active: expected one of the selected sequences, or -1',
    );
    await expect(bad({ v: 1, active: 0, brushes: [['map', [1, 2]]] })).rejects.toThrow(
      'state.brushes[0]: expected [source, runs, value]',
    );
    await expect(bad({ v: 1, active: 0, steps: 10, brushes: [['map', [8, 5], null]] })).rejects.toThrow(
      /snapshot\.clauses\[0\]\.steps: StepSet range \[8, 13\)/,
    );
    await expect(bad({ v: 1, active: 0, options: { colorMode: 'rainbow' } })).rejects.toThrow(
      'colorMode must be one of "expected", "predicted", "true", got rainbow',
    );
    await expect(bad({ v: 1, active: 0, options: { zoom: 2 } })).rejects.toThrow(
      'state.options.zoom: expected no such option',
    );
    await expect(bad({ v: 1, active: 0, filters: { fadeWrong: 'yes' } })).rejects.toThrow(
      'snapshot.filters.fadeWrong: expected a boolean',
    );
    await expect(bad({ v: 1, active: 0, views: { map: { projection: 3 } } })).rejects.toThrow(
      'state.views.map.projection: expected a string',
    );
  });

  it('checks that the state fits the dataset it is restored on', async () => {
    const data = binaryReviews(); // 3 sequences, 9 steps, 2 classes
    const snapshot = (change: Partial<BusSnapshot>): DashboardState => ({
      bus: { ...new LinkBus().selectSequence(0, 'x').snapshot(), ...change },
      views: {},
    });
    expect(() => checkStateFits(snapshot({}), data)).not.toThrow();
    expect(() => checkStateFits(snapshot({ selection: { active: 3, sequences: [3] } }), data)).toThrow(
      'snapshot.selection.sequences: sequence 3 is not in this dataset (3 sequences)',
    );
    expect(() =>
      checkStateFits(snapshot({ stepCount: 10, clauses: [{ source: 'map', steps: [0, 1], value: null }] }), data),
    ).toThrow('snapshot.stepCount: the brushes cover 10 steps, this dataset has 9');
    expect(() =>
      checkStateFits(snapshot({ filters: { fadeCorrect: false, fadeWrong: false, classes: [2] } }), data),
    ).toThrow('snapshot.filters.classes: class 2 is not in this dataset (2 classes)');
  });
});
