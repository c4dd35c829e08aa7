// The in-tab t-SNE on its subsample route (a t-SNE of a random sample, the other states placed on
// it), in Chromium on a small dataset with a low threshold: what the progress line says in each
// phase, what the map is given meanwhile, Stop in the placement, and the result.
import { afterEach, describe, expect, it } from 'vitest';
import '@statescope/dashboard/define';
import { loadDataset } from '@statescope/core';
import type { ProjectionView } from '@statescope/view-projection';
import { TsneControl } from '../app/TsneControl.js';
import { hiddenStatesVis } from './hiddenStatesVis.js';

/** 40 sequences of 8 steps, 3-unit states, as the reference tool's JSON. */
async function dataset() {
  const texts = Array.from({ length: 40 }, (_, s) => Array.from({ length: 8 }, (_, t) => `w${s}-${t}`));
  const json = hiddenStatesVis(texts);
  return loadDataset(new Blob([JSON.stringify(json)], { type: 'application/json' }));
}

afterEach(() => document.body.replaceChildren());

/** The control on a dashboard showing the 320 states, taking the subsample route above 100 states. */
async function mounted() {
  document.body.innerHTML = `
    <select id="perplexity"><option value="30">30</option></select>
    <button id="run" type="button">Run</button>
    <output id="tsne-status"></output>
    <hs-dashboard></hs-dashboard>`;
  const dashboard = document.querySelector('hs-dashboard')!;
  const status = document.querySelector<HTMLOutputElement>('#tsne-status')!;
  const control = new TsneControl(
    {
      dashboard,
      perplexity: document.querySelector('#perplexity')!,
      run: document.querySelector('#run')!,
      status,
    },
    { sampleAbove: 100, sample: 80 },
  );
  dashboard.data = await dataset();
  const map = dashboard.views[2] as ProjectionView;
  // Each text of the line, with the coordinates the map was given when it was set.
  const seen: { text: string; coordinates: Float32Array | null }[] = [];
  new MutationObserver(() => seen.push({ text: status.value, coordinates: map.coordinates })).observe(status, {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return { dashboard, control, status, map, seen, run: document.querySelector<HTMLButtonElement>('#run')! };
}

describe('the in-tab t-SNE above the threshold', () => {
  it('names each phase, gives the map a finite point for every state throughout, and adds the result', async () => {
    const { dashboard, control, status, map, seen } = await mounted();
    await control.run();
    expect(status.value).toMatch(/^320 states in \d+ s: tsne-p30 \(t-SNE of 80, the others placed\)$/);
    expect(map.projection).toBe('tsne-p30');
    expect(map.coordinates).toBeNull();
    const layout = dashboard.data!.projection('tsne-p30')!;
    expect(layout).toHaveLength(640);
    expect(layout.every(Number.isFinite)).toBe(true);

    const texts = seen.map((entry) => entry.text);
    const tsneLines = texts.filter((text) => text.startsWith('t-SNE of 80 sampled states (of 320): iteration'));
    const placeLines = texts.filter((text) => text.startsWith('placing the other 240 states: '));
    expect(texts[0]).toMatch(/^t-SNE of 80 sampled states \(of 320\): preparing… \d+ s$/);
    expect(tsneLines[0]).toMatch(/: iteration 0 of 750, KL —, \d+ s elapsed, estimating time left$/);
    expect(tsneLines.at(-1)).toMatch(
      /: iteration 750 of 750, KL \d+\.\d\d, \d+ s elapsed, about \d+ s left to placing the rest$/,
    );
    expect(placeLines[0]).toMatch(/^placing the other 240 states: finding their neighbours… \d+ s elapsed$/);
    expect(placeLines.at(-1)).toMatch(/^placing the other 240 states: step 100 of 100, \d+ s elapsed, about 0 s left$/);
    // The t-SNE first, then the placement, then the result.
    expect(texts.indexOf(tsneLines.at(-1)!)).toBeLessThan(texts.indexOf(placeLines[0]));
    for (const text of texts) expect(text).not.toMatch(/NaN|undefined/);

    // The map followed both phases, every state at a finite point (none at NaN, which its
    // trajectories and focus ring cannot draw): during the t-SNE, 80 distinct points at most.
    const followed = seen.filter((entry) => entry.coordinates);
    expect(followed.length).toBeGreaterThan(tsneLines.length);
    for (const { coordinates } of followed) {
      expect(coordinates).toHaveLength(640);
      expect(coordinates!.every(Number.isFinite)).toBe(true);
    }
    const during = seen.find((entry) => entry.text === tsneLines.at(-1))!.coordinates!;
    const points = new Set<string>();
    for (let step = 0; step < 320; step++) points.add(`${during[2 * step]},${during[2 * step + 1]}`);
    expect(points.size).toBeLessThanOrEqual(80);
    expect(points.size).toBeGreaterThan(60);
    // The last report is the result itself.
    expect(Array.from(followed.at(-1)!.coordinates!)).toEqual(Array.from(layout));
  });

  it('Stop during the placement ends it: the stored projection again, nothing added, nothing after', async () => {
    const { dashboard, control, status, map, seen, run } = await mounted();
    // Stop as soon as the line says the placement runs (it is over in milliseconds here).
    let stopped = false;
    new MutationObserver(() => {
      if (!stopped && status.value.startsWith('placing the other 240 states')) {
        stopped = true;
        run.click();
      }
    }).observe(status, { childList: true, characterData: true, subtree: true });
    await control.run();
    expect(stopped).toBe(true);
    expect(status.value).toMatch(/^stopped while placing( \(step \d+ of 100\))? after \d+ s$/);
    expect(run.textContent).toBe('Run t-SNE');
    expect(map.coordinates).toBeNull();
    expect(dashboard.data!.projection('tsne-p30')).toBeUndefined();
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(seen.length).toBe(count);
  });
});
