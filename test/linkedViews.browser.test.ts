import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import { binaryReviews } from './support/datasets.js';
import { centre, moveTo, nextFrame } from './browser/pointer.js';

/** The three step views on one bus, as a page would arrange them. */
async function mountLinked() {
  const bus = new LinkBus();
  const data = binaryReviews();
  const views = (['hs-sequence', 'hs-heatmap', 'hs-histogram'] as const).map((tag) => {
    const view = document.createElement(tag);
    view.setAttribute('width', '400');
    view.bus = bus;
    view.data = data;
    document.body.append(view);
    return view;
  });
  bus.selectSequence(0, 'table');
  await nextFrame();
  const [sequence, heatmap, histogram] = views.map((v) => v.shadowRoot!);
  return { bus, sequence, heatmap, histogram };
}

afterEach(() => document.body.replaceChildren());

describe('linked step views in Chromium', () => {
  it('hovering a token highlights its step in the heatmap and its two distance bars', async () => {
    const { bus, sequence, heatmap, histogram } = await mountLinked();
    const film = sequence.querySelectorAll('[role="button"]')[2];
    await moveTo(...centre(film));
    expect(bus.focus).toBe(2);
    await nextFrame();
    expect(film.classList.contains('focused')).toBe(true);
    const outline = heatmap.querySelector('rect.focus')!;
    const cell = heatmap.querySelectorAll('[role="gridcell"]')[2];
    expect(outline.getBoundingClientRect().left).toBeCloseTo(cell.getBoundingClientRect().left, 0);
    const bars = [...histogram.querySelectorAll('rect.bar')];
    expect(bars.map((b) => b.classList.contains('focused'))).toEqual([false, true, true]);
  });

  it('hovering a heatmap column focuses that step in the token view', async () => {
    const { bus, sequence, heatmap } = await mountLinked();
    const cell = heatmap.querySelectorAll('[role="gridcell"]')[3];
    await moveTo(...centre(cell));
    expect(bus.focus).toBe(3);
    await nextFrame();
    const tokens = [...sequence.querySelectorAll('[role="button"]')];
    expect(tokens.map((t) => t.classList.contains('focused'))).toEqual([false, false, false, true]);
  });

  it('leaving a view clears the focus everywhere', async () => {
    const { bus, sequence } = await mountLinked();
    await moveTo(...centre(sequence.querySelectorAll('[role="button"]')[1]));
    expect(bus.focus).toBe(1);
    await moveTo(5, 700);
    expect(bus.focus).toBe(-1);
  });
});
