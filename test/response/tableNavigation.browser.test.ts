// Finding one's way in <hs-table> on the IMDB demo (1,000 reviews): where it opens and scrolls,
// sorting, the navigation keys, the search box, and the table narrowed to many sequences
// selected at once (a confusion-matrix cell), each driven by real pointer and keyboard input.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import type { ProjectionView } from '@statescope/view-projection';
import type { TableView } from '@statescope/view-table';
import '@statescope/dashboard/define';
import type { DashboardElement } from '@statescope/dashboard';
import {
  brushMap,
  clickOverviewCheckbox,
  clickRow,
  imdbDemo,
  mountLinked,
  press,
  settle,
  unmountAll,
  type Linked,
  mapPointOf,
} from './responseHarness.js';
import { centre, clickAt, nextFrame } from '../browser/pointer.js';
import { expectNoSeriousViolations } from '../support/axe.js';

afterEach(unmountAll);

const ROW_HEIGHT = 26;
/** Rows a Page Down moves at the default height of 320 px: those the box shows. */
const PAGE_ROWS = Math.floor(320 / ROW_HEIGHT);

const table = (linked: Linked) => linked.views.table as unknown as TableView;
const order = (linked: Linked) => Array.from(table(linked).order);

/** The table's scrolling box: its grid, which holds the header and the row group. */
function scroller(root: ShadowRoot): HTMLElement {
  return root.querySelector<HTMLElement>('[role="grid"]')!;
}

/** The body rows drawn, in display order. */
function rows(root: ShadowRoot): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[role="rowgroup"] [role="row"]')];
}

/** Whether a row lies wholly in the box below the header (not under it, not cut off). */
function inView(root: ShadowRoot, row: HTMLElement): boolean {
  const head = root.querySelector('[role="row"][aria-rowindex="1"]')!.getBoundingClientRect();
  const box = scroller(root).getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return r.top >= head.bottom - 0.5 && r.bottom <= box.bottom + 0.5;
}

/** Whether a row is wholly in view, as a filter. */
const inViewOf = (root: ShadowRoot) => (row: HTMLElement) => inView(root, row);

/** The drawn rows in view, top to bottom, as sequence numbers. */
function rowsInView(root: ShadowRoot): number[] {
  return rows(root)
    .filter((row) => inView(root, row))
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((row) => Number(row.dataset.sequence));
}

/** The row drawn for a sequence, if any. */
function rowOf(root: ShadowRoot, sequence: number): HTMLElement | undefined {
  return rows(root).find((row) => row.dataset.sequence === String(sequence));
}

/** Whether the active sequence's row is drawn, marked active and wholly in view. */
function activeRowInView(linked: Linked): boolean {
  const row = rowOf(linked.root('table'), linked.bus.activeSequence);
  return !!row && row.classList.contains('active') && inView(linked.root('table'), row);
}

/** The "n of N sequences" line under the table. */
function countText(root: ShadowRoot): string {
  const line = [...root.querySelectorAll('div')].find(
    (d) => d.childElementCount === 0 && / sequences$/.test(d.textContent ?? ''),
  );
  return line?.textContent ?? '';
}

/** The search box, found by its accessible name as a user finds it. */
function searchBox(root: ShadowRoot): HTMLInputElement {
  const box = [...root.querySelectorAll('input')].find(
    (input) => (input.getAttribute('aria-label') ?? input.labels?.[0]?.textContent) === 'Search ids and tokens',
  );
  if (!box) throw new Error('the table has no box labelled "Search ids and tokens"');
  return box;
}

/** Clicks into the search box and types `text` over what it held. */
async function search(linked: Linked, text: string): Promise<void> {
  await clickAt(...centre(searchBox(linked.root('table'))));
  await userEvent.keyboard('{Control>}a{/Control}');
  await userEvent.keyboard(text === '' ? '{Backspace}' : text);
  await settle();
}

/**
 * The sequences a search should keep, worked out here from the tokens (not from the table's
 * own texts): id or tokens containing `query` case-insensitively, or, for `/re/`, matching re.
 */
function expectedMatches(data: StateDataset, query: string): Set<number> {
  const written = /^\/(.+)\/$/s.exec(query);
  const pattern = written ? new RegExp(written[1], 'im') : null;
  const found = new Set<number>();
  for (let s = 0; s < data.sequenceCount; s++) {
    const tokens: string[] = [];
    for (let t = data.offsets[s]; t < data.offsets[s + 1]; t++) tokens.push(data.token(t));
    const text = `${data.ids[s]}\n${tokens.join(' ')}`;
    if (pattern ? pattern.test(text) : text.toLowerCase().includes(query.toLowerCase())) found.add(s);
  }
  return found;
}

/** The header cell of a column, by the label its button shows. */
function header(root: ShadowRoot, label: string): HTMLElement {
  const cell = [...root.querySelectorAll<HTMLElement>('[role="columnheader"]')].find(
    (h) => h.textContent?.trim() === label,
  );
  if (!cell) throw new Error(`the table has no column "${label}"`);
  return cell;
}

/** Clicks on the map a sequence listed at table row `from` or below; returns it. */
async function clickFarSequenceOnMap(linked: Linked, from: number): Promise<number> {
  const listed = order(linked);
  for (let row = from; row < listed.length; row++) {
    const point = mapPointOf(linked, listed[row]);
    if (!point) continue;
    await clickAt(...point);
    await settle();
    return listed[row];
  }
  throw new Error(`no sequence from table row ${from} can be picked on the map`);
}

/**
 * A square of the map (corners as fractions of its canvas) holding steps of some of `sequences`
 * but not of all, to brush.
 */
function squareHoldingSome(linked: Linked, sequences: number[]): [[number, number], [number, number]] {
  const map = linked.views.map as unknown as ProjectionView;
  const box = linked.root('map').querySelector('canvas')!.getBoundingClientRect();
  const { offsets } = linked.data;
  const SIDE = 0.1;
  for (let fy = 0.15; fy < 0.85; fy += SIDE) {
    for (let fx = 0.15; fx < 0.85; fx += SIDE) {
      const held = sequences.filter((s) => {
        for (let step = offsets[s]; step < offsets[s + 1]; step++) {
          const [x, y] = map.screenPosition(step);
          const [px, py] = [x / box.width, y / box.height];
          if (px > fx + 0.01 && px < fx + SIDE - 0.01 && py > fy + 0.01 && py < fy + SIDE - 0.01) return true;
        }
        return false;
      });
      if (held.length > 0 && held.length < sequences.length)
        return [
          [fx, fy],
          [fx + SIDE, fy + SIDE],
        ];
    }
  }
  throw new Error('no square of the map holds some of the sequences but not all');
}

/** The confusion-matrix cells (true x predicted, row-major) and the sequences of each. */
function matrixCells(data: StateDataset): number[][] {
  const cells = Array.from({ length: data.classCount * data.classCount }, () => [] as number[]);
  for (let s = 0; s < data.sequenceCount; s++) cells[data.labels[s] * data.classCount + data.predictions[s]].push(s);
  return cells;
}

/** Clicks the overview's matrix cell `index` (row-major, as its cells are laid out). */
async function clickMatrixCell(linked: Linked, index: number): Promise<void> {
  const cell = linked.root('overview').querySelectorAll('g.cell')[index];
  if (!cell) throw new Error(`the overview has no matrix cell ${index}`);
  const shade = cell.querySelector('rect')!;
  shade.scrollIntoView({ block: 'center' });
  await clickAt(...centre(shade));
  await settle();
}

/** The "showing the n selected · show all" line, if shown. */
function selectedLine(root: ShadowRoot): HTMLElement | null {
  const line = [...root.querySelectorAll<HTMLElement>('div')].find((d) =>
    /^showing the \d+ selected/.test(d.textContent ?? ''),
  );
  return line && line.checkVisibility() ? line : null;
}

describe('<hs-table>: where it opens and scrolls', () => {
  it('opens at its top though the dashboard opens on a sequence listed far down', async () => {
    const data = await imdbDemo();
    const dashboard = document.createElement('hs-dashboard') as DashboardElement;
    dashboard.bus = new LinkBus();
    dashboard.data = data;
    document.body.append(dashboard);
    await settle();
    await settle();
    const view = dashboard.views.find((v) => v.localName === 'hs-table') as unknown as TableView;
    const root = view.shadowRoot!;
    // The dashboard's own choice, not the user's: sequence 0, listed far below the first rows.
    expect(dashboard.bus.activeSequence).toBe(0);
    const activeRow = Array.from(view.order).indexOf(0);
    expect(activeRow).toBeGreaterThan(2 * PAGE_ROWS);
    expect(scroller(root).scrollTop).toBe(0);
    expect(rowsInView(root).slice(0, 3)).toEqual(Array.from(view.order.slice(0, 3)));
    expect(rowsInView(root)).not.toContain(0);
  });

  it('brings the active row into view when another view selects it, and after a brush keeps it there', async () => {
    const linked = await mountLinked();
    const root = linked.root('table');
    expect(scroller(root).scrollTop).toBe(0);
    const far = await clickFarSequenceOnMap(linked, 300);
    expect(linked.bus.activeSequence).toBe(far);
    expect(scroller(root).scrollTop).toBeGreaterThan(0);
    expect(activeRowInView(linked)).toBe(true);
    // A class unticked in the overview changes the rows listed: the active one stays in view.
    const other = linked.data.classes.findIndex((_, c) => c !== linked.data.labels[far]);
    await clickOverviewCheckbox(linked, linked.data.classes[other]);
    expect(order(linked).length).toBeLessThan(linked.data.sequenceCount);
    expect(activeRowInView(linked)).toBe(true);
  });

  it('sorting shows the sorted top; no header cuts its label or its sort arrow', async () => {
    const linked = await mountLinked();
    const root = linked.root('table');
    await clickFarSequenceOnMap(linked, 500);
    expect(scroller(root).scrollTop).toBeGreaterThan(1000);

    await clickAt(...centre(header(root, 'steps').querySelector('button')!));
    await settle();
    expect(header(root, 'steps').getAttribute('aria-sort')).toBe('ascending');
    expect(scroller(root).scrollTop).toBe(0);
    const lengths = order(linked).map((s) => linked.data.sequenceLength(s));
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(rowsInView(root)[0]).toBe(order(linked)[0]);

    // The header's columns are the rows' columns, for plain and for selected (bold) rows alike.
    await clickRow(linked, 1);
    const headers = [...root.querySelectorAll('[role="columnheader"]')].map((h) => h.getBoundingClientRect());
    for (const row of rows(root).filter(inViewOf(root)).slice(0, 3)) {
      const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.getBoundingClientRect());
      expect(cells.map((c) => Math.round(c.left))).toEqual(headers.map((h) => Math.round(h.left)));
      expect(cells.map((c) => Math.round(c.right))).toEqual(headers.map((h) => Math.round(h.right)));
    }
    expect(rows(root).some((row) => row.getAttribute('aria-selected') === 'true' && inView(root, row))).toBe(true);

    // Every header, both ways: its label whole, its arrow drawn inside its cell.
    for (const label of ['id', 'true', 'predicted', 'correct', 'steps', 'text']) {
      for (const direction of ['ascending', 'descending']) {
        scroller(root).scrollTop = 2000; // as if scrolled by hand: a sort must still show the top
        await settle();
        const button = header(root, label).querySelector('button')!;
        if (header(root, label).getAttribute('aria-sort') !== direction) {
          await clickAt(...centre(button));
          await settle();
        }
        if (header(root, label).getAttribute('aria-sort') !== direction) {
          await clickAt(...centre(button));
          await settle();
        }
        const cell = header(root, label);
        expect(cell.getAttribute('aria-sort')).toBe(direction);
        expect(scroller(root).scrollTop).toBe(0);
        const [text, arrow] = [...button.children] as HTMLElement[];
        expect(text.textContent).toBe(label);
        expect(text.scrollWidth, `${label}: label cut`).toBeLessThanOrEqual(text.clientWidth);
        expect(button.scrollWidth, `${label}: button overflows`).toBeLessThanOrEqual(button.clientWidth);
        expect(cell.scrollWidth, `${label}: header cell overflows`).toBeLessThanOrEqual(cell.clientWidth);
        expect(getComputedStyle(arrow, '::after').content).toBe(direction === 'ascending' ? '"▲"' : '"▼"');
        const [a, c] = [arrow.getBoundingClientRect(), cell.getBoundingClientRect()];
        expect(a.width).toBeGreaterThan(4);
        expect(a.left).toBeGreaterThanOrEqual(c.left);
        expect(a.right, `${label}: arrow cut`).toBeLessThanOrEqual(c.right);
      }
    }
  });
});

describe('<hs-table>: keys', () => {
  it('Home, End, Page Up and Page Down select and scroll; Up and Down step', async () => {
    const linked = await mountLinked();
    const root = linked.root('table');
    const listed = order(linked);
    const last = listed.length - 1;
    await clickRow(linked, 2); // focuses the grid, as a user would
    expect(root.activeElement).toBe(scroller(root));
    expect(linked.bus.activeSequence).toBe(listed[2]);

    await press('End');
    expect(linked.bus.activeSequence).toBe(listed[last]);
    expect(activeRowInView(linked)).toBe(true);
    expect(rowsInView(root).at(-1)).toBe(listed[last]);
    await press('Home');
    expect(linked.bus.activeSequence).toBe(listed[0]);
    expect(scroller(root).scrollTop).toBe(0);
    expect(activeRowInView(linked)).toBe(true);

    await press('PageDown');
    expect(linked.bus.activeSequence).toBe(listed[PAGE_ROWS]);
    expect(activeRowInView(linked)).toBe(true);
    await press('PageDown');
    expect(linked.bus.activeSequence).toBe(listed[2 * PAGE_ROWS]);
    expect(activeRowInView(linked)).toBe(true);
    await press('ArrowDown');
    expect(linked.bus.activeSequence).toBe(listed[2 * PAGE_ROWS + 1]);
    await press('PageUp');
    expect(linked.bus.activeSequence).toBe(listed[PAGE_ROWS + 1]);
    expect(activeRowInView(linked)).toBe(true);
    await press('ArrowUp');
    expect(linked.bus.activeSequence).toBe(listed[PAGE_ROWS]);
    await press('PageUp');
    await press('PageUp'); // stops at the first row
    expect(linked.bus.activeSequence).toBe(listed[0]);
    await press('End');
    await press('PageDown'); // stops at the last row
    expect(linked.bus.activeSequence).toBe(listed[last]);
    expect(activeRowInView(linked)).toBe(true);
    // The keys moved the selection, not the page or the keyboard focus.
    expect(root.activeElement).toBe(scroller(root));
    expect(document.scrollingElement!.scrollTop).toBe(0);
  });

  it('the grid is one tab stop, and the box that scrolls is that stop (axe: no serious violation)', async () => {
    const linked = await mountLinked();
    const root = linked.root('table');
    const grid = scroller(root);
    // The scrolling box is the grid itself.
    expect(grid.scrollHeight).toBeGreaterThan(grid.clientHeight);
    expect(['auto', 'scroll']).toContain(getComputedStyle(grid).overflowY);
    expect(grid.tabIndex).toBe(0);
    // From the search box, Tab lands on the grid; its rows and cells are no tab stops of their own.
    await clickAt(...centre(searchBox(root)));
    await userEvent.keyboard('{Tab}');
    expect(root.activeElement).toBe(grid);
    const stops = [...grid.querySelectorAll<HTMLElement>('*')].filter((e) => e.tabIndex >= 0);
    expect(stops.every((e) => e.localName === 'button' && e.closest('[role="columnheader"]'))).toBe(true);
    // The keys work from there without a click.
    await press('Home');
    expect(linked.bus.activeSequence).toBe(order(linked)[0]);
    expect(grid.getAttribute('aria-activedescendant')).toBe(rowOf(root, order(linked)[0])!.id);
    await expectNoSeriousViolations({ context: linked.views.table });
  });
});

describe('<hs-table>: search', () => {
  it('keeps the sequences whose id or tokens hold the text, any case, with brushes and filters; "n of N"', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const root = linked.root('table');
    const total = data.sequenceCount;
    const box = searchBox(root);
    expect(box.checkVisibility()).toBe(true);
    expect(box.getBoundingClientRect().bottom).toBeLessThanOrEqual(scroller(root).getBoundingClientRect().top);

    // Scrolled down first: a search that shrinks the list shows its top, and raises nothing.
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    scroller(root).scrollTop = scroller(root).scrollHeight;
    await settle();
    await search(linked, 'Brilliant');
    const brilliant = expectedMatches(data, 'brilliant');
    expect(brilliant.size).toBeGreaterThan(0);
    expect(brilliant.size).toBeLessThan(total);
    expect(new Set(order(linked))).toEqual(brilliant);
    expect(countText(root)).toBe(`${brilliant.size} of ${total} sequences`);
    expect(scroller(root).scrollTop).toBe(0);
    expect(rowsInView(root)[0]).toBe(order(linked)[0]);
    for (const row of rows(root)) expect(brilliant.has(Number(row.dataset.sequence))).toBe(true);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);

    // Ids too, whatever the case.
    const id = data.ids[321];
    await search(linked, id.toUpperCase());
    expect(order(linked)).toContain(321);
    expect(new Set(order(linked))).toEqual(expectedMatches(data, id));

    // With a class hidden in the overview and a brush on the map: all three constraints.
    await search(linked, 'brilliant');
    await clickOverviewCheckbox(linked, 'negative');
    const negative = data.classes.indexOf('negative');
    const shown = [...brilliant].filter((s) => data.labels[s] !== negative);
    expect(new Set(order(linked))).toEqual(new Set(shown));
    expect(countText(root)).toBe(`${shown.length} of ${total} sequences`);
    await brushMap(linked, ...squareHoldingSome(linked, shown));
    const steps = linked.bus.clause('map')!.steps;
    const brushedToo = shown.filter((s) => {
      for (let t = data.offsets[s]; t < data.offsets[s + 1]; t++) if (steps.has(t)) return true;
      return false;
    });
    expect(brushedToo.length).toBeGreaterThan(0);
    expect(brushedToo.length).toBeLessThan(shown.length);
    expect(new Set(order(linked))).toEqual(new Set(brushedToo));
    expect(countText(root)).toBe(`${brushedToo.length} of ${total} sequences`);

    // The search emptied: the brush and the class filter alone.
    await search(linked, '');
    expect(order(linked).length).toBeGreaterThan(brushedToo.length);
    expect(order(linked).every((s) => data.labels[s] !== negative)).toBe(true);
  });

  it('a /regular expression/ matches ids and tokens; an invalid one says so beside the box and filters nothing', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const root = linked.root('table');

    await search(linked, '/^imdb-1\\d\\d$/');
    const ids = expectedMatches(data, '/^imdb-1\\d\\d$/');
    expect(ids.size).toBeGreaterThan(0);
    expect([...ids].every((s) => /^imdb-1\d\d$/.test(data.ids[s]))).toBe(true);
    expect(new Set(order(linked))).toEqual(ids);

    await search(linked, '/\\bworst\\b.*\\bever\\b/');
    const worstEver = expectedMatches(data, '/\\bworst\\b.*\\bever\\b/');
    expect(worstEver.size).toBeGreaterThan(0);
    expect(new Set(order(linked))).toEqual(worstEver);
    expect(countText(root)).toBe(`${worstEver.size} of ${data.sequenceCount} sequences`);

    // Unfinished: the message beside the box, and every row (nothing filtered).
    await search(linked, '/(worst/');
    const message = [...root.querySelectorAll<HTMLElement>('[role="status"]')].find((e) =>
      /regular expression/i.test(e.textContent ?? ''),
    )!;
    expect(message.textContent).toMatch(/not a valid regular expression: .+/);
    expect(message.checkVisibility()).toBe(true);
    const [m, b] = [message.getBoundingClientRect(), searchBox(root).getBoundingClientRect()];
    expect(m.top).toBeLessThan(b.bottom);
    expect(m.bottom).toBeGreaterThan(b.top); // on the box's line, after it
    expect(m.left).toBeGreaterThanOrEqual(b.right);
    expect(order(linked)).toHaveLength(data.sequenceCount);
    expect(countText(root)).toBe(`${data.sequenceCount} sequences`);

    // Mended: the message goes.
    await search(linked, '/(worst)/');
    expect(message.textContent).toBe('');
    expect(new Set(order(linked))).toEqual(expectedMatches(data, 'worst'));
  });

  it('typing stays quick over 1,000 reviews: each keystroke’s frame well under 50 ms', async () => {
    const linked = await mountLinked();
    const root = linked.root('table');
    const box = searchBox(root);
    // After the table's own input listener: this frame callback runs after its redraw, in the
    // same frame, so the time since the frame began covers the search and the rows drawn.
    const costs: number[] = [];
    box.addEventListener('input', () => requestAnimationFrame((began) => costs.push(performance.now() - began)));
    await clickAt(...centre(box));
    for (const key of 'a wonderful') {
      await userEvent.keyboard(key === ' ' ? '{Space}' : key);
      await nextFrame();
    }
    await settle();
    expect(box.value).toBe('a wonderful');
    expect(costs).toHaveLength('a wonderful'.length);
    expect(new Set(order(linked))).toEqual(expectedMatches(linked.data, 'a wonderful'));
    // The first search makes every review's text once; the ones after only scan it.
    expect(Math.max(...costs.slice(1)), costs.map((c) => c.toFixed(1)).join(' ')).toBeLessThan(50);
  });
});

describe('<hs-table>: many sequences selected at once', () => {
  it('a confusion-matrix cell narrows the table to its sequences; "show all" lists every one again', async () => {
    const linked = await mountLinked();
    const { data, bus } = linked;
    const root = linked.root('table');
    const cells = matrixCells(data);
    // The smallest cell with more sequences than the map draws trajectories for.
    const many = cells
      .map((sequences, index) => ({ sequences, index }))
      .filter(({ sequences }) => sequences.length > 12)
      .sort((a, b) => a.sequences.length - b.sequences.length)[0];
    expect(many.sequences.length).toBeLessThan(data.sequenceCount);

    await clickMatrixCell(linked, many.index);
    expect(Array.from(bus.selectedSequences)).toEqual(many.sequences);
    expect(new Set(order(linked))).toEqual(new Set(many.sequences));
    expect(countText(root)).toBe(`${many.sequences.length} of ${data.sequenceCount} sequences`);
    for (const row of rows(root)) expect(row.getAttribute('aria-selected')).toBe('true');
    const line = selectedLine(root)!;
    expect(line).not.toBeNull();
    expect(line.textContent).toBe(`showing the ${many.sequences.length} selected · show all`);
    expect(activeRowInView(linked)).toBe(true);

    // Going through them one by one keeps the table narrowed: a click, then the keys.
    await clickRow(linked, 3);
    expect(bus.selectedSequences).toHaveLength(1);
    await press('ArrowDown');
    await press('End');
    expect(bus.activeSequence).toBe(order(linked).at(-1));
    expect(new Set(order(linked))).toEqual(new Set(many.sequences));
    // A search narrows them further.
    await search(linked, 'the');
    expect(new Set(order(linked))).toEqual(new Set(many.sequences.filter((s) => expectedMatches(data, 'the').has(s))));
    await search(linked, '');

    const showAll = [...line.querySelectorAll('button')].find((b) => b.textContent === 'show all')!;
    await clickAt(...centre(showAll));
    await settle();
    expect(order(linked)).toHaveLength(data.sequenceCount);
    expect(countText(root)).toBe(`${data.sequenceCount} sequences`);
    expect(selectedLine(root)).toBeNull();
    expect(activeRowInView(linked)).toBe(true);
    expect(root.activeElement).toBe(scroller(root)); // the keyboard stays in the table

    // The cell again, then Esc in the table: nothing selected, every row listed.
    await clickMatrixCell(linked, many.index);
    expect(order(linked)).toHaveLength(many.sequences.length);
    await clickRow(linked, 0);
    await press('Escape');
    expect(bus.selectedSequences).toHaveLength(0);
    expect(order(linked)).toHaveLength(data.sequenceCount);
    expect(selectedLine(root)).toBeNull();
  });

  it('sequences added one at a time never narrow the table, however many', async () => {
    const linked = await mountLinked();
    const root = linked.root('table');
    await clickRow(linked, 0);
    for (let row = 1; row <= 13; row++) {
      await clickRow(linked, row, ['Control']);
    }
    expect(linked.bus.selectedSequences).toHaveLength(14);
    expect(order(linked)).toHaveLength(linked.data.sequenceCount);
    expect(selectedLine(root)).toBeNull();
  });
});
