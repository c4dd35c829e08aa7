// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import '@statescope/dashboard/define';
import { threeTopics } from '../../../test/support/datasets.js';

afterEach(() => document.body.replaceChildren());

describe('<hs-dashboard>', () => {
  it('arranges the six views in named panels, on one bus, with its data', () => {
    const dashboard = document.createElement('hs-dashboard');
    const bus = new LinkBus();
    dashboard.bus = bus;
    dashboard.data = threeTopics();
    document.body.append(dashboard);
    dashboard.renderNow();
    const panels = [...dashboard.shadowRoot!.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'));
    expect(panels).toEqual([
      'Overview',
      'Sequences',
      'Hidden states',
      'Input sequence',
      'Expected prediction per step',
      'State change per step',
    ]);
    expect(dashboard.views.map((v) => v.localName)).toEqual([
      'hs-overview',
      'hs-table',
      'hs-projection',
      'hs-sequence',
      'hs-heatmap',
      'hs-histogram',
    ]);
    expect(dashboard.views.every((v) => v.bus === bus && v.data === dashboard.data)).toBe(true);
    expect(bus.activeSequence).toBe(0); // opens on the first sequence
  });

  it('follows a new bus and new data', () => {
    const dashboard = document.createElement('hs-dashboard');
    document.body.append(dashboard);
    const other = new LinkBus();
    dashboard.bus = other;
    const data = threeTopics();
    dashboard.data = data;
    dashboard.renderNow();
    expect(dashboard.views.every((v) => v.bus === other && v.data === data)).toBe(true);
  });
});
