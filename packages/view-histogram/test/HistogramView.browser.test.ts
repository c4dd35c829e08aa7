import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
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

/** A button before the view, focused: the next Tab goes into the view. */
function buttonBefore(view: HTMLElement): HTMLButtonElement {
  const button = document.createElement('button');
  button.textContent = 'before';
  view.before(button);
  button.focus();
  return button;
}

describe('<hs-histogram> by keyboard', () => {
  const label = (view: HTMLElement) => view.shadowRoot!.activeElement?.getAttribute('aria-label');

  it('the bars are one tab stop: the arrows, Home and End move the focused bar and its steps; a ring shows it', async () => {
    const { view, bus } = await mount();
    bus.selectSequence(0, 'table');
    await nextFrame();
    buttonBefore(view);
    await userEvent.tab();
    expect(label(view)).toBe('step 1 to 2 ("a" to "fine"): distance 0.50, a jump');
    expect([bus.focus, bus.focusLength]).toEqual([0, 2]);
    await userEvent.keyboard('{ArrowRight}');
    expect(label(view)).toBe('step 2 to 3 ("fine" to "film"): distance 0.00');
    expect([bus.focus, bus.focusLength]).toEqual([1, 2]);
    await nextFrame();
    const bar = view.shadowRoot!.activeElement!;
    expect(bar.classList.contains('focused')).toBe(true);
    const ring = view.shadowRoot!.querySelector('rect.key-ring')!;
    expect(getComputedStyle(ring).display).not.toBe('none');
    expect(ring.getBoundingClientRect().left).toBeCloseTo(bar.getBoundingClientRect().left, 0);
    await userEvent.keyboard('{End}');
    expect(label(view)).toBe('step 3 to 4 ("film" to "."): distance 0.50, a jump');
    await userEvent.keyboard('{Home}');
    expect(bus.focus).toBe(0);
    // The next tab stop is the threshold slider: the bars took one.
    await userEvent.tab();
    expect(view.shadowRoot!.activeElement!.getAttribute('role')).toBe('slider');
    expect(bus.focus).toBe(-1);
    expect(getComputedStyle(ring).display).toBe('none');
  });

  it('Down goes to a compared sequence; Enter there makes it the active one, and the keyboard stays on its bar', async () => {
    const { view, bus } = await mount();
    bus.selectSequence(2, 'table').selectSequence(0, 'table', 'add'); // r0 active, r2 compared
    await nextFrame();
    buttonBefore(view);
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}{ArrowDown}');
    expect(label(view)).toBe('sequence r2, step 2 to 3 ("but" to "fun"): distance 1.00, a jump');
    expect([bus.focus, bus.focusLength]).toEqual([7, 2]);
    await userEvent.keyboard('{Enter}');
    expect(bus.activeSequence).toBe(2);
    expect([...bus.selectedSequences]).toEqual([0, 2]);
    await nextFrame();
    expect(view.shadowRoot!.querySelector('g.bars')!.getAttribute('data-sequence')).toBe('2');
    expect(label(view)).toBe('step 2 to 3 ("but" to "fun"): distance 1.00, a jump');
    await userEvent.keyboard('{ArrowUp}{Enter}'); // Up: r2 is first now; Enter on the active one picks nothing
    expect(bus.activeSequence).toBe(2);
  });

  it('in distribution mode Enter brushes a bin, Shift and the arrows stretch the range, Escape clears it', async () => {
    const { view, bus } = await mount({ mode: 'distribution' });
    buttonBefore(view);
    await userEvent.tab();
    expect(label(view)).toBe('distance 0.000 to 0.025: 2 steps');
    expect(bus.focus).toBe(-1); // a bin is many steps: it focuses none
    await userEvent.keyboard('{End}{Enter}');
    expect(Array.from(bus.brushed()!.toArray())).toEqual([7]); // distance 1
    await userEvent.keyboard('{Shift>}' + '{ArrowLeft}'.repeat(20) + '{/Shift}');
    expect(label(view)).toBe('distance 0.475 to 0.500: 0 steps, brushed');
    // From bin 19 to bin 39: distances 0.475 to 1, so the two at 0.5 too.
    expect(Array.from(bus.brushed()!.toArray())).toEqual([0, 2, 7]);
    await nextFrame();
    expect(view.shadowRoot!.querySelector('rect.bar[data-bin="20"]')!.getAttribute('aria-label')).toBe(
      'distance 0.500 to 0.525: 2 steps, brushed',
    );
    await userEvent.keyboard('{Escape}');
    expect(bus.brushed()).toBeNull();
  });
});
