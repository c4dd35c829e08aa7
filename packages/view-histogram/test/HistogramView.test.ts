// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { StepSet } from '@statescope/core';
import { binDistances } from '@statescope/view-histogram';
import '@statescope/view-histogram/define';
import { binaryReviews } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

// Normalised distances of binaryReviews() (maximum |(6,9) - (0,1)| = 10):
// r0 (steps 0-3): .5 0 .5 | r1 (4-5): .2 | r2 (6-8): 0 1
function mount(attributes: Record<string, string> = {}) {
  const mounted = mountView('hs-histogram', binaryReviews(), { width: '400', height: '200', ...attributes });
  return { ...mounted, screen: mounted.screen(), redraw: mounted.screen };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-histogram>, steps of one sequence', () => {
  it('asks for a selection first', () => {
    expect(mount().screen.getByText(/Select a sequence to see how far its hidden state moves/)).toBeTruthy();
  });

  it('draws one bar per step transition, normalised by the dataset maximum, marking jumps', () => {
    const { bus, redraw } = mount();
    bus.selectSequence(0, 'table');
    const bars = redraw().getAllByRole('img');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      'step 1 to 2 ("a" to "fine"): distance 0.50, a jump',
      'step 2 to 3 ("fine" to "film"): distance 0.00',
      'step 3 to 4 ("film" to "."): distance 0.50, a jump',
    ]);
    expect(bars.map((b) => b.classList.contains('jump'))).toEqual([true, false, true]);
    expect(Number(bars[0].getAttribute('height'))).toBeCloseTo((200 - 10 - 28) / 2, 6);
  });

  it('hovering a bar focuses both of its steps; a focused step lights its two adjacent bars', () => {
    const { view, bus, redraw } = mount();
    bus.selectSequence(0, 'table');
    redraw()
      .getAllByRole('img')[1]
      .dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    expect([bus.focus, bus.focusLength]).toEqual([1, 2]);
    let bars = redraw().getAllByRole('img');
    expect(bars.map((b) => b.classList.contains('focused'))).toEqual([false, true, false]);
    bus.setFocus(2, 'sequence');
    bars = redraw().getAllByRole('img');
    expect(bars.map((b) => b.classList.contains('focused'))).toEqual([false, true, true]);
    view.shadowRoot!.querySelector('div')!.dispatchEvent(new PointerEvent('pointerleave'));
    expect(bus.focus).toBe(-1);
  });

  it('the threshold is a slider on the bus: keys move it, and the jumps follow', () => {
    const { bus, redraw } = mount();
    bus.selectSequence(0, 'table');
    const slider = redraw().getByRole('slider', { name: 'Jump threshold' });
    expect(slider.getAttribute('aria-valuenow')).toBe('0.40');
    slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }));
    expect(bus.options.distanceThreshold).toBe(0.5);
    const screen = redraw();
    expect(screen.getByRole('slider').getAttribute('aria-valuenow')).toBe('0.50');
    expect(screen.queryAllByRole('img').filter((b) => b.classList.contains('jump'))).toHaveLength(0);
    bus.setOptions({ distanceThreshold: 0.1 }, 'map');
    expect(
      redraw()
        .getAllByRole('img')
        .filter((b) => b.classList.contains('jump')),
    ).toHaveLength(2);
  });
});

describe('<hs-histogram>, what the bus says about the sequences shown', () => {
  it('overlays the compared sequences as outlines, a tint each, with a legend of their ids', () => {
    const { view, bus, redraw } = mount();
    bus.setSelection([0, 1, 2], 'table', 2);
    redraw();
    const groups = Array.from(view.shadowRoot!.querySelectorAll<SVGGElement>('g.bars'));
    expect(groups.map((g) => [g.dataset.sequence, g.classList.contains('compared')])).toEqual([
      ['2', false],
      ['0', true],
      ['1', true],
    ]);
    expect(groups.map((g) => g.querySelectorAll('rect.bar').length)).toEqual([2, 3, 1]);
    expect(groups[1].style.color).not.toBe(groups[2].style.color);
    const legend = Array.from(view.shadowRoot!.querySelectorAll('.legend-item text'), (t) => t.textContent);
    expect(legend).toEqual(['r2', 'r0', 'r1']);
    bus.selectSequence(0, 'table');
    redraw();
    expect(view.shadowRoot!.querySelectorAll('g.bars')).toHaveLength(1);
    expect(view.shadowRoot!.querySelector('.legend')).toBeNull();
  });

  it('marks the bars of brushed steps and fades filtered sequences', () => {
    const { view, bus, redraw } = mount();
    bus.selectSequence(0, 'table');
    bus.brush('map', StepSet.of(9, [1, 2]));
    let bars = redraw().getAllByRole('img');
    expect(bars.map((b) => b.classList.contains('brushed'))).toEqual([false, true, true]);
    expect(bars.map((b) => b.classList.contains('outside'))).toEqual([true, false, false]);
    bus.brush('map', null);
    bus.setFilters({ fadeCorrect: true }, 'overview'); // r0 is right
    bars = redraw().getAllByRole('img');
    expect(bars.some((b) => b.classList.contains('outside') || b.classList.contains('brushed'))).toBe(false);
    const group = view.shadowRoot!.querySelector<SVGGElement>('g.bars')!;
    expect(group.classList.contains('faded')).toBe(true);
    expect(Number(group.style.opacity)).toBeLessThan(0.5);
  });
});

describe('<hs-histogram mode="distribution">', () => {
  it('bins every finite step distance of the dataset', () => {
    const { counts, binOfStep } = binDistances(binaryReviews().normalizedStepDistances(), 40);
    expect(counts[0]).toBe(2);
    expect(counts[8]).toBe(1);
    expect(counts[20]).toBe(2);
    expect(counts[39]).toBe(1);
    expect(Array.from(binOfStep)).toEqual([20, 0, 20, -1, 8, -1, 0, 39, -1]);
  });

  it('shows the distribution, with the distribution of the steps other views brushed drawn over it', () => {
    const { view, bus, redraw } = mount({ mode: 'distribution' });
    let screen = redraw();
    expect(screen.getByRole('figure').getAttribute('aria-label')).toMatch(/, 6 steps$/);
    expect(screen.getByRole('img', { name: 'distance 0.500 to 0.525: 2 steps' })).toBeTruthy();
    bus.brush('map', StepSet.of(9, [0, 1, 7]));
    screen = redraw();
    expect(screen.getByRole('figure').getAttribute('aria-label')).toMatch(
      /, 6 steps, 3 of them brushed in other views$/,
    );
    expect(screen.getByRole('img', { name: 'distance 0.500 to 0.525: 2 steps' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'distance 0.500 to 0.525: 1 brushed step' })).toBeTruthy();
    const overlay = view.shadowRoot!.querySelectorAll('g.brushed-bars rect');
    expect(Array.from(overlay, (r) => Number(r.getAttribute('height')) > 0).filter(Boolean)).toHaveLength(3);
    // its own clause never filters it
    bus.brush(view.source, StepSet.of(9, [4]), { range: [0.15, 0.25] });
    expect(redraw().getByRole('img', { name: 'distance 0.500 to 0.525: 1 brushed step' })).toBeTruthy();
    bus.brush('map', null);
    redraw();
    expect(view.shadowRoot!.querySelector('g.brushed-bars')).toBeNull();
  });

  it('leaves out the steps of sequences whose class the filters hide', () => {
    const { bus, redraw } = mount({ mode: 'distribution' });
    bus.setFilters({ classes: [1] }, 'overview'); // only r0 (positive): distances .5 0 .5
    const screen = redraw();
    expect(screen.getByRole('figure').getAttribute('aria-label')).toMatch(/of the classes shown, 3 steps$/);
    expect(screen.getByRole('img', { name: 'distance 0.500 to 0.525: 2 steps' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'distance 0.975 to 1.000: 0 steps' })).toBeTruthy();
    bus.setFilters({ fadeCorrect: true }, 'overview'); // fading leaves the steps in
    expect(redraw().getByRole('figure').getAttribute('aria-label')).toMatch(/, 3 steps$/);
  });

  it('marks the bin of the focused step and the bins above the threshold', () => {
    const { view, bus, redraw } = mount({ mode: 'distribution' });
    bus.setFocus(7, 'map'); // r2 "but": distance 1 to "fun"
    redraw();
    const focused = () =>
      Array.from(view.shadowRoot!.querySelectorAll('rect.bar.focused'), (r) => r.getAttribute('aria-label'));
    expect(focused()).toEqual(['distance 0.975 to 1.000: 1 step']);
    expect(view.shadowRoot!.querySelector('rect.focus-bin')!.classList.contains('shown')).toBe(true);
    bus.setFocus(8, 'map'); // the last step: the distance that led to it
    redraw();
    expect(focused()).toEqual(['distance 0.975 to 1.000: 1 step']);
    bus.setFocus(-1, 'map');
    redraw();
    expect(focused()).toEqual([]);
    expect(view.shadowRoot!.querySelector('rect.focus-bin')!.classList.contains('shown')).toBe(false);
    const jumps = () => view.shadowRoot!.querySelectorAll('g.bars rect.jump').length;
    expect(jumps()).toBe(24); // bins from 0.4 up
    const slider = redraw().getByRole('slider', { name: 'Jump threshold' });
    slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }));
    expect(bus.options.distanceThreshold).toBe(0.5);
    redraw();
    expect(jumps()).toBe(20);
  });

  it('a distance range selects exactly the steps in it, whatever other views brushed (crossfilter)', () => {
    const { view, bus } = mount({ mode: 'distribution' });
    expect(Array.from(view.selectDistanceRange(0.45, 0.55).toArray())).toEqual([0, 2]);
    bus.brush('map', StepSet.of(9, [2, 3]));
    // the map's brush is the map's clause, combined by whoever reads the bus, not folded in here
    expect(Array.from(view.selectDistanceRange(0.45, 0.55).toArray())).toEqual([0, 2]);
    bus.brush(view.source, view.selectDistanceRange(0.45, 0.55));
    expect(Array.from(bus.brushed()!.toArray())).toEqual([2]);
    bus.brush('map', null);
    expect(Array.from(bus.brushed()!.toArray())).toEqual([0, 2]);
  });
});
