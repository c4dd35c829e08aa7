import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import '@statescope/view-heatmap/define';
import { binaryReviews } from '../../../test/support/datasets.js';
import { nextFrame } from '../../../test/browser/pointer.js';

// The heatmap by keyboard in Chromium: real Tab and arrow key presses, the focus as the browser moves it.
async function mount(attributes: Record<string, string> = {}) {
  const before = document.createElement('button');
  before.textContent = 'before';
  const after = document.createElement('button');
  after.textContent = 'after';
  const view = document.createElement('hs-heatmap');
  for (const [name, value] of Object.entries({ width: '400', ...attributes })) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = binaryReviews();
  document.body.append(before, view, after);
  await nextFrame();
  const focused = () => view.shadowRoot!.activeElement;
  const label = () => focused()?.getAttribute('aria-label');
  const ring = () => view.shadowRoot!.querySelector<SVGRectElement>('rect.key-ring.shown');
  return { view, bus, before, after, focused, label, ring };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-heatmap> by keyboard', () => {
  it('is one tab stop, even with compared blocks; Tab lands on the first cell and focuses its step', async () => {
    const { view, bus, before, after, label, focused } = await mount();
    bus.selectSequence(0, 'table').selectSequence(2, 'table', 'add').selectSequence(0, 'table', 'add');
    await nextFrame();
    expect(view.shadowRoot!.querySelectorAll('[role="grid"]')).toHaveLength(2);
    expect(view.shadowRoot!.querySelectorAll('rect.cell[tabindex="0"]')).toHaveLength(1);
    before.focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(view);
    expect(label()).toBe('step 1 "a": negative 0.50');
    expect(bus.focus).toBe(0);
    await userEvent.tab();
    expect(document.activeElement).toBe(after);
    expect(focused()).toBeNull();
    // Leaving the chart lets the step go, as the pointer leaving it does.
    expect(bus.focus).toBe(-1);
  });

  it('arrow keys move the cell and the focused step; Home and End; the cell is ringed and its column outlined', async () => {
    const { view, bus, before, label, ring } = await mount();
    bus.selectSequence(0, 'table');
    await nextFrame();
    const events: number[] = [];
    view.addEventListener('hs-focus', (event) => events.push(event.detail.step));
    before.focus();
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(label()).toBe('step 3 "film": negative 0.10');
    expect(bus.focus).toBe(2);
    expect(events).toEqual([0, 1, 2]);
    await nextFrame();
    const column = view.shadowRoot!.querySelector('rect.focus')!.getBoundingClientRect();
    const cell = view.shadowRoot!.activeElement!.getBoundingClientRect();
    expect(column.left).toBeCloseTo(cell.left, 0);
    const shown = ring()!;
    expect(getComputedStyle(shown).display).not.toBe('none');
    const box = shown.getBoundingClientRect();
    // The ring lies on the cell's edge (an SVG box leaves the stroke out).
    for (const side of ['left', 'top', 'width', 'height'] as const) {
      expect(Math.abs(box[side] - cell[side])).toBeLessThanOrEqual(0.5);
    }
    await userEvent.keyboard('{ArrowDown}');
    expect(label()).toBe('step 3 "film": positive 0.90');
    await userEvent.keyboard('{End}');
    expect(label()).toBe('step 4 ".": positive 0.95');
    expect(bus.focus).toBe(3);
    await userEvent.keyboard('{ArrowRight}'); // the last column: it stays
    expect(label()).toBe('step 4 ".": positive 0.95');
    await userEvent.keyboard('{ArrowDown}');
    expect(label()).toBe('step 4 ".": most likely positive 0.95');
    await userEvent.keyboard('{Home}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(label()).toBe('step 1 "a": negative 0.50');
    expect(bus.focus).toBe(0);
    // Tab away and back: the chart remembers its cell.
    await userEvent.keyboard('{ArrowRight}');
    await userEvent.tab();
    before.focus();
    await userEvent.tab();
    expect(label()).toBe('step 2 "fine": negative 0.20');
  });

  it('Down past the last row goes on into the next block; Enter there makes its sequence active', async () => {
    const { view, bus, before, label } = await mount();
    bus.selectSequence(2, 'table').selectSequence(0, 'table', 'add'); // r0 active, r2 compared
    await nextFrame();
    before.focus();
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(label()).toBe('step 2 "but": negative 0.70');
    expect(bus.focus).toBe(7); // r2 starts at step 6
    const selected: number[][] = [];
    view.addEventListener('hs-select', (event) => selected.push(event.detail.sequences));
    await userEvent.keyboard('{Enter}');
    expect(bus.activeSequence).toBe(2);
    expect([...bus.selectedSequences]).toEqual([0, 2]);
    expect(selected).toEqual([[0, 2]]);
    await nextFrame();
    // r2's block now comes first, and the keyboard is still on its cell.
    const grids = view.shadowRoot!.querySelectorAll('[role="grid"]');
    expect(grids[0].getAttribute('aria-label')).toMatch(/sequence r2$/);
    expect(label()).toBe('step 2 "but": negative 0.70');
    expect(grids[0].contains(view.shadowRoot!.activeElement)).toBe(true);
    // Enter in the active block picks nothing new.
    await userEvent.keyboard('{Enter}');
    expect(bus.activeSequence).toBe(2);
    expect(selected).toHaveLength(1);
  });

  it('in aggregate mode the arrows move over positions and focus no step', async () => {
    const { bus, before, label } = await mount({ mode: 'aggregate' });
    before.focus();
    await userEvent.tab();
    expect(label()).toBe('position 1: mean negative 0.53');
    await userEvent.keyboard('{ArrowRight}{ArrowDown}');
    expect(label()).toBe('position 2: mean positive 0.43');
    expect(bus.focus).toBe(-1);
  });
});
