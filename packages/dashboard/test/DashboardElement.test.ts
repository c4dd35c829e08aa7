// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { LinkBus } from '@statescope/bus';
import '@statescope/dashboard/define';
import { threeTopics } from '../../../test/support/datasets.js';

afterEach(() => document.body.replaceChildren());

describe('<hs-dashboard>', () => {
  it('arranges the nine views in named panels, on one bus, with its data', () => {
    const dashboard = document.createElement('hs-dashboard');
    const bus = new LinkBus();
    dashboard.bus = bus;
    dashboard.data = threeTopics();
    document.body.append(dashboard);
    dashboard.renderNow();
    const panels = [...dashboard.shadowRoot!.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'));
    // In columns, in reading order: the map over the table; tokens, heatmap, histogram; overview;
    // then the tools under them all.
    expect(panels).toEqual([
      'Hidden states',
      'Sequences',
      'Input sequence',
      'Expected prediction per step',
      'State change per step',
      'Overview',
      'Hidden units',
      'Nearest states',
      'What if…',
    ]);
    expect(dashboard.views.map((v) => v.localName)).toEqual([
      'hs-overview',
      'hs-table',
      'hs-projection',
      'hs-sequence',
      'hs-heatmap',
      'hs-histogram',
      'hs-units',
      'hs-neighbors',
      'hs-whatif',
    ]);
    expect(dashboard.views.every((v) => v.bus === bus && v.data === dashboard.data)).toBe(true);
    expect(bus.activeSequence).toBe(0); // opens on the first sequence
  });

  it('opens the hidden units and the nearest states from their headings, and closes them again', () => {
    const dashboard = document.createElement('hs-dashboard');
    dashboard.data = threeTopics();
    document.body.append(dashboard);
    const toggle = dashboard.shadowRoot!.querySelector<HTMLButtonElement>('section.units h2 button')!;
    expect([toggle.textContent, toggle.getAttribute('aria-expanded'), dashboard.unitsOpen]).toEqual([
      'Hidden units',
      'false',
      false,
    ]);
    toggle.click();
    expect([toggle.getAttribute('aria-expanded'), dashboard.unitsOpen]).toEqual(['true', true]);
    expect(dashboard.shadowRoot!.querySelector('.layout')!.classList.contains('tools-open')).toBe(true);
    const neighbors = dashboard.shadowRoot!.querySelector<HTMLButtonElement>('section.neighbors h2 button')!;
    const map = dashboard.shadowRoot!.querySelector('hs-projection')!;
    expect(map.hasAttribute('nearest')).toBe(false);
    neighbors.click();
    expect([neighbors.textContent, dashboard.neighborsOpen, dashboard.unitsOpen]).toEqual([
      'Nearest states',
      true,
      true,
    ]);
    // With the nearest states listed, the map rings them around a hovered state too.
    expect(map.getAttribute('nearest')).toBe('10');
    dashboard.unitsOpen = false;
    expect([toggle.getAttribute('aria-expanded'), dashboard.unitsOpen]).toEqual(['false', false]);
    expect(dashboard.shadowRoot!.querySelector('.layout')!.classList.contains('tools-open')).toBe(true);
    dashboard.neighborsOpen = false;
    expect(dashboard.shadowRoot!.querySelector('.layout')!.classList.contains('tools-open')).toBe(false);
    expect(map.hasAttribute('nearest')).toBe(false);
  });

  it('follows a new bus and new data, and says so once per change (hs-shown)', () => {
    const dashboard = document.createElement('hs-dashboard');
    const shown: { data: unknown; bus: unknown }[] = [];
    dashboard.addEventListener('hs-shown', (event) => shown.push((event as CustomEvent).detail));
    document.body.append(dashboard);
    const other = new LinkBus();
    dashboard.bus = other;
    const data = threeTopics();
    dashboard.data = data;
    dashboard.renderNow();
    expect(dashboard.views.every((v) => v.bus === other && v.data === data)).toBe(true);
    expect(shown.at(-1)).toEqual({ data, bus: other });
    const count = shown.length;
    dashboard.requestRender(); // a redraw alone (a resize) changes nothing the page follows
    dashboard.renderNow();
    expect(shown).toHaveLength(count);
    const third = new LinkBus();
    dashboard.bus = third;
    dashboard.renderNow();
    expect(shown).toHaveLength(count + 1);
    expect(shown.at(-1)).toEqual({ data, bus: third });
  });
});
