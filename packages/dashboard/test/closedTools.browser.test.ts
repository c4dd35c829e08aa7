import { afterEach, describe, expect, it } from 'vitest';
import '@statescope/dashboard/define';
import type { NeighborsView } from '@statescope/view-neighbors';
import { nextFrame } from '../../../test/browser/pointer.js';

const fixture = new URL('../../core/test/fixtures/numpy/manifest.json', import.meta.url).href;

const frames = async (count = 3) => {
  for (let k = 0; k < count; k++) await nextFrame();
};

afterEach(() => document.body.replaceChildren());

describe('the tools under the columns while closed', () => {
  it('do no work for hovers (no nearest states looked up) and show the hovered step once opened', async () => {
    document.body.innerHTML = `<hs-dashboard src="${fixture}" style="height: 900px"></hs-dashboard>`;
    const dashboard = document.querySelector('hs-dashboard')!;
    await new Promise((resolve) => dashboard.addEventListener('hs-load', resolve, { once: true }));
    await frames();
    const neighbors = dashboard.views.find((view) => view.localName === 'hs-neighbors') as NeighborsView;
    for (const step of [2, 5, 7]) {
      dashboard.bus.setFocus(step, 'test');
      await frames(2);
    }
    // Closed: the hovers were not looked up (at a million states, a 390 MB index built in
    // seconds). Time enough for the small index to be built and asked, were they.
    await frames(60);
    expect(neighbors.neighbors).toBeNull();

    dashboard.neighborsOpen = true;
    for (let k = 0; k < 200 && neighbors.neighbors === null; k++) await nextFrame();
    expect(neighbors.anchorStep).toBe(7);
    expect(neighbors.neighbors!.steps.length).toBeGreaterThan(0);
  });
});
