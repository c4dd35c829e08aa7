// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProvisionalSequence } from '@statescope/bus';
import '@statescope/view-histogram/define';
import { binaryReviews } from '../../../test/support/datasets.js';
import { mountView } from '../../../test/support/mountView.js';

// binaryReviews(): 2-D states; the dataset's largest step distance is |(6,9) - (0,1)| = 10.
const MAX = 10;

/** A provisional sequence with the given 2-D hidden states (expected predictions even). */
function provisional(hidden: number[], id = 'what-if'): ProvisionalSequence {
  const length = hidden.length / 2;
  return {
    id,
    tokens: Array.from({ length }, (_, t) => `w${t}`),
    unknown: new Uint8Array(length),
    expected: new Float32Array(length * 2).fill(0.5),
    hidden: Float32Array.from(hidden),
    coordinates: {},
    original: -1,
  };
}

function mount(attributes: Record<string, string> = {}) {
  const mounted = mountView('hs-histogram', binaryReviews(), { width: '400', height: '200', ...attributes });
  const root = mounted.view.shadowRoot!;
  const draw = () => mounted.view.renderNow();
  const bars = () => (draw(), [...root.querySelectorAll<SVGRectElement>('g.provisional-bars rect')]);
  const datasetBars = () => (draw(), [...root.querySelectorAll<SVGRectElement>('g.bars rect.bar')]);
  const legend = () => (draw(), [...root.querySelectorAll('g.legend text')].map((t) => t.textContent));
  return { ...mounted, root, bars, datasetBars, legend };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-histogram> with a provisional (what-if) sequence', () => {
  it('overlays a dashed outline bar per step, on the dataset maximum, with a legend entry of its id', () => {
    const { bus, bars, datasetBars, legend } = mount();
    bus.selectSequence(0, 'table');
    // Distances 5, 10 and 2: 0.5, 1 and 0.2 of the dataset's largest.
    const hidden = [0, 0, 3, 4, 9, 12, 9, 10];
    bus.setProvisional(provisional(hidden), 'whatif');
    const drawn = bars();
    expect(drawn).toHaveLength(3);
    expect(datasetBars()).toHaveLength(3); // the active sequence's own bars stay
    const plot = 200 - (10 + 16) - 28; // the legend's row above the plot
    const heights = drawn.map((b) => Number(b.getAttribute('height')));
    [5, 10, 2].forEach((d, i) => expect(heights[i]).toBeCloseTo((plot * d) / MAX, 4));
    expect(drawn[1].getAttribute('aria-label')).toBe('what-if, step 2 to 3 ("w1" to "w2"): distance 1.00, a jump');
    expect(legend()).toEqual(['r0', 'what-if']);
    // Outlines with no fill, set apart from the dataset bars by the view's style.
    expect(drawn.every((b) => !b.hasAttribute('fill') && b.dataset.step === undefined)).toBe(true);
  });

  it('shows it alone when nothing is selected, its id and tokens as text', () => {
    const { bus, bars, legend, root } = mount();
    const sequence = { ...provisional([0, 0, 0, 5], '<img src=x>'), tokens: ['<b>a</b>', 'b'] };
    bus.setProvisional(sequence, 'whatif');
    expect(bars().map((b) => b.getAttribute('aria-label'))).toEqual([
      '<img src=x>, step 1 to 2 ("<b>a</b>" to "b"): distance 0.50, a jump',
    ]);
    expect(legend()).toEqual(['<img src=x>']);
    expect(root.querySelector('img, b')).toBeNull();
  });

  it('is removed when the bus clears it; a change leaves the dataset bars as they were', () => {
    const { bus, bars, datasetBars, legend } = mount();
    bus.selectSequence(2, 'table');
    const before = datasetBars();
    bus.setProvisional(provisional([0, 0, 0, 1, 0, 2]), 'whatif');
    expect(bars()).toHaveLength(2);
    expect(datasetBars()).toEqual(before); // the same elements
    bus.setProvisional(provisional([0, 0, 0, 3, 0, 2]), 'whatif');
    expect(bars().map((b) => Number(b.getAttribute('height')))).not.toEqual([0, 0]);
    expect(datasetBars()).toEqual(before);
    bus.setProvisional(null, 'whatif');
    expect(bars()).toHaveLength(0);
    expect(legend()).toEqual([]);
    expect(datasetBars()).toHaveLength(2);
    // Nothing selected and nothing provisional: the prompt again.
    bus.setProvisional(provisional([0, 0, 0, 1]), 'whatif');
    bus.clearSelection('table');
    expect(bars()).toHaveLength(1);
    bus.setProvisional(null, 'whatif');
    expect(bars()).toHaveLength(0);
  });

  it('hovering its bars publishes nothing on the bus', () => {
    const { bus, bars } = mount();
    bus.selectSequence(0, 'table');
    bus.setProvisional(provisional([0, 0, 3, 4, 3, 4]), 'whatif');
    const published = vi.fn();
    bus.on('focus', published);
    for (const bar of bars()) bar.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    expect(published).not.toHaveBeenCalled();
    expect(bars().every((b) => b.getAttribute('tabindex') === null)).toBe(true);
  });

  it('is left out in distribution mode; in steps mode it follows the metric', () => {
    const { bus, bars, view } = mount({ mode: 'distribution' });
    bus.setProvisional(provisional([0, 0, 3, 4]), 'whatif');
    expect(bars()).toHaveLength(0);
    view.mode = 'steps';
    bus.selectSequence(0, 'table');
    expect(bars()).toHaveLength(1);
    view.setAttribute('metric', 'cosine');
    expect(bars()).toHaveLength(1);
  });
});
