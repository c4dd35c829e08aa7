// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { within } from '@testing-library/dom';
import { StepSet } from '@statescope/core';
import { aggregateByPosition } from '@statescope/view-heatmap';
import '@statescope/view-heatmap/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

function mount(data = binaryReviews(), attributes: Record<string, string> = {}) {
  const mounted = mountView('hs-heatmap', data, { width: '640', ...attributes });
  return { ...mounted, screen: mounted.screen(), redraw: mounted.screen };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-heatmap>, one sequence', () => {
  it('asks for a selection first', () => {
    expect(mount().screen.getByText(/Select a sequence to see its expected predictions/)).toBeTruthy();
  });

  it('binary: a negative row, a positive row and the diverging summary, one cell per step', () => {
    const { bus, redraw } = mount();
    bus.selectSequence(1, 'table'); // "not good": p = .5 .2
    const screen = redraw();
    expect(screen.getAllByRole('row').map((r) => r.getAttribute('aria-label'))).toEqual([
      'negative',
      'positive',
      'summary',
    ]);
    const cells = screen.getAllByRole('gridcell');
    expect(cells.map((c) => c.getAttribute('aria-label'))).toEqual([
      'step 1 "not": negative 0.50',
      'step 2 "good": negative 0.80',
      'step 1 "not": positive 0.50',
      'step 2 "good": positive 0.20',
      'step 1 "not": most likely negative 0.50', // a tie goes to the lower class index
      'step 2 "good": most likely negative 0.80',
    ]);
    expect(cells[4].getAttribute('fill')).toBe('rgb(201, 201, 201)'); // summary at p = 0.5: grey
    expect(screen.getByRole('grid').getAttribute('aria-label')).toBe(
      'Expected prediction per step and class, sequence r1',
    );
  });

  it('multi-class: a row per class and the argmax summary', () => {
    const { bus, redraw } = mount(threeTopics());
    bus.selectSequence(0, 'table');
    const screen = redraw();
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('gridcell', { name: 'step 3 "rise": crude 0.90' })).toBeTruthy();
    const summary = within(screen.getAllByRole('row')[3]).getAllByRole('gridcell');
    expect(summary.map((c) => c.getAttribute('aria-label'))).toEqual([
      'step 1 "oil": most likely earn 0.40',
      'step 2 "prices": most likely crude 0.70',
      'step 3 "rise": most likely crude 0.90',
    ]);
  });

  it('hovering a column focuses its step; a focused step is outlined', () => {
    const { view, bus, redraw } = mount();
    bus.selectSequence(0, 'table'); // steps 0..3, plot from x = 96 to 632
    redraw();
    const svg = view.shadowRoot!.querySelector('svg')!;
    svg.dispatchEvent(new PointerEvent('pointermove', { clientX: 96 + 536 * 0.6, bubbles: true }));
    expect(bus.focus).toBe(2);
    bus.setFocus(1, 'histogram', 2);
    redraw();
    expect(view.shadowRoot!.querySelectorAll('rect.focus')).toHaveLength(2);
    bus.setFocus(6, 'table'); // another sequence's step: nothing to outline
    redraw();
    expect(view.shadowRoot!.querySelectorAll('rect.focus')).toHaveLength(0);
  });
});

describe('<hs-heatmap mode="aggregate">', () => {
  it('averages per position, aligned at the start or the end', () => {
    const data = binaryReviews(); // lengths 4, 2, 3
    const start = aggregateByPosition(data, [0, 1, 2], 'start');
    expect(Array.from(start.counts)).toEqual([3, 3, 2, 1]);
    expect(start.means[1 * 2 + 1]).toBeCloseTo((0.8 + 0.2 + 0.3) / 3, 6);
    const end = aggregateByPosition(data, [0, 1, 2], 'end');
    expect(Array.from(end.counts)).toEqual([1, 2, 3, 3]);
    expect(end.means[3 * 2 + 1]).toBeCloseTo((0.95 + 0.2 + 0.7) / 3, 6); // every last step
    expect(end.means[0]).toBeCloseTo(1 - 0.5, 6);
  });

  it('shows all sequences, then the selected, then the brushed ones, with a count row', () => {
    const { bus, redraw } = mount(binaryReviews(), { mode: 'aggregate', align: 'end' });
    let screen = redraw();
    expect(screen.getByRole('grid').getAttribute('aria-label')).toBe(
      'Mean expected prediction per position over 3 all sequences, aligned at the end',
    );
    expect(screen.getByRole('gridcell', { name: 'position -4 from the end: 1 of 3 sequences' })).toBeTruthy();
    bus.setSelection([0, 2], 'table');
    screen = redraw();
    expect(screen.getByRole('gridcell', { name: 'position -1 from the end: 2 of 2 sequences' })).toBeTruthy();
    bus.brush('map', StepSet.of(9, [5])); // a step of sequence 1
    screen = redraw();
    expect(screen.getByRole('grid').getAttribute('aria-label')).toMatch(/over 1 brushed sequences/);
    expect(screen.getByRole('gridcell', { name: 'position -2 from the end: mean positive 0.50' })).toBeTruthy();
    expect(screen.getByRole('gridcell', { name: 'position -1 from the end: mean positive 0.20' })).toBeTruthy();
    expect(screen.queryByRole('gridcell', { name: /position -3/ })).toBeNull(); // only as long as that sequence
  });
});
