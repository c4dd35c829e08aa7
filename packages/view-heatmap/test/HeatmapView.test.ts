// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { within } from '@testing-library/dom';
import { StateDataset, StepSet } from '@statescope/core';
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

/** Eight one-word sequences s0..s7, for a selection larger than the heatmap draws. */
function eightSequences(): StateDataset {
  return new StateDataset({
    classes: ['negative', 'positive'],
    ids: Array.from({ length: 8 }, (_, s) => `s${s}`),
    tokens: Array.from({ length: 8 }, () => ['word']),
    labels: new Array(8).fill(0),
    layers: [{ name: 'lstm', dim: 1, hidden: new Float32Array(8) }],
    expectedPredictions: new Float32Array(8).fill(0.2),
  });
}

describe('<hs-heatmap>, what it answers on the bus', () => {
  const headings = (view: HTMLElement) =>
    [...view.shadowRoot!.querySelectorAll('.heading')].map((h) => h.textContent!.replace(/\s+/g, ' ').trim());
  const columnsOf = (view: HTMLElement, selector: string) => {
    const svg = view.shadowRoot!.querySelector('svg')!;
    const cells = [...svg.querySelectorAll('[role="row"]')[0].querySelectorAll('rect.cell')].map((c) =>
      c.getAttribute('x'),
    );
    return [...svg.querySelectorAll(selector)].map((m) => cells.indexOf(m.getAttribute('x')));
  };

  it('compared sequences: a block each, the active first, each headed by its id', () => {
    const { view, bus, redraw } = mount();
    bus.setSelection([0, 1, 2], 'table', 2);
    const screen = redraw();
    expect(screen.getAllByRole('grid').map((g) => g.getAttribute('aria-label'))).toEqual([
      'Expected prediction per step and class, sequence r2',
      'Expected prediction per step and class, sequence r0',
      'Expected prediction per step and class, sequence r1',
    ]);
    expect(headings(view)).toEqual(['r2 active', 'r0', 'r1']);
    const third = view.shadowRoot!.querySelectorAll('svg')[2]; // r1: steps 4 and 5, plot from x = 96 to 632
    third.dispatchEvent(new PointerEvent('pointermove', { clientX: 96 + 536 * 0.75, bubbles: true }));
    expect(bus.focus).toBe(5);
    redraw();
    redraw();
    const outlined = [...view.shadowRoot!.querySelectorAll('svg')].map(
      (svg) => svg.querySelectorAll('rect.focus').length,
    );
    expect(outlined).toEqual([0, 0, 1]);
  });

  it('draws six blocks at most and counts the rest', () => {
    const { view, bus, redraw } = mount(eightSequences());
    bus.setSelection([0, 1, 2, 3, 4, 5, 6, 7], 'table', 7);
    const screen = redraw();
    expect(screen.getAllByRole('grid')).toHaveLength(6);
    expect(headings(view)).toEqual(['s7 active', 's0', 's1', 's2', 's3', 's4']);
    expect(screen.getByText('+2 more selected')).toBeTruthy();
    bus.setSelection([3], 'table');
    redraw();
    expect(screen.queryByText(/more selected/)).toBeNull();
  });

  it('marks the steps other views brushed under their columns, never its own source', () => {
    const { view, bus, redraw } = mount(binaryReviews(), { source: 'heatmap' });
    bus.selectSequence(0, 'table');
    redraw();
    expect(view.shadowRoot!.querySelectorAll('rect.brushed')).toHaveLength(0);
    bus.brush('map', StepSet.of(9, [1, 2, 5])); // steps 2 and 3 of r0, and one of r1
    redraw();
    expect(columnsOf(view, 'rect.brushed')).toEqual([1, 2]);
    bus.brush('heatmap', StepSet.of(9, [3])); // a clause under its own name filters nothing here
    redraw();
    expect(columnsOf(view, 'rect.brushed')).toEqual([1, 2]);
    bus.brush('map', null);
    redraw();
    expect(view.shadowRoot!.querySelectorAll('rect.brushed')).toHaveLength(0);
  });

  it('marks the steps whose expected prediction jumps past the prediction threshold, live', () => {
    const { view, bus, redraw } = mount();
    bus.selectSequence(0, 'table'); // p(positive) .5 .8 .9 .95: changes .3 .1 .05
    bus.setOptions({ predictionThreshold: 0.2 }, 'test');
    redraw();
    expect(columnsOf(view, 'rect.jump')).toEqual([1]); // "fine", where p rose by .3
    bus.setOptions({ predictionThreshold: 0.08 }, 'test');
    redraw();
    expect(columnsOf(view, 'rect.jump')).toEqual([1, 2]);
    bus.setOptions({ predictionThreshold: 0.5 }, 'test');
    redraw();
    expect(columnsOf(view, 'rect.jump')).toEqual([]);
  });

  it('fades the block of a faded or hidden sequence, saying why', () => {
    const { view, bus, redraw } = mount();
    bus.setSelection([0, 1, 2], 'table', 0); // r0 correct (positive), r1 correct, r2 misclassified
    bus.setFilters({ fadeWrong: true, classes: [1] }, 'overview');
    redraw();
    expect(headings(view)).toEqual(['r0 active', 'r1 hidden by the class filter', 'r2 hidden by the class filter']);
    bus.setFilters({ classes: null }, 'overview');
    redraw();
    expect(headings(view)).toEqual(['r0 active', 'r1', 'r2 faded: misclassified']);
    const opacities = [...view.shadowRoot!.querySelectorAll('svg')].map((svg) => svg.style.opacity);
    expect(opacities).toEqual(['', '', '0.15']);
  });

  it('colours the summary row in the colour mode: predicted or true class', () => {
    const { bus, redraw } = mount(threeTopics());
    bus.selectSequence(1, 'table'); // d1: true acq, predicted earn, then earn
    bus.setOptions({ colorMode: 'predicted' }, 'map');
    let screen = redraw();
    const summary = () => within(screen.getAllByRole('row')[3]).getAllByRole('gridcell');
    expect(screen.getAllByRole('row')[3].getAttribute('aria-label')).toBe('predicted');
    expect(summary().map((c) => c.getAttribute('aria-label'))).toEqual([
      'step 1 "shares": predicted earn',
      'step 2 "bought": predicted earn',
    ]);
    expect(summary()[0].getAttribute('fill')).toBe('#FF1F5B'); // earn's class colour
    bus.setOptions({ colorMode: 'true' }, 'map');
    screen = redraw();
    expect(summary().map((c) => c.getAttribute('fill'))).toEqual(['#00CD6C', '#00CD6C']); // acq
    bus.setOptions({ colorMode: 'expected' }, 'map');
    screen = redraw();
    expect(screen.getAllByRole('row')[3].getAttribute('aria-label')).toBe('summary');
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
      'Mean expected prediction per position over all 3 sequences, aligned at the end',
    );
    expect(screen.getByRole('gridcell', { name: 'position -4 from the end: 1 of 3 sequences' })).toBeTruthy();
    bus.setSelection([0, 2], 'table');
    screen = redraw();
    expect(screen.getByRole('gridcell', { name: 'position -1 from the end: 2 of 2 sequences' })).toBeTruthy();
    bus.brush('map', StepSet.of(9, [5])); // a step of sequence 1
    screen = redraw();
    expect(screen.getByRole('grid').getAttribute('aria-label')).toMatch(/over the 1 sequence with a brushed step,/);
    expect(screen.getByRole('gridcell', { name: 'position -2 from the end: mean positive 0.50' })).toBeTruthy();
    expect(screen.getByRole('gridcell', { name: 'position -1 from the end: mean positive 0.20' })).toBeTruthy();
    expect(screen.queryByRole('gridcell', { name: /position -3/ })).toBeNull(); // only as long as that sequence
  });

  it('leaves out the sequences the class filter hides, and says so', () => {
    const { bus, redraw } = mount(binaryReviews(), { mode: 'aggregate' });
    bus.setFilters({ classes: [1] }, 'overview'); // only r0 is positive
    let screen = redraw();
    expect(screen.getByRole('grid').getAttribute('aria-label')).toBe(
      'Mean expected prediction per position over the 1 shown sequence, aligned at the start (2 hidden by the class filter left out)',
    );
    expect(screen.getByRole('gridcell', { name: 'position 2: mean positive 0.80' })).toBeTruthy();
    bus.setFilters({ fadeCorrect: true, classes: null }, 'overview'); // faded ones still count
    screen = redraw();
    expect(screen.getByRole('grid').getAttribute('aria-label')).toMatch(/over all 3 sequences, aligned at the start$/);
    bus.setFilters({ classes: [0] }, 'overview');
    bus.brush('map', StepSet.of(9, [0])); // only r0 has a brushed step, and it is hidden
    screen = redraw();
    expect(screen.getByText('No sequence to average (1 hidden by the class filter left out).')).toBeTruthy();
  });
});
