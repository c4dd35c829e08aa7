// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { within } from '@testing-library/dom';
import { LinkBus } from '@statescope/bus';
import { StateDataset, unitsOnThroughout } from '@statescope/core';
import '@statescope/view-units/define';
import { binaryReviews } from '../../../test/support/datasets.js';

/** Two sequences, 3 units with h and c; one token that looks like markup. */
function tinyLstm(): StateDataset {
  // s0: 4 steps, s1: 3 steps; unit 0 is on (>= 0.3) at steps 1-2 of s0, unit 2 at steps 1-3.
  const hidden = new Float32Array([
    0, 0.1, 0, 0.5, 0.2, 0.6, 0.6, 0.1, 0.7, 0, 0, 0.8, /* s1 */ 0, 0, 0, 0.9, 0, 0.9, 0.9, 0, 0.9,
  ]);
  return new StateDataset({
    classes: ['negative', 'positive'],
    ids: ['a', 'b'],
    tokens: [
      ['<img src=x onerror=alert(1)>', 'very', 'good', '.'],
      ['so', 'very', 'good'],
    ],
    labels: [1, 1],
    layers: [{ name: 'lstm', dim: 3, hidden, cell: hidden.map((v) => v * 3) }],
    expectedPredictions: new Float32Array([0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7]),
  });
}

function mount(data: StateDataset, attributes: Record<string, string> = {}) {
  const view = document.createElement('hs-units');
  for (const [name, value] of Object.entries({ width: '600', ...attributes })) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  const screen = () => (view.renderNow(), within(view.shadowRoot as unknown as HTMLElement));
  return { view, bus, screen };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-units> markup', () => {
  it('without a dataset says so; without a sequence asks for one, with every control labelled', () => {
    const view = document.createElement('hs-units');
    document.body.append(view);
    view.renderNow();
    expect(view.shadowRoot!.textContent).toContain('No dataset yet.');
    const { screen } = mount(tinyLstm());
    const s = screen();
    expect(s.getByText(/Select a sequence to see the activations/)).toBeTruthy();
    for (const name of [
      'Layer',
      'Display',
      'State',
      'Order units by',
      'On from',
      'Off before',
      'Off after',
      'Add unit',
      'Length',
      'Mode',
    ])
      expect(s.getByLabelText(name)).toBeTruthy();
  });

  it('the controls show the attributes and set them', () => {
    const { view, screen } = mount(tinyLstm(), { display: 'heatmap', threshold: '0.5', 'off-before': '1' });
    const s = screen();
    expect((s.getByLabelText('Display') as HTMLSelectElement).value).toBe('heatmap');
    expect((s.getByLabelText('On from') as HTMLInputElement).value).toBe('0.5');
    expect((s.getByLabelText('Off before') as HTMLInputElement).value).toBe('1');
    const state = s.getByLabelText('State') as HTMLSelectElement;
    state.value = 'cell';
    state.dispatchEvent(new Event('change'));
    expect(view.getAttribute('state')).toBe('cell');
    const order = s.getByLabelText('Order units by') as HTMLSelectElement;
    order.value = 'correlation';
    order.dispatchEvent(new Event('change'));
    expect(view.order).toBe('correlation');
  });

  it('offers the cell state only where the layer has one', () => {
    const { screen } = mount(binaryReviews(), { state: 'cell' });
    const state = screen().getByLabelText('State') as HTMLSelectElement;
    expect(state.disabled).toBe(true);
    expect(state.value).toBe('hidden');
  });

  it('draws one line per unit and the tokens as text, never as markup', () => {
    const { bus, view, screen } = mount(tinyLstm());
    bus.selectSequence(0, 'test');
    screen();
    expect(view.shadowRoot!.querySelectorAll('path.unit')).toHaveLength(3);
    const tokens = [...view.shadowRoot!.querySelectorAll('.tokens text')].map((t) => t.textContent);
    expect(tokens[0]).toBe('<img src=…');
    expect(view.shadowRoot!.querySelector('img')).toBeNull();
    expect(view.shadowRoot!.querySelector('figcaption')!.textContent).toBe('a');
  });

  it('a range selects the units on throughout it; chips remove and the field adds units, on the bus', () => {
    const data = tinyLstm();
    const { bus, view, screen } = mount(data);
    bus.selectSequence(0, 'test');
    screen();
    view.selectRange(1, 3);
    expect(bus.options.units).toEqual({
      layer: 'lstm',
      state: 'hidden',
      units: Array.from(unitsOnThroughout(data, 1, 3, { threshold: 0.3 })),
    });
    expect(bus.options.units!.units).toEqual([0, 2]);
    const s = screen();
    s.getByRole('button', { name: 'Remove unit 0' }).click();
    expect(bus.options.units!.units).toEqual([2]);
    const field = screen().getByLabelText('Add unit') as HTMLInputElement;
    field.value = '1';
    field.form!.requestSubmit();
    expect(bus.options.units!.units).toEqual([1, 2]);
    // The matches' steps are the view's clause: s1 has units 0 and 2 on at steps 1-2 (global 5-6).
    expect(view.unitMatches.length).toBeGreaterThan(0);
    expect(bus.clause(view.source)!.value).toMatchObject({ kind: 'units-match', range: [1, 3] });
    screen().getByRole('button', { name: 'Clear selection' }).click();
    expect(bus.options.units).toBeNull();
    expect(bus.clause(view.source)).toBeNull();
  });

  it('a selection set on the bus by others is shown, and compared sequences get a panel each', () => {
    const { bus, view, screen } = mount(tinyLstm());
    bus.selectSequence(1, 'test').selectSequence(0, 'test', 'add');
    bus.setOptions({ units: { layer: 'lstm', state: 'cell', units: [2] } }, 'restore');
    const s = screen();
    expect(view.state).toBe('cell');
    expect(s.getByRole('button', { name: 'Remove unit 2' })).toBeTruthy();
    expect([...view.shadowRoot!.querySelectorAll('figcaption')].map((c) => c.textContent)).toEqual([
      'a',
      'compared: b',
    ]);
  });

  it('a match list shows ids and tokens as text, the matched ones marked', () => {
    const data = tinyLstm();
    const { bus, view, screen } = mount(data, { 'match-length': 'any' });
    bus.selectSequence(0, 'test');
    view.selectUnits([0, 2]);
    const buttons = screen()
      .getAllByRole('button')
      .filter((b) => b.classList.contains('match'));
    expect(buttons.length).toBe(view.unitMatches.length);
    expect(buttons.length).toBeGreaterThan(0);
    const first = view.unitMatches[0];
    expect(buttons[0].querySelector('.id')!.textContent).toBe(data.ids[first.sequence]);
    const marked = Array.from({ length: first.end - first.start }, (_, i) => data.token(first.start + i)).join(' ');
    expect(buttons[0].querySelector('mark')!.textContent).toBe(marked);
    expect(view.shadowRoot!.querySelector('img')).toBeNull();
  });
});

describe('<hs-units> selection feedback', () => {
  it('says when no unit stays on throughout the brushed range, and what to change', () => {
    const { view, bus, screen } = mount(tinyLstm(), { threshold: '0.95' });
    bus.selectSequence(0, 'table');
    view.selectRange(1, 3);
    expect(view.selectedUnits).toEqual([]);
    expect(screen().getByText(/No unit is on from 0.95 throughout .*: lower the threshold/)).toBeTruthy();
    view.setAttribute('threshold', '0.3');
    view.selectRange(1, 3);
    expect(view.selectedUnits).toEqual([0, 2]);
    expect(screen().getByText(/2 selected units, on from 0.3 throughout/)).toBeTruthy();
  });
});

describe('<hs-units> selections set by code', () => {
  it('units put on the bus after a brushed range drop that range (no stale "throughout")', () => {
    const { view, bus, screen } = mount(tinyLstm());
    bus.selectSequence(0, 'table');
    view.selectRange(1, 3);
    expect(view.selectedRange).toEqual([1, 3]);
    bus.setOptions({ units: { layer: 'lstm', state: 'hidden', units: [1] } }, 'code');
    expect(view.selectedUnits).toEqual([1]);
    expect(view.selectedRange).toBeNull();
    expect(screen().getByText(/1 selected unit, picked by hand/)).toBeTruthy();
    view.selectRange(1, 2);
    expect(screen().getByText(/on from 0.3 throughout step 2 of a "very"/)).toBeTruthy();
  });
});
