import { afterEach, describe, expect, it } from 'vitest';
import type { LinkBus } from '@statescope/bus';
import { StatescopeElement } from '@statescope/view-base';
import { tinyDataset } from './tinyDataset.js';

/** A view that counts its redraws and shows the focused step. */
class CountingView extends StatescopeElement {
  renders = 0;
  constructor() {
    super();
    this.adoptStyles(':host { display: block; }');
  }
  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
  }
  protected render(): void {
    this.renders++;
    this.root.textContent = `${this.data!.stepCount} steps, focus ${this.bus.focus}`;
  }
}
customElements.define('counting-view', CountingView);

/** The same without styles of its own: an inline element, which reports no size however it is shown. */
class InlineView extends StatescopeElement {
  protected listen(bus: LinkBus, signal: AbortSignal): void {
    bus.on('focus', () => this.requestRender('focus'), { signal });
  }
  protected render(): void {
    this.root.textContent = `focus ${this.bus.focus}`;
  }
}
customElements.define('inline-view', InlineView);

const frames = async (count = 3) => {
  for (let k = 0; k < count; k++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

afterEach(() => document.body.replaceChildren());

describe('a view that is not displayed', () => {
  it('does not redraw while its panel is closed, and shows what changed meanwhile once it opens', async () => {
    const panel = document.body.appendChild(document.createElement('section'));
    const view = panel.appendChild(new CountingView());
    view.data = tinyDataset(6);
    await frames();
    expect(view.shadowRoot!.textContent).toBe('6 steps, focus -1');

    panel.style.display = 'none'; // the panel closes
    await frames();
    const before = view.renders;
    view.data = tinyDataset(9);
    for (const step of [1, 2, 3]) {
      view.bus.setFocus(step, 'elsewhere');
      await frames(1);
    }
    await frames();
    expect(view.renders).toBe(before);
    expect(view.renderPending).toBe(false);

    panel.style.display = ''; // it opens again
    await frames();
    expect(view.renders).toBe(before + 1);
    expect(view.shadowRoot!.textContent).toBe('9 steps, focus 3');

    view.bus.setFocus(4, 'elsewhere'); // shown: it follows the bus again
    await frames();
    expect(view.shadowRoot!.textContent).toBe('9 steps, focus 4');
  });

  it('still draws when asked to at once (renderNow), hidden or not', async () => {
    const panel = document.body.appendChild(document.createElement('section'));
    panel.hidden = true;
    const view = panel.appendChild(new CountingView());
    await frames();
    view.data = tinyDataset(6);
    view.renderNow();
    expect(view.shadowRoot!.textContent).toBe('6 steps, focus -1');
  });

  it('tells an inline view that is shown from one that is not: it follows the bus', async () => {
    const view = document.body.appendChild(new InlineView());
    view.data = tinyDataset(6);
    await frames();
    view.bus.setFocus(2, 'elsewhere');
    await frames();
    expect(view.shadowRoot!.textContent).toBe('focus 2');
  });
});
