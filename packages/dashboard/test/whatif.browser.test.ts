// The what-if tool of the dashboard app on the IMDB demo: opened from its heading, it finds the
// demo model's weights next to the dataset, and a typed text shows up on the map and in the tokens.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { WhatIfView } from '@statescope/view-whatif';
import { openApp, settle, type AppPage } from './appUnderTest.js';

let app: AppPage;

beforeAll(async () => {
  await page.viewport(1600, 1000);
  app = await openApp('?data=imdb');
}, 60_000);

afterAll(() => app.close());

it('opens from its heading; a typed review is run through the demo model and drawn on the map and in the tokens', async () => {
  const whatif = app.dashboard.views.find((v) => v.localName === 'hs-whatif') as unknown as WhatIfView;
  const heading = whatif.closest('section')!.querySelector('h2 button')!;
  await userEvent.click(heading);
  expect(app.dashboard.whatifOpen).toBe(true);
  expect(whatif.getAttribute('weights')).toMatch(/imdb\.model\.json$/);
  expect(await whatif.whenReady()).not.toBeNull();

  const box = whatif.shadowRoot!.querySelector('textarea')!;
  await userEvent.fill(box, 'the plot was awful and the acting was even worse');
  await whatif.update();
  await settle(4);
  const sequence = app.dashboard.bus.provisional!;
  expect(sequence.tokens).toEqual(['the', 'plot', 'was', 'awful', 'and', 'the', 'acting', 'was', 'even', 'worse']);
  expect(sequence.expected[2 * 9]).toBeGreaterThan(0.5); // the demo model reads it as negative
  const onMap = app.map.shadowRoot!.querySelectorAll('g.provisional line.segment');
  expect(onMap).toHaveLength(9);
  const tokens = app.dashboard.views[3].shadowRoot!.querySelectorAll('.ptoken');
  expect([...tokens].map((t) => t.textContent)).toEqual(sequence.tokens);

  await userEvent.fill(box, '');
  await whatif.update();
  await settle(4);
  expect(app.dashboard.bus.provisional).toBeNull();
  expect(app.map.shadowRoot!.querySelectorAll('g.provisional line.segment')).toHaveLength(0);
});
