import { within } from '@testing-library/dom';
import { LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';

type ViewTag = 'hs-sequence' | 'hs-heatmap' | 'hs-histogram' | 'hs-table' | 'hs-overview';

/**
 * A view on a bus of its own, with the data, attached to the page and drawn once.
 * `screen()` draws what is pending and returns Testing Library queries inside the shadow root.
 */
export function mountView<K extends ViewTag>(tag: K, data: StateDataset, attributes: Record<string, string> = {}) {
  const view = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  view.renderNow();
  const screen = () => (view.renderNow(), within(view.shadowRoot as unknown as HTMLElement));
  return { view, bus, screen };
}
