import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import '@statescope/view-overview/define';
import { threeTopics } from '../../../test/support/datasets.js';
import { nextFrame } from '../../../test/browser/pointer.js';

// The confusion matrix by keyboard in Chromium: real Tab, arrow and Enter presses.
async function mount() {
  const view = document.createElement('hs-overview');
  view.setAttribute('width', '360');
  const bus = new LinkBus();
  view.bus = bus;
  view.data = threeTopics();
  const after = document.createElement('button');
  after.textContent = 'after';
  document.body.append(view, after);
  await nextFrame();
  const label = () => view.shadowRoot!.activeElement?.getAttribute('aria-label');
  return { view, bus, after, label };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-overview> by keyboard', () => {
  it('the matrix is one tab stop; the arrows, Home and End move over its cells; Enter selects a cell', async () => {
    const { view, bus, after, label } = await mount();
    // The last class checkbox, then the matrix.
    const boxes = view.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    boxes[boxes.length - 1].focus();
    await userEvent.tab();
    expect(label()).toBe('true earn, predicted earn: 0 sequences');
    expect(view.shadowRoot!.querySelectorAll('g.cell[tabindex="0"]')).toHaveLength(1);
    await userEvent.keyboard('{ArrowDown}');
    expect(label()).toBe('true acq, predicted earn: 1 sequences');
    await userEvent.keyboard('{End}');
    expect(label()).toBe('true acq, predicted crude: 0 sequences');
    await userEvent.keyboard('{ArrowDown}{ArrowRight}'); // the last column: stays
    expect(label()).toBe('true crude, predicted crude: 1 sequences');
    await userEvent.keyboard('{Home}{ArrowUp}');
    expect(label()).toBe('true acq, predicted earn: 1 sequences');
    await userEvent.keyboard('{Enter}');
    expect([bus.activeSequence, [...bus.selectedSequences]]).toEqual([1, [1]]);
    // One stop: the next Tab leaves the matrix; Shift+Tab comes back to the same cell.
    await userEvent.tab();
    expect(document.activeElement).toBe(after);
    await userEvent.tab({ shift: true });
    expect(label()).toBe('true acq, predicted earn: 1 sequences');
  });
});
