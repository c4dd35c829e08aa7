import { afterEach, describe, expect, it } from 'vitest';
import '@statescope/dashboard/define';
import { centre, clickAt, moveTo, nextFrame } from '../../../test/browser/pointer.js';

const fixture = new URL('../../core/test/fixtures/numpy/manifest.json', import.meta.url).href;

afterEach(() => document.body.replaceChildren());

describe('<hs-dashboard> in Chromium', () => {
  it('loads its src, and a click in the table shows that sequence in the step views', async () => {
    document.body.innerHTML = `<hs-dashboard src="${fixture}"></hs-dashboard>`;
    const dashboard = document.querySelector('hs-dashboard')!;
    await new Promise((resolve) => dashboard.addEventListener('hs-load', resolve, { once: true }));
    for (let i = 0; i < 3; i++) await nextFrame();
    const [, table, , sequence, heatmap] = dashboard.views.map((v) => v.shadowRoot!);
    const tokens = () => [...sequence.querySelectorAll('[role="button"]')].map((t) => t.textContent);
    expect(tokens()).toEqual(['oil', 'prices', 'rose', '.']);

    const row = [...table.querySelectorAll('[role="row"]')].find((r) => r.textContent?.startsWith('c'))!;
    row.scrollIntoView();
    await clickAt(...centre(row));
    await nextFrame();
    expect(tokens()).toEqual(['buys', 'the', 'firm']);
    expect(heatmap.querySelector('[role="grid"]')!.getAttribute('aria-label')).toMatch(/sequence c$/);

    // In one column (the test page is narrow) the tokens are above the table: scroll to them.
    const the = sequence.querySelectorAll('[role="button"]')[1];
    the.scrollIntoView({ block: 'center' });
    await moveTo(...centre(the));
    await nextFrame();
    expect(dashboard.bus.focus).toBe(7); // "the": sequence c starts at step 6
    expect(heatmap.querySelectorAll('rect.focus')).toHaveLength(1);
  });

  it('takes no room when hidden, like any element', async () => {
    document.body.innerHTML = `<hs-dashboard src="${fixture}" hidden></hs-dashboard>`;
    const dashboard = document.querySelector('hs-dashboard')!;
    expect(getComputedStyle(dashboard).display).toBe('none');
    expect(dashboard.getBoundingClientRect().height).toBe(0);
    dashboard.hidden = false;
    expect(getComputedStyle(dashboard).display).toBe('block');
  });
});
