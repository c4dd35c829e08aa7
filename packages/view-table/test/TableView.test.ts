// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { within } from '@testing-library/dom';
import { StateDataset, StepSet } from '@statescope/core';
import { sequenceFilter } from '@statescope/bus';
import { StepColors, classColor } from '@statescope/view-base';
import '@statescope/view-table/define';
import { sequenceOrder } from '@statescope/view-table';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

function mount(data = binaryReviews()) {
  const { view, bus, screen } = mountView('hs-table', data);
  const rows = () => screen().getAllByRole('row').slice(1);
  const ids = () => rows().map((r) => within(r).getAllByRole('gridcell')[0].textContent);
  return { view, bus, screen, rows, ids };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-table>', () => {
  it('lists every sequence: id, true and predicted class, correctness, length, start of text', () => {
    const { screen, rows } = mount();
    expect(screen().getByText('3 sequences')).toBeTruthy();
    const cells = within(rows()[2])
      .getAllByRole('gridcell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['r2', 'negative', 'positive', '✗ wrong', '3', 'dull but fun']);
    expect(screen().getByRole('grid').getAttribute('aria-rowcount')).toBe('4');
  });

  it('ignores a scroll of a grid it has taken down (a dataset switch while scrolling)', () => {
    const { view, screen } = mount();
    const oldGrid = screen().getByRole('grid');
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError); // errors in listeners are reported, not thrown
    view.data = null;
    view.renderNow(); // "No dataset yet." in place of the grid
    view.data = threeTopics(); // the next dataset, not drawn yet when the old grid's scroll arrives
    oldGrid.dispatchEvent(new Event('scroll'));
    view.renderNow();
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    expect(screen().getAllByRole('row').length).toBeGreaterThan(1);
  });

  it('sorts by a column, reversing on a second click', () => {
    const { screen, ids } = mount();
    const header = () => screen().getByRole('columnheader', { name: 'steps' });
    within(header()).getByRole('button').click();
    expect(ids()).toEqual(['r1', 'r2', 'r0']);
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    within(header()).getByRole('button').click();
    expect(ids()).toEqual(['r0', 'r2', 'r1']);
    expect(header().getAttribute('aria-sort')).toBe('descending');
  });

  it('a click selects a row; Ctrl-click adds it for comparison', () => {
    const { bus, rows } = mount();
    rows()[1].click();
    expect([bus.activeSequence, Array.from(bus.selectedSequences)]).toEqual([1, [1]]);
    rows()[2]
      .querySelector('.cell')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    expect([bus.activeSequence, Array.from(bus.selectedSequences)]).toEqual([2, [1, 2]]);
    expect(rows().map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'true', 'true']);
  });

  it('Up and Down step through the sequences in table order; Esc deselects', () => {
    const { view, bus, screen } = mount();
    view.sortBy('length', true); // r0 (4), r2 (3), r1 (2)
    const grid = screen().getByRole('grid');
    const key = (key: string) => grid.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    key('ArrowDown');
    expect(bus.activeSequence).toBe(0);
    key('ArrowDown');
    expect(bus.activeSequence).toBe(2);
    key('ArrowDown');
    key('ArrowDown');
    expect(bus.activeSequence).toBe(1);
    key('ArrowUp');
    expect(bus.activeSequence).toBe(2);
    const events: unknown[] = [];
    view.addEventListener('hs-select', (event) => events.push(event.detail));
    key('Escape');
    expect(bus.activeSequence).toBe(-1);
    // the page hears it too, once
    expect(events).toEqual([{ sequence: -1, mode: 'replace', sequences: [] }]);
    key('Escape');
    expect(events).toHaveLength(1);
  });

  it('hides filtered classes and sequences without a step brushed elsewhere; fades on request', () => {
    const { bus, screen, rows, ids } = mount(threeTopics());
    bus.setFilters({ classes: [1] }, 'overview');
    expect(ids()).toEqual(['d1']);
    expect(screen().getByText('1 of 2 sequences')).toBeTruthy();
    bus.setFilters({ classes: null, fadeWrong: true }, 'overview');
    expect(rows().map((r) => r.classList.contains('faded'))).toEqual([false, true]);
    bus.brush('map', StepSet.of(5, [1]));
    expect(ids()).toEqual(['d0']);
  });

  it('outlines the focused step’s sequence; a focus change moves that mark and touches nothing else', async () => {
    const { view, bus, rows } = mount();
    const focused = () =>
      rows()
        .filter((r) => r.classList.contains('focused'))
        .map((r) => r.dataset.sequence);
    expect(focused()).toEqual([]);
    bus.setFocus(5, 'tokens'); // "good", in r1
    expect(focused()).toEqual(['1']);
    const before = rows();
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(view.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    bus.setFocus(7, 'tokens'); // "but", in r2
    expect(focused()).toEqual(['2']);
    await Promise.resolve(); // mutation records are delivered in a microtask
    observer.disconnect();
    expect(rows()).toEqual(before);
    expect(mutations.map((m) => [m.type, m.attributeName, (m.target as HTMLElement).dataset.sequence])).toEqual([
      ['attributes', 'class', '1'],
      ['attributes', 'class', '2'],
    ]);
    bus.setFocus(null, 'tokens');
    expect(focused()).toEqual([]);
  });

  it('colours each row’s swatch in the colour mode: final expected prediction, predicted or true class', () => {
    const data = binaryReviews();
    const { bus, rows } = mount(data);
    const swatches = () => rows().map((r) => r.querySelector<HTMLElement>('[part="swatch"]')!.style.backgroundColor);
    const as = (colours: string[]) =>
      colours.map((colour) => {
        const probe = document.createElement('span');
        probe.style.backgroundColor = colour;
        return probe.style.backgroundColor;
      });
    const expected = new StepColors(data, 'expected');
    expect(swatches()).toEqual(as([3, 5, 8].map((last) => expected.css(last))));
    bus.setOptions({ colorMode: 'predicted' }, 'map');
    expect(swatches()).toEqual(as([1, 0, 1].map(classColor)));
    bus.setOptions({ colorMode: 'true' }, 'map');
    expect(swatches()).toEqual(as([1, 0, 0].map(classColor)));
  });

  it('sequenceOrder lists what the shared filter rule does not hide, and the brushed sequences', () => {
    const data = threeTopics();
    expect(Array.from(sequenceOrder(data, 'id', true))).toEqual([1, 0]);
    const filter = sequenceFilter(data, { fadeCorrect: true, fadeWrong: false, classes: [2] });
    expect(Array.from(sequenceOrder(data, 'id', false, filter))).toEqual([0]); // faded, still listed
    expect(Array.from(sequenceOrder(data, 'id', false, null, StepSet.of(2, [1])))).toEqual([1]);
  });

  it('sets text from data as text, never as HTML', () => {
    const data = new StateDataset({
      classes: ['<b>neg</b>', 'pos'],
      ids: ['<img src=x onerror=alert(1)>'],
      tokens: [['<script>alert(1)</script>']],
      labels: [0],
      layers: [{ name: 'h', dim: 1, hidden: new Float32Array(1) }],
      expectedPredictions: new Float32Array([0.1]),
    });
    const { view, rows } = mount(data);
    expect(view.shadowRoot!.querySelector('img, b, script')).toBeNull();
    const cells = within(rows()[0])
      .getAllByRole('gridcell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      '<img src=x onerror=alert(1)>',
      '<b>neg</b>',
      '<b>neg</b>',
      '✓',
      '1',
      '<script>alert(1)</script>',
    ]);
  });
});
