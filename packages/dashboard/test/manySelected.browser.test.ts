// The dashboard app (the real page, as main.ts wires it) on the IMDB demo: a confusion-matrix
// cell selecting many sequences at once, and a brush that shrinks the table while it is scrolled.
import { afterEach, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { centre, clickAt, drag } from '../../../test/browser/pointer.js';
import { openApp, settle, type AppPage } from './appUnderTest.js';

let opened: AppPage | null = null;
afterEach(() => {
  opened?.close();
  opened = null;
});

async function open(): Promise<AppPage> {
  await page.viewport(1600, 1000);
  opened = await openApp('?data=imdb');
  return opened;
}

it('a matrix cell of many sequences: the map draws twelve and pages the rest, the table lists them all', async () => {
  const { dashboard } = await open();
  const [overview, table, map] = dashboard.views;
  const data = dashboard.data!;
  const C = data.classCount;
  const perCell = new Array<number>(C * C).fill(0);
  for (let s = 0; s < data.sequenceCount; s++) perCell[data.labels[s] * C + data.predictions[s]]++;
  const index = perCell.findIndex((n) => n > 12 && n < 200);
  const count = perCell[index];
  const cell = overview.shadowRoot!.querySelectorAll('g.cell')[index];
  await clickAt(...centre(cell.querySelector('rect.shade')!));
  await settle();
  expect(dashboard.bus.selectedSequences.length).toBe(count);

  const trajectories = map.shadowRoot!.querySelectorAll('.trajectory');
  expect(trajectories.length).toBe(12);
  const pager = map.shadowRoot!.querySelector<HTMLElement>('[part="pager"]')!;
  expect(pager.hidden).toBe(false);
  expect(pager.querySelector('.more')!.textContent).toBe(`+${count - 12} more`);

  const rows = [...table.shadowRoot!.querySelectorAll('[role="rowgroup"] [role="row"]')];
  const listed = new Set(rows.map((row) => Number(row.getAttribute('data-sequence'))));
  expect(table.shadowRoot!.textContent).toContain(`showing the ${count} selected`);
  expect([...listed].every((s) => dashboard.bus.isSelected(s))).toBe(true);
});

it('a brush that shrinks the table while it is scrolled down raises nothing', async () => {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  window.addEventListener('error', onError);
  try {
    const { dashboard } = await open();
    const [, table, map] = dashboard.views;
    const grid = table.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
    grid.scrollTop = grid.scrollHeight; // the end of the list
    await settle();
    const canvas = map.shadowRoot!.querySelector('canvas')!.getBoundingClientRect();
    // A small rectangle in the map: fewer sequences pass there than the table listed.
    const at = (fx: number, fy: number): [number, number] => [
      canvas.left + fx * canvas.width,
      canvas.top + fy * canvas.height,
    ];
    await drag(at(0.3, 0.35), at(0.33, 0.38), at(0.36, 0.42));
    await settle();
    expect(dashboard.bus.brushSources).toEqual(['map']);
    expect(table.shadowRoot!.textContent).toMatch(/\d+ of 1,?000 sequences/);
    expect(errors).toEqual([]);
  } finally {
    window.removeEventListener('error', onError);
  }
});
