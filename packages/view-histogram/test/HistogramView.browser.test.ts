import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import '@statescope/view-histogram/define';
import { binaryReviews } from '../../../test/support/datasets.js';
import { centre, drag, moveTo, nextFrame } from '../../../test/browser/pointer.js';

async function mount(attributes: Record<string, string> = {}) {
  const view = document.createElement('hs-histogram');
  for (const [name, value] of Object.entries({ width: '400', height: '200', ...attributes }))
    view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = binaryReviews();
  document.body.append(view);
  await nextFrame();
  const svg = () => view.shadowRoot!.querySelector('svg')!;
  return { view, bus, svg };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-histogram> in Chromium', () => {
  it('hovering a bar with the pointer focuses both of its steps', async () => {
    const { view, bus } = await mount();
    bus.selectSequence(0, 'table');
    await nextFrame();
    const bars = view.shadowRoot!.querySelectorAll('rect.bar');
    await moveTo(...centre(bars[2]));
    expect([bus.focus, bus.focusLength]).toEqual([2, 2]);
    await nextFrame();
    expect(bars[2].classList.contains('focused')).toBe(true);
  });

  it('dragging the threshold line moves the shared threshold to where the pointer is released', async () => {
    const { view, bus, svg } = await mount();
    bus.selectSequence(0, 'table');
    await nextFrame();
    const top = svg().getBoundingClientRect().top;
    const line = view.shadowRoot!.querySelector('.threshold line')!;
    const [x, y] = centre(line);
    // y scale: value 1 at y = 10, value 0 at y = 172 (height 200, margins 10 and 28)
    const targetY = top + 172 - 0.7 * 162;
    await drag([x, y], [x, y - 20], [x, targetY]);
    expect(bus.options.distanceThreshold).toBeCloseTo(0.7, 2);
    await nextFrame();
    expect(view.shadowRoot!.querySelector('[role="slider"]')!.getAttribute('aria-valuenow')).toBe('0.70');
    // 0.5 is no longer a jump
    expect(view.shadowRoot!.querySelectorAll('rect.bar.jump')).toHaveLength(0);
  });

  it('brushing a distance range with the pointer selects exactly the steps in it', async () => {
    const { bus, svg } = await mount({ mode: 'distribution' });
    const { left, top } = svg().getBoundingClientRect();
    // x scale: 0 at x = 40, 1 at x = 388; brush 0.45 .. 0.55
    const at = (d: number) => left + 40 + d * 348;
    await drag([at(0.45), top + 80], [at(0.5), top + 90], [at(0.55), top + 100]);
    expect(bus.brushSources).toEqual([expect.stringMatching(/^hs-histogram-/)]);
    expect(Array.from(bus.brushed()!.toArray())).toEqual([0, 2]); // the two steps at distance 0.5
    // a click on empty space clears the brush
    await drag([at(0.9), top + 80], [at(0.9), top + 80]);
    expect(bus.brushed()).toBeNull();
  });
});
