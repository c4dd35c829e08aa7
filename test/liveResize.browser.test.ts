// Views follow a live resize of their box (the base class observes it): the histogram and the
// overview redraw at their new width without any call from the page.
import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import '@statescope/view-histogram/define';
import '@statescope/view-overview/define';
import { binaryReviews } from './support/datasets.js';
import { nextFrame } from './browser/pointer.js';

afterEach(() => document.body.replaceChildren());

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await nextFrame();
}

describe('a live resize', () => {
  it.each(['hs-histogram', 'hs-overview'] as const)('%s redraws at its new width', async (tag) => {
    const bus = new LinkBus();
    bus.selectSequence(0, 'test');
    const view = document.createElement(tag);
    view.style.display = 'block';
    view.style.width = '600px';
    view.bus = bus;
    view.data = binaryReviews();
    document.body.append(view);
    await settle();
    const widest = () =>
      Math.max(...[...view.shadowRoot!.querySelectorAll('svg')].map((svg) => Number(svg.getAttribute('width') ?? 0)));
    const before = widest();
    expect(before).toBeGreaterThan(300);
    view.style.width = '320px';
    await settle();
    expect(widest()).toBeLessThanOrEqual(320);
    expect(widest()).toBeLessThan(before);
  });
});
