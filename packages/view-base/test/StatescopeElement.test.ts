// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkBus } from '@statescope/bus';
import { StepSet } from '@statescope/core';
import { StatescopeElement, sharedBus } from '@statescope/view-base';
import { tinyDataset } from './tinyDataset.js';

class ProbeView extends StatescopeElement {
  renders = 0;
  focused: number[] = [];
  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', (e) => (this.focused.push(e.step), this.requestRender()), { signal });
  }
  protected render(): void {
    this.renders++;
    this.root.textContent = this.data ? `${this.data.sequenceCount} sequences` : 'no data';
  }
}
customElements.define('probe-view', ProbeView);

/** A view whose gestures are calls: the base class's publish path, as every view uses it. */
class GestureView extends ProbeView {
  hover(step: number, length?: number) {
    this.publishFocus(step, length);
  }
  pick(sequence: number, mode?: 'replace' | 'add' | 'toggle') {
    this.publishSelect(sequence, mode);
  }
  sweep(steps: StepSet | null, value?: { range: number[] }) {
    this.publishBrush(steps, value);
  }
  fade() {
    this.publishFilters({ fadeCorrect: true });
  }
  recolour() {
    this.publishOptions({ colorMode: 'true' });
  }
}
customElements.define('gesture-view', GestureView);

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

afterEach(() => document.body.replaceChildren());

describe('one publish path per gesture', () => {
  it('tells the bus and the page together, each change once, with complete details', () => {
    const view = document.body.appendChild(new GestureView());
    view.data = tinyDataset(6);
    const heard: [string, unknown][] = [];
    for (const type of ['hs-focus', 'hs-select', 'hs-brush', 'hs-filter', 'hs-options'] as const) {
      document.body.addEventListener(type, (event) => heard.push([type, event.detail]));
    }
    view.hover(2, 2);
    view.hover(2, 2); // the same again: no news
    view.hover(-1);
    view.pick(0);
    view.pick(0);
    const steps = StepSet.of(6, [1, 2]);
    view.sweep(steps, { range: [0.1, 0.4] });
    view.sweep(StepSet.of(6, [1, 2]), { range: [0.1, 0.4] });
    view.sweep(null);
    view.fade();
    view.recolour();
    expect(heard.map(([type, detail]) => [type, JSON.parse(JSON.stringify(detail))])).toEqual([
      ['hs-focus', { step: 2, length: 2 }],
      ['hs-focus', { step: -1, length: 0 }],
      ['hs-select', { sequence: 0, mode: 'replace', sequences: [0] }],
      ['hs-brush', { steps: { size: 6, words: { 0: 6 } }, value: { range: [0.1, 0.4] } }],
      ['hs-brush', { steps: null, value: null }],
      ['hs-filter', { filters: { fadeCorrect: true, fadeWrong: false, classes: null } }],
      [
        'hs-options',
        {
          options: { colorMode: 'true', distanceThreshold: 0.4, predictionThreshold: 0.3, units: null },
          changed: ['colorMode'],
        },
      ],
    ]);
    expect([view.bus.focus, view.bus.activeSequence, view.bus.filters.fadeCorrect]).toEqual([-1, 0, true]);
  });
});

describe('StatescopeElement', () => {
  it('redraws once per frame however many changes arrive', async () => {
    const view = document.body.appendChild(new ProbeView());
    await nextFrame();
    const before = view.renders;
    for (let step = 0; step < 10; step++) view.bus.setFocus(step, 'test');
    view.data = tinyDataset();
    await nextFrame();
    expect(view.renders).toBe(before + 1);
    expect(view.focused).toHaveLength(10);
    expect(view.shadowRoot!.textContent).toBe('1 sequences');
  });

  it('listens only while connected, and follows a new bus', () => {
    const view = new ProbeView();
    const bus = new LinkBus();
    view.bus = bus;
    expect(bus.listenerCount()).toBe(0);
    document.body.append(view);
    expect(bus.listenerCount()).toBe(1);
    const other = new LinkBus();
    view.bus = other;
    expect(bus.listenerCount()).toBe(0);
    expect(other.listenerCount()).toBe(1);
    view.remove();
    expect(other.listenerCount()).toBe(0);
  });

  it('takes a bus name as its bus property (as React 19 and Vue set it), like the attribute', async () => {
    const { sharedBus } = await import('../src/sharedBus.js');
    const view = document.body.appendChild(new ProbeView());
    const own = new LinkBus();
    view.bus = own;
    view.bus = 'property-named';
    expect(view.getAttribute('bus')).toBe('property-named');
    expect(view.bus).toBe(sharedBus('property-named'));
    expect(own.listenerCount()).toBe(0);
    expect(sharedBus('property-named').listenerCount()).toBe(1);
    // the same name again keeps the view there, and its brush on that bus
    sharedBus('property-named').brush(view.source, StepSet.of(4, [2]));
    view.bus = 'property-named';
    expect(sharedBus('property-named').brushSources).toEqual([view.source]);
    // from a LinkBus back to the same name
    view.bus = own;
    view.bus = 'property-named';
    expect(own.listenerCount()).toBe(0);
    expect(sharedBus('property-named').listenerCount()).toBe(1);
    // a removed prop (null or undefined): a private bus, the attribute gone
    view.bus = undefined;
    expect(view.hasAttribute('bus')).toBe(false);
    expect(sharedBus('property-named').listenerCount()).toBe(0);
    expect(view.bus).not.toBe(own);
    view.remove();
  });

  it('takes its clause off the bus when its data or its source changes, so a new dataset brushes cleanly', () => {
    const bus = new LinkBus();
    const [view, other] = [new ProbeView(), new ProbeView()];
    for (const v of [view, other]) {
      v.bus = bus;
      v.data = tinyDataset(4);
      document.body.append(v);
    }
    const steps = view.data!.stepCount;
    bus.brush(view.source, StepSet.of(steps, [1]));
    bus.brush(other.source, StepSet.of(steps, [1, 2]));
    // a dataset of another size for both views: no stale clause, so the next brush raises nothing
    const bigger = tinyDataset(8);
    view.data = bigger;
    expect(bus.brushSources).toEqual([other.source]);
    other.data = bigger;
    expect(bus.brushSources).toEqual([]);
    expect(() => bus.brush(view.source, StepSet.of(bigger.stepCount, [0]))).not.toThrow();
    view.setAttribute('source', 'renamed');
    expect(bus.brushSources).toEqual([]);
    view.remove();
    other.remove();
  });

  it('keeps properties set before its tag was defined', () => {
    const early = document.createElement('early-view') as ProbeView;
    const data = tinyDataset(3);
    const bus = new LinkBus();
    Object.assign(early, { data, bus }); // a plain element yet: these are own properties
    customElements.define('early-view', class extends ProbeView {});
    document.body.append(early);
    expect(Object.prototype.hasOwnProperty.call(early, 'data')).toBe(false);
    expect(early.data).toBe(data);
    expect(early.bus).toBe(bus);
    expect(bus.listenerCount()).toBe(1); // it joined the bus it was given
    early.remove();
  });

  it('takes its source as a property too (frameworks set properties where they exist)', () => {
    const view = new ProbeView();
    view.source = 'my-view';
    expect(view.getAttribute('source')).toBe('my-view');
    expect(view.source).toBe('my-view');
  });

  it('takes its brush off a bus it leaves, on removal or when given another bus', () => {
    const view = document.body.appendChild(new ProbeView());
    const first = view.bus;
    first.brush(view.source, StepSet.of(4, [1]));
    first.brush('map', StepSet.of(4, [2]));
    view.bus = new LinkBus();
    expect(first.brushSources).toEqual(['map']);
    view.bus.brush(view.source, StepSet.of(4, [3]));
    const second = view.bus;
    view.remove();
    expect(second.brushSources).toEqual([]);
  });

  it('joins a named shared bus from the bus attribute and uses its source attribute', () => {
    document.body.innerHTML = '<probe-view bus="page" source="left"></probe-view><probe-view bus="page"></probe-view>';
    const [left, right] = document.querySelectorAll<ProbeView>('probe-view');
    expect(left.bus).toBe(sharedBus('page'));
    expect(right.bus).toBe(left.bus);
    expect(left.source).toBe('left');
    expect(right.source).toMatch(/^probe-view-\d+$/);
    sharedBus('page').setFocus(4, 'left');
    expect(right.focused).toEqual([4]);
  });

  it('dispatches typed events that cross the shadow boundary', () => {
    const view = document.body.appendChild(new ProbeView());
    const listener = vi.fn();
    document.body.addEventListener('hs-focus', (e) => listener(e.detail.step));
    (view as unknown as { emit: (t: string, d: unknown) => void }).emit('hs-focus', { step: 3 });
    expect(listener).toHaveBeenCalledWith(3);
  });
});
