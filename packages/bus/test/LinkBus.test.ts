import { describe, expect, it, vi } from 'vitest';
import { StepSet } from '@statescope/core';
import { LinkBus, type BusEventMap } from '@statescope/bus';

function record<K extends keyof BusEventMap>(bus: LinkBus, type: K): BusEventMap[K][] {
  const events: BusEventMap[K][] = [];
  bus.on(type, (event) => events.push(event));
  return events;
}

describe('focus', () => {
  it('delivers the focused step synchronously, with its source, once per change', () => {
    const bus = new LinkBus();
    const events = record(bus, 'focus');
    bus.setFocus(12, 'map');
    expect(events).toEqual([{ type: 'focus', step: 12, length: 1, source: 'map' }]);
    bus.setFocus(12, 'table');
    expect(events).toHaveLength(1);
    bus.setFocus(null, 'map');
    expect(bus.focus).toBe(-1);
    expect(events.at(-1)).toEqual({ type: 'focus', step: -1, length: 0, source: 'map' });
    expect(() => bus.setFocus(-5, 'map')).toThrow(RangeError);
  });

  it('focuses two steps at once for the distance between them', () => {
    const bus = new LinkBus();
    const events = record(bus, 'focus');
    bus.setFocus(7, 'histogram', 2);
    expect([bus.focus, bus.focusLength]).toEqual([7, 2]);
    bus.setFocus(7, 'sequence');
    expect(bus.focusLength).toBe(1);
    expect(events.map((e) => e.length)).toEqual([2, 1]);
    expect(() => bus.setFocus(7, 'x', 0)).toThrow(/focus length must be >= 1/);
  });
});

describe('selection', () => {
  it('replaces, adds and toggles sequences; the last added is active', () => {
    const bus = new LinkBus();
    const events = record(bus, 'selection');
    bus.selectSequence(4, 'table');
    bus.selectSequence(2, 'map', 'add');
    expect(bus.activeSequence).toBe(2);
    expect(Array.from(bus.selectedSequences)).toEqual([2, 4]);
    bus.selectSequence(2, 'map', 'toggle');
    expect(bus.activeSequence).toBe(4);
    expect(Array.from(bus.selectedSequences)).toEqual([4]);
    bus.selectSequence(4, 'table', 'replace'); // unchanged: no event
    bus.clearSelection('table');
    expect(bus.activeSequence).toBe(-1);
    expect(events.map((e) => [e.active, Array.from(e.sequences), e.source])).toEqual([
      [4, [4], 'table'],
      [2, [2, 4], 'map'],
      [4, [4], 'map'],
      [-1, [], 'table'],
    ]);
  });

  it('sets a whole selection and checks the active member', () => {
    const bus = new LinkBus();
    bus.setSelection([9, 3, 3, 5], 'overview', 5);
    expect(Array.from(bus.selectedSequences)).toEqual([3, 5, 9]);
    expect(bus.isSelected(9) && !bus.isSelected(4)).toBe(true);
    expect(() => bus.setSelection([1, 2], 'x', 7)).toThrow(/active sequence 7 is not among/);
  });

  it('hands out copies, so a listener cannot corrupt the selection', () => {
    const bus = new LinkBus();
    bus.on('selection', (e) => e.sequences.fill(99));
    bus.setSelection([1, 2], 'x');
    bus.selectedSequences.fill(77);
    expect(Array.from(bus.selectedSequences)).toEqual([1, 2]);
  });
});

describe('brush clauses keyed by source', () => {
  it('combines the other views’ clauses, never a view’s own', () => {
    const bus = new LinkBus();
    const events = record(bus, 'brush');
    bus.brush('map', StepSet.range(10, 0, 6)); // 0..5
    bus.brush('histogram', StepSet.of(10, [4, 5, 6, 7])); // 4..7
    expect(Array.from(bus.brushed()!.toArray())).toEqual([4, 5]);
    expect(Array.from(bus.brushed('map')!.toArray())).toEqual([4, 5, 6, 7]);
    expect(Array.from(bus.brushed('histogram')!.toArray())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bus.brushed('table')!.count()).toBe(2);
    expect(events.map((e) => [e.source, e.steps?.count() ?? null])).toEqual([
      ['map', 6],
      ['histogram', 4],
    ]);
  });

  it('clears a clause with null or an empty set; a lone view is unconstrained by itself', () => {
    const bus = new LinkBus();
    bus.brush('map', StepSet.of(8, [1]));
    expect(bus.brushed('map')).toBeNull();
    const events = record(bus, 'brush');
    bus.brush('map', new StepSet(8));
    expect(bus.clause('map')).toBeNull();
    expect(bus.brushed()).toBeNull();
    bus.brush('map', null); // already clear: no event
    expect(events).toEqual([{ type: 'brush', source: 'map', steps: null, value: null }]);
  });

  it('keeps its own copy of a clause and refuses clauses of another size', () => {
    const bus = new LinkBus();
    const mine = StepSet.of(8, [1, 2]);
    bus.brush('map', mine);
    mine.add(3);
    expect(bus.clause('map')!.steps.count()).toBe(2);
    bus.brush('map', StepSet.of(8, [1, 2])); // equal: no event
    expect(() => bus.brush('table', new StepSet(9).add(0))).toThrow(/covers 9 steps, "map" covers 8/);
    bus.clearBrushes();
    expect(bus.brushSources).toEqual([]);
  });

  it('caches one result per clause, not one per view that asks: views come and go for free', () => {
    const bus = new LinkBus();
    bus.brush('map', StepSet.of(8, [1, 2, 3]));
    bus.brush('table', StepSet.of(8, [2, 3, 4]));
    const unfiltered = bus.brushed();
    // Thousands of mounted views, each asking under its own name without a clause of its own,
    // all get the one shared result (the cache used to keep an entry per name, forever).
    for (let view = 0; view < 5000; view++) expect(bus.brushed(`hs-sequence-${view}`)).toBe(unfiltered);
    expect(unfiltered!.toArray()).toEqual(Uint32Array.from([2, 3]));
    expect(bus.brushed('map')!.toArray()).toEqual(Uint32Array.from([2, 3, 4]));
    expect(bus.brushed('map')).toBe(bus.brushed('map'));
    bus.brush('map', null);
    expect(bus.brushed('hs-sequence-1')!.toArray()).toEqual(Uint32Array.from([2, 3, 4]));
  });
});

describe('filters and shared options', () => {
  it('publishes only real changes, with the changed keys', () => {
    const bus = new LinkBus();
    const options = record(bus, 'options');
    const filters = record(bus, 'filter');
    expect(bus.options).toEqual({
      colorMode: 'expected',
      distanceThreshold: 0.4,
      predictionThreshold: 0.3,
      units: null,
    });
    bus.setOptions({ distanceThreshold: 0.55, colorMode: 'expected' }, 'histogram');
    bus.setOptions({ distanceThreshold: 0.55 }, 'histogram');
    expect(options).toHaveLength(1);
    expect(options[0].changed).toEqual(['distanceThreshold']);
    expect(options[0].options.distanceThreshold).toBe(0.55);
    expect(() => bus.setOptions({ colorMode: 'rainbow' as never }, 'x')).toThrow(/colorMode must be/);
    expect(() => bus.setOptions({ predictionThreshold: 2 }, 'x')).toThrow(
      /predictionThreshold must be a number in \[0, 1\]/,
    );

    bus.setFilters({ fadeCorrect: true, classes: [2, 0, 2] }, 'overview');
    expect(bus.filters).toEqual({ fadeCorrect: true, fadeWrong: false, classes: [0, 2] });
    bus.setFilters({ classes: [0, 2] }, 'overview');
    expect(filters).toHaveLength(1);
  });

  it('keeps a unit selection sorted and unique, and tells only when it really changed', () => {
    const bus = new LinkBus();
    const options = record(bus, 'options');
    bus.setOptions({ units: { layer: 'lstm', state: 'hidden', units: [7, 2, 7] } }, 'units');
    expect(bus.options.units).toEqual({ layer: 'lstm', state: 'hidden', units: [2, 7] });
    bus.setOptions({ units: { layer: 'lstm', state: 'hidden', units: [2, 7] } }, 'units');
    expect(options).toHaveLength(1);
    bus.setOptions({ units: { layer: 'lstm', state: 'cell', units: [2, 7] } }, 'units');
    bus.setOptions({ units: null }, 'units');
    expect(options.map((e) => e.changed)).toEqual([['units'], ['units'], ['units']]);
    expect(() => bus.setOptions({ units: { layer: 'lstm', state: 'gate' as never, units: [] } }, 'x')).toThrow(
      /units.state must be "hidden" or "cell"/,
    );
    expect(() => bus.setOptions({ units: { layer: 'lstm', state: 'hidden', units: [1, -3] } }, 'x')).toThrow(
      /units.units\[1\] must be a non-negative integer/,
    );
    expect(bus.options.units).toBeNull();
    const restored = new LinkBus().restore(
      JSON.parse(
        JSON.stringify(new LinkBus({ options: { units: { layer: 'l', state: 'cell', units: [3] } } }).snapshot()),
      ),
      'test',
    );
    expect(restored.options.units).toEqual({ layer: 'l', state: 'cell', units: [3] });
  });

  it('takes initial options and filters', () => {
    const bus = new LinkBus({ options: { colorMode: 'true' }, filters: { fadeWrong: true } });
    expect(bus.options.colorMode).toBe('true');
    expect(bus.filters.fadeWrong).toBe(true);
  });
});

describe('subscriptions', () => {
  it('unsubscribing retains nothing, by function or by AbortSignal', () => {
    const bus = new LinkBus();
    const listener = vi.fn();
    const off = bus.on('focus', listener);
    const controller = new AbortController();
    bus.on('brush', listener, { signal: controller.signal });
    bus.on('selection', listener, { signal: controller.signal });
    expect(bus.listenerCount()).toBe(3);
    off();
    off();
    controller.abort();
    expect(bus.listenerCount()).toBe(0);
    bus.setFocus(1, 'x');
    bus.selectSequence(1, 'x');
    expect(listener).not.toHaveBeenCalled();
  });

  it('delivers to every listener even when one throws, then reports the failure', () => {
    const bus = new LinkBus();
    const second = vi.fn();
    bus.on('focus', () => {
      throw new Error('view crashed');
    });
    bus.on('focus', second);
    expect(() => bus.setFocus(3, 'x')).toThrow('view crashed');
    expect(second).toHaveBeenCalledOnce();
    expect(bus.focus).toBe(3);
  });

  it('a listener that unsubscribes another during delivery does not break the round', () => {
    const bus = new LinkBus();
    const calls: string[] = [];
    const offB = bus.on('focus', () => calls.push('b'));
    bus.on('focus', () => {
      calls.push('a');
      offB();
    });
    bus.setFocus(1, 'x');
    bus.setFocus(2, 'x');
    expect(calls).toEqual(['b', 'a', 'a']);
  });
});

describe('clause values', () => {
  it('keeps what was brushed beside the steps, as its own copy, and tells it in the event', () => {
    const bus = new LinkBus();
    const events = record(bus, 'brush');
    const rectangle = { kind: 'rect', x0: 0.1, y0: 0.2, x1: 0.5, y1: 0.9 };
    bus.brush('map', StepSet.of(8, [1, 2]), rectangle);
    rectangle.x0 = 99;
    expect(bus.clause('map')!.value).toEqual({ kind: 'rect', x0: 0.1, y0: 0.2, x1: 0.5, y1: 0.9 });
    expect(Object.isFrozen(bus.clause('map'))).toBe(true);
    expect(events[0].value).toEqual({ kind: 'rect', x0: 0.1, y0: 0.2, x1: 0.5, y1: 0.9 });
    // the same steps with another value is a change; the same steps and value is not
    bus.brush('map', StepSet.of(8, [1, 2]), { kind: 'rect', x0: 0.1, y0: 0.2, x1: 0.6, y1: 0.9 });
    bus.brush('map', StepSet.of(8, [1, 2]), { kind: 'rect', x0: 0.1, y0: 0.2, x1: 0.6, y1: 0.9 });
    expect(events).toHaveLength(2);
    bus.brush('map', null);
    expect(events[2]).toEqual({ type: 'brush', source: 'map', steps: null, value: null });
  });
});

describe('snapshot and restore', () => {
  function busWithEverything(): LinkBus {
    const bus = new LinkBus();
    bus.setFocus(5, 'map', 2);
    bus.selectSequence(3, 'table');
    bus.selectSequence(1, 'table', 'add');
    bus.brush('map', StepSet.of(100, [1, 2, 3, 50, 99]), { kind: 'lasso', polygon: [0, 0, 1, 0, 1, 1] });
    bus.brush('histogram', StepSet.range(100, 40, 60), { range: [0.25, 0.75] });
    bus.setFilters({ fadeCorrect: true, classes: [2, 0] }, 'overview');
    bus.setOptions({ colorMode: 'predicted', distanceThreshold: 0.4 }, 'histogram');
    return bus;
  }

  it('is plain JSON, and a fresh bus restored from it holds the same and tells its views', () => {
    const original = busWithEverything();
    const json = JSON.parse(JSON.stringify(original.snapshot()));
    expect(json).toEqual(original.snapshot());
    const restored = new LinkBus();
    const heard = { focus: record(restored, 'focus'), brush: record(restored, 'brush') };
    const selection = record(restored, 'selection');
    const filters = record(restored, 'filter');
    const options = record(restored, 'options');
    restored.restore(json, 'url');
    expect(restored.snapshot()).toEqual(original.snapshot());
    expect([restored.focus, restored.focusLength]).toEqual([5, 2]);
    expect(restored.activeSequence).toBe(1);
    expect(Array.from(restored.selectedSequences)).toEqual([1, 3]);
    expect(restored.clause('map')!.steps.toArray()).toEqual(Uint32Array.from([1, 2, 3, 50, 99]));
    expect(restored.clause('histogram')!.value).toEqual({ range: [0.25, 0.75] });
    expect(restored.brushed('map')!.count()).toBe(20);
    expect(restored.filters).toEqual({ fadeCorrect: true, fadeWrong: false, classes: [0, 2] });
    expect(restored.options.colorMode).toBe('predicted');
    expect(heard.focus).toHaveLength(1);
    expect(heard.brush.map((e) => e.source)).toEqual(['map', 'histogram']);
    expect([selection.length, filters.length, options.length]).toEqual([1, 1, 1]);
    expect(selection[0].source).toBe('url');
  });

  it('clears the clauses of sources the snapshot does not name', () => {
    const bus = busWithEverything();
    const empty = new LinkBus().snapshot();
    bus.restore(empty, 'reset');
    expect(bus.brushSources).toEqual([]);
    expect(bus.snapshot()).toEqual(empty);
  });

  it('refuses a broken snapshot with the field at fault, changing nothing', () => {
    const bus = busWithEverything();
    const before = bus.snapshot();
    const broken = (edit: (s: Record<string, any>) => void) => {
      const snapshot = JSON.parse(JSON.stringify(before));
      edit(snapshot);
      return snapshot;
    };
    expect(() => bus.restore({ format: 'other' }, 'x')).toThrow(/snapshot.format: expected "statescope-bus"/);
    expect(() =>
      bus.restore(
        broken((s) => (s.selection.sequences = [1, -2])),
        'x',
      ),
    ).toThrow(/snapshot.selection.sequences/);
    expect(() =>
      bus.restore(
        broken((s) => (s.clauses[1].steps = [60, 40])),
        'x',
      ),
    ).toThrow(/snapshot.clauses\[1\].steps: StepSet range \[60, 40\)/);
    expect(() =>
      bus.restore(
        broken((s) => (s.clauses[0].steps = [1, 101])),
        'x',
      ),
    ).toThrow(/outside \[0, 100\)/);
    expect(() =>
      bus.restore(
        broken((s) => (s.options.colorMode = 'rainbow')),
        'x',
      ),
    ).toThrow(/colorMode/);
    expect(() =>
      bus.restore(
        broken((s) => (s.filters.classes = 'all')),
        'x',
      ),
    ).toThrow(/snapshot.filters.classes/);
    expect(() =>
      bus.restore(
        broken((s) => (s.selection.active = 7)),
        'x',
      ),
    ).toThrow(/snapshot.selection.active/);
    expect(bus.snapshot()).toEqual(before);
  });
});

describe('the provisional sequence', () => {
  const whatIf = (steps: number) => ({
    id: 'what-if',
    tokens: Array.from({ length: steps }, (_, i) => `w${i}`),
    unknown: new Uint8Array(steps),
    expected: new Float32Array(2 * steps).fill(0.5),
    hidden: new Float32Array(3 * steps),
    coordinates: { tsne: new Float32Array(2 * steps) },
    original: -1,
  });

  it('is set, replaced and cleared with one event each, and stays out of snapshots', () => {
    const bus = new LinkBus();
    const heard = record(bus, 'provisional');
    const first = whatIf(3);
    bus.setProvisional(first, 'whatif');
    bus.setProvisional(first, 'whatif');
    expect(bus.provisional).toBe(first);
    bus.setProvisional(null, 'whatif');
    expect(heard.map((e) => [e.sequence?.tokens.length ?? null, e.source])).toEqual([
      [3, 'whatif'],
      [null, 'whatif'],
    ]);
    bus.setProvisional(whatIf(2), 'whatif');
    expect(JSON.stringify(bus.snapshot())).not.toContain('what-if');
  });

  it('names the field whose size does not fit the tokens, and keeps what it had', () => {
    const bus = new LinkBus();
    const kept = whatIf(2);
    bus.setProvisional(kept, 'whatif');
    expect(() => bus.setProvisional({ ...whatIf(3), unknown: new Uint8Array(2) }, 'x')).toThrow(
      /provisional.unknown: expected a Uint8Array of 3/,
    );
    expect(() => bus.setProvisional({ ...whatIf(3), expected: new Float32Array(7) }, 'x')).toThrow(
      /provisional.expected: expected a Float32Array of 3 rows/,
    );
    expect(() => bus.setProvisional({ ...whatIf(3), coordinates: { pca: new Float32Array(4) } }, 'x')).toThrow(
      /provisional.coordinates.pca: expected a Float32Array of 6/,
    );
    expect(() => bus.setProvisional({ ...whatIf(1), tokens: [] }, 'x')).toThrow(/provisional.tokens/);
    expect(bus.provisional).toBe(kept);
  });
});
