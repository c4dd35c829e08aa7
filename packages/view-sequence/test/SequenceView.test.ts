// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { StateDataset, StepSet } from '@statescope/core';
import { SequenceView } from '@statescope/view-sequence';
import '@statescope/view-sequence/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

function mount(data = binaryReviews()) {
  const mounted = mountView('hs-sequence', data);
  return { ...mounted, screen: mounted.screen() };
}

/** The queries, each drawing what is pending first (bus changes redraw in the next frame). */
function drawn<Q extends object>(view: { renderNow(): void }, queries: Q): Q {
  return new Proxy(queries, {
    get: (target, name) => {
      view.renderNow();
      return Reflect.get(target, name) as unknown;
    },
  });
}

afterEach(() => document.body.replaceChildren());

describe('<hs-sequence>', () => {
  it('is registered by the define entry and built from code with properties', () => {
    expect(customElements.get('hs-sequence')).toBe(SequenceView);
  });

  it('shows a helpful empty state until a sequence is selected', () => {
    const { screen } = mount();
    expect(screen.getByText(/Select a sequence .* to read its tokens here/)).toBeTruthy();
  });

  it('shows the tokens of the active sequence with accessible names and EP colours', () => {
    const { view, bus, screen } = mount();
    bus.selectSequence(0, 'table');
    view.renderNow();
    const tokens = screen.getAllByRole('button');
    expect(tokens.map((t) => t.textContent)).toEqual(['a', 'fine', 'film', '.']);
    expect(tokens[1].getAttribute('aria-label')).toBe('fine, step 2 of 4, p(positive) 0.80');
    expect(tokens[0].style.background).toBe('rgb(201, 201, 201)'); // p = 0.5: neutral grey
    expect(screen.getByText('Sequence r0')).toBeTruthy();
    expect(screen.getByText(/confidence 0.95/)).toBeTruthy();
    expect(screen.queryByText(/misclassified/)).toBeNull();
  });

  it('names the true and predicted class and flags a misclassification', () => {
    const { view, bus, screen } = mount(threeTopics());
    bus.selectSequence(1, 'table');
    view.renderNow();
    expect(screen.getByText('acq')).toBeTruthy();
    expect(screen.getByText('earn')).toBeTruthy();
    expect(screen.getByText(/misclassified/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'bought, step 2 of 2, earn 0.60' })).toBeTruthy();
  });

  it('publishes focus when a token is hovered and outlines the step focused elsewhere', () => {
    const { view, bus, screen } = mount();
    bus.selectSequence(2, 'table');
    view.renderNow();
    const [, but] = screen.getAllByRole('button');
    but.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    expect(bus.focus).toBe(7); // r2 owns steps 6, 7, 8
    bus.setFocus(6, 'histogram', 2); // a distance bar: both of its steps
    view.renderNow();
    expect(screen.getAllByRole('button').map((t) => t.classList.contains('focused'))).toEqual([true, true, false]);
  });

  it('moves through the tokens with the arrow keys, focusing each step', () => {
    const { view, bus, screen } = mount();
    bus.selectSequence(0, 'table');
    view.renderNow();
    const tokens = screen.getAllByRole('button');
    expect(tokens.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    tokens[0].focus();
    expect(bus.focus).toBe(0);
    tokens[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(bus.focus).toBe(1);
    tokens[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(bus.focus).toBe(3);
  });

  it('stacks every selected sequence under the active one', () => {
    const { view, bus, screen: queries } = mount();
    const screen = drawn(view, queries);
    bus.selectSequence(0, 'table');
    bus.selectSequence(2, 'table', 'add');
    bus.selectSequence(1, 'table', 'add'); // the active one
    const labels = () => screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'));
    expect(labels()).toEqual(['Tokens of sequence r1', 'Tokens of sequence r0', 'Tokens of sequence r2']);
    expect(screen.queryByText(/more selected/)).toBeNull();
    bus.selectSequence(2, 'table', 'toggle');
    expect(labels()).toEqual(['Tokens of sequence r1', 'Tokens of sequence r0']);
    // One tab stop in all, on the first token of the active sequence.
    expect(screen.getAllByRole('button').filter((t) => t.tabIndex === 0)).toHaveLength(1);
  });

  it('draws at most eight sequences and counts the rest', () => {
    const many = new StateDataset({
      classes: ['negative', 'positive'],
      tokens: Array.from({ length: 12 }, (_, s) => [`w${s}`]),
      labels: Array.from({ length: 12 }, () => 0),
      layers: [{ name: 'h', dim: 1, hidden: new Float32Array(12) }],
      expectedPredictions: new Float32Array(12).fill(0.2),
    });
    const { view, bus, screen: queries } = mount(many);
    const screen = drawn(view, queries);
    bus.setSelection([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'table', 5);
    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(8);
    expect(groups[0].textContent).toBe('w5');
    expect(screen.getByText('+4 more selected')).toBeTruthy();
    bus.setSelection([3, 5], 'table', 5);
    expect(screen.getAllByRole('group')).toHaveLength(2);
    expect(screen.queryByText(/more selected/)).toBeNull();
  });

  it("underlines the tokens other views' brushes allow, repainting only the marks", () => {
    const { view, bus, screen: queries } = mount();
    const screen = drawn(view, queries);
    bus.setSelection([0, 2], 'table', 0);
    const before = screen.getAllByRole('button');
    bus.brush('map', StepSet.of(9, [1, 2, 7]));
    bus.brush('histogram', StepSet.of(9, [2, 7, 8]));
    const brushed = () => screen.getAllByRole('button').map((t) => t.classList.contains('brushed'));
    expect(brushed()).toEqual([false, false, true, false, false, true, false]); // r0 then r2
    expect(screen.getAllByRole('button')).toEqual(before); // the same elements, only marked
    bus.brush(view.source, StepSet.of(9, [0])); // its own brush never filters it
    expect(brushed()).toEqual([false, false, true, false, false, true, false]);
    bus.clearBrushes();
    expect(brushed().some(Boolean)).toBe(false);
  });

  it('fades a sequence the filters fade or hide and says why', () => {
    const { view, bus, screen: queries } = mount();
    const screen = drawn(view, queries);
    bus.setSelection([0, 2], 'table', 0); // r0 correct, r2 misclassified
    const faded = () => {
      view.renderNow();
      return [...view.shadowRoot!.querySelectorAll('.sequence')].map((b) => b.classList.contains('faded'));
    };
    expect(faded()).toEqual([false, false]);
    bus.setFilters({ fadeCorrect: true }, 'overview');
    expect(faded()).toEqual([true, false]);
    expect(screen.getByText('(faded: correct)')).toBeTruthy();
    bus.setFilters({ fadeCorrect: false, fadeWrong: true }, 'overview');
    expect(faded()).toEqual([false, true]);
    expect(screen.getByText('(faded: misclassified)')).toBeTruthy();
    bus.setFilters({ fadeWrong: false, classes: [0] }, 'overview'); // r0 is positive
    expect(faded()).toEqual([true, false]);
    expect(screen.getByText('(hidden by the class filter)')).toBeTruthy();
    bus.setFilters({ classes: null }, 'overview');
    expect(faded()).toEqual([false, false]);
    expect(screen.queryByText(/faded|hidden/)).toBeNull();
  });

  it('renders text from data as text, never as HTML', () => {
    const data = binaryReviews();
    const { view, bus, screen } = mount(
      new (data.constructor as typeof import('@statescope/core').StateDataset)({
        classes: ['<b>neg</b>', 'pos'],
        tokens: [['<img src=x onerror=alert(1)>']],
        labels: [0],
        layers: [{ name: 'h', dim: 1, hidden: new Float32Array(1) }],
        expectedPredictions: new Float32Array([0.1]),
      }),
    );
    bus.selectSequence(0, 'x');
    view.renderNow();
    expect(view.shadowRoot!.querySelector('img, b')).toBeNull();
    expect(screen.getByRole('button').textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
