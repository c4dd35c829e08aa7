// A dataset switch starts clean: with the real dataset <select>, after brushing, filtering,
// selecting and hovering, the new dataset opens on its first sequence with nothing hovered,
// brushed or filtered, on the bus and in every view's drawing; the colour mode stays.
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { StateDataset } from '@statescope/core';
import { moveTo } from '../../../test/browser/pointer.js';
import {
  brushMap,
  clickOverviewCheckbox,
  clickRow,
  closeStateApp,
  openStateApp,
  settle,
  type StateAppPage,
} from './stateAppPage.js';

afterEach(closeStateApp);

/** Moves the pointer over the map until it hovers a point (the map then shows its tooltip). */
async function hoverMapPoint(app: StateAppPage) {
  const canvas = app.root('map').querySelector('canvas')!;
  canvas.scrollIntoView({ block: 'center' });
  const box = canvas.getBoundingClientRect();
  for (let i = 0; i < 60 && app.dashboard.bus.focus < 0; i++) {
    await moveTo(box.left + (0.15 + 0.012 * i) * box.width, box.top + 0.45 * box.height);
    await settle(2);
  }
  expect(app.dashboard.bus.focus).toBeGreaterThanOrEqual(0);
}

async function chooseDataset(app: StateAppPage, key: string, classCount: number) {
  await userEvent.selectOptions(app.select, key);
  await expect.poll(() => app.dashboard.data?.classCount, { timeout: 20_000 }).toBe(classCount);
  await settle();
}

const tooltip = (app: StateAppPage) => app.root('map').querySelector<HTMLElement>('[part="tooltip"]')!;

/** Every sign of the old dataset's gestures, on the bus and in the views' drawing. */
function expectClean(app: StateAppPage, data: StateDataset) {
  const { bus } = app.dashboard;
  expect(bus.focus).toBe(-1);
  expect(bus.brushSources).toEqual([]);
  expect(bus.filters).toEqual({ fadeCorrect: false, fadeWrong: false, classes: null });
  expect(bus.activeSequence).toBe(0);
  expect([...bus.selectedSequences]).toEqual([0]);
  expect(bus.options.colorMode).toBe('predicted'); // an option that applies to any dataset stays

  // The map: no tooltip, no hover ring, no brush drawn, one trajectory, that of sequence 0.
  const map = app.root('map');
  expect(tooltip(app).hidden).toBe(true);
  expect(getComputedStyle(tooltip(app)).display).toBe('none');
  expect(map.querySelector('.focus circle')!.getAttribute('visibility')).toBe('hidden');
  const selection = map.querySelector<SVGRectElement>('.brush .selection');
  if (selection) expect(getComputedStyle(selection).display).toBe('none');
  expect(
    [...map.querySelectorAll('.trajectories [data-sequence]')].map((t) => t.getAttribute('data-sequence')),
  ).toEqual(['0']);
  // The overview: no fade ticked, every class shown.
  const boxes = [...app.root('overview').querySelectorAll<HTMLInputElement>('label input[type="checkbox"]')];
  const labelOf = (box: HTMLInputElement) => box.closest('label')!.textContent!.trim();
  for (const box of boxes) expect(box.checked, labelOf(box)).toBe(!labelOf(box).startsWith('fade'));
  // The table lists every sequence (no "n of N" of a brush); only sequence 0 is selected.
  expect(app.root('table').textContent).not.toMatch(/\d of \d[\d,]* sequences/);
  const rows = [...app.root('table').querySelectorAll('[role="row"][data-sequence]')];
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.getAttribute('aria-selected'), `row ${row.getAttribute('data-sequence')}`).toBe(
      String(row.getAttribute('data-sequence') === '0'),
    );
  }
  // The tokens: sequence 0 of the new dataset, alone.
  const tokens = [...app.root('sequence').querySelectorAll('[part~="token"]')].map((t) => t.textContent);
  expect(tokens).toEqual(data.tokensOf(0));
}

it('a dataset switch resets focus, tooltip, brushes, filters and selection, and keeps the colour mode', async () => {
  const app = await openStateApp('?data=imdb');
  const imdb = app.dashboard.data!;
  await brushMap(app, [0.3, 0.3], [0.6, 0.6]);
  await clickOverviewCheckbox(app, 'fade misclassified');
  await clickOverviewCheckbox(app, 'negative');
  await userEvent.selectOptions(app.root('map').querySelector('select')!, 'predicted');
  await clickRow(app, 2);
  await clickRow(app, 4, ['Control']);
  await hoverMapPoint(app);
  // All of it is there before the switch.
  const { bus } = app.dashboard;
  expect(bus.brushSources).toEqual(['map']);
  expect(bus.filters).toEqual({ fadeCorrect: false, fadeWrong: true, classes: [1] });
  expect(bus.selectedSequences.length).toBe(2);
  expect(tooltip(app).hidden).toBe(false);

  // The keyboard-less switch a user makes with the pointer still on the map.
  await chooseDataset(app, 'data:reuters', 5);
  const reuters = app.dashboard.data!;
  expectClean(app, reuters);

  await chooseDataset(app, 'data:imdb', 2);
  expect(app.dashboard.data).toBe(imdb);
  expectClean(app, imdb);
});
