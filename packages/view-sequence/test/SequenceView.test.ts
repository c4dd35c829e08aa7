// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SequenceView } from '@statescope/view-sequence';
import '@statescope/view-sequence/define';
import { binaryReviews, threeTopics } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

function mount(data = binaryReviews()) {
  const mounted = mountView('hs-sequence', data);
  return { ...mounted, screen: mounted.screen() };
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

  it('compare mode shows two selected sequences one above the other', () => {
    const { view, bus, screen } = mount();
    view.compare = true;
    bus.selectSequence(0, 'table');
    bus.selectSequence(1, 'table', 'add');
    view.renderNow();
    const groups = screen.getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['Tokens of sequence r1', 'Tokens of sequence r0']);
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
