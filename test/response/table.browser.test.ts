// The table's column of the response table (packages/view-base/README.md): each row driven by a
// real gesture in another view on the IMDB demo, checked on what <hs-table> draws.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectionView } from '@statescope/view-projection';
import type { TableView } from '@statescope/view-table';
import { FADED_OPACITY, StepColors, classColor } from '@statescope/view-base';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  hoverToken,
  leaveViews,
  mountLinked,
  press,
  settle,
  unmountAll,
  type Linked,
  mapPointOf,
} from './responseHarness.js';
import { clickAt } from '../browser/pointer.js';
import type { Modifier } from '../browser/commands.js';

afterEach(unmountAll);

const table = (linked: Linked) => linked.views.table as unknown as TableView;

/** The body rows drawn, in display order. */
function rows(linked: Linked): HTMLElement[] {
  return [...linked.root('table').querySelectorAll<HTMLElement>('[role="rowgroup"] [role="row"]')];
}

/** The drawn row of a sequence, if any. */
function rowOf(linked: Linked, sequence: number): HTMLElement | undefined {
  return rows(linked).find((row) => row.dataset.sequence === String(sequence));
}

/** The table's scrolling box (the parent of its row group). */
function scroller(linked: Linked): HTMLElement {
  return linked.root('table').querySelector('[role="rowgroup"]')!.parentElement!;
}

/** Scrolls the table by hand until the row of `sequence` is in the middle of its box; returns the row. */
async function scrollToRow(linked: Linked, sequence: number): Promise<HTMLElement> {
  const index = table(linked).order.indexOf(sequence);
  const box = scroller(linked);
  box.scrollTop = index * (box.scrollHeight / table(linked).order.length) - box.clientHeight / 2;
  await settle();
  const row = rowOf(linked, sequence);
  if (!row || !inView(linked, row)) throw new Error(`the row of sequence ${sequence} is not in view`);
  return row;
}

/** Whether a row lies wholly inside the table's scrolling box. */
function inView(linked: Linked, row: HTMLElement): boolean {
  const box = scroller(linked).getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
}

/** The "n sequences" / "n of N sequences" line under the table. */
function countText(linked: Linked): string {
  const line = [...linked.root('table').querySelectorAll('div')].find(
    (d) => d.childElementCount === 0 && / sequences$/.test(d.textContent ?? ''),
  );
  return line?.textContent ?? '';
}

/** A CSS colour as the browser computes it (rgb(...)). */
function computedColor(color: string): string {
  const probe = document.createElement('div');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

const mapOf = (linked: Linked) => linked.views.map as unknown as ProjectionView;

/** The map's drawing box, in client coordinates. */
const mapBox = (linked: Linked) => linked.root('map').querySelector('canvas')!.getBoundingClientRect();

/** Whether a client point lies on the map's drawing (not on its toolbar, legend or tooltip). */
function onMapDrawing(linked: Linked, x: number, y: number): boolean {
  return linked.root('map').elementFromPoint(x, y)?.closest('svg') != null;
}

/** Brushes the 12-pixel square of the map that holds the steps of the fewest sequences (one or more). */
async function brushSparseSquare(linked: Linked): Promise<void> {
  const map = mapOf(linked);
  const box = mapBox(linked);
  const SIDE = 12;
  const columns = Math.floor(box.width / SIDE);
  const rows = Math.floor(box.height / SIDE);
  const sequences = new Map<number, Set<number>>();
  for (let step = 0; step < linked.data.stepCount; step++) {
    const [x, y] = map.screenPosition(step);
    const [column, row] = [Math.floor(x / SIDE), Math.floor(y / SIDE)];
    if (column < 1 || row < 1 || column >= columns - 1 || row >= rows - 1) continue;
    const cell = row * columns + column;
    if (!sequences.has(cell)) sequences.set(cell, new Set());
    sequences.get(cell)!.add(linked.data.sequenceOf(step));
  }
  let best = -1;
  for (const [cell, held] of sequences) {
    const [x, y] = [(cell % columns) * SIDE, Math.floor(cell / columns) * SIDE];
    const clear = [0, SIDE].every((dx) =>
      [0, SIDE].every((dy) => onMapDrawing(linked, box.left + x + dx, box.top + y + dy)),
    );
    if (clear && (best < 0 || held.size < sequences.get(best)!.size)) best = cell;
  }
  const [x, y] = [(best % columns) * SIDE, Math.floor(best / columns) * SIDE];
  await brushMap(linked, [x / box.width, y / box.height], [(x + SIDE) / box.width, (y + SIDE) / box.height]);
}

/** The first sequences from table row `from` (up to row `to`) that a click on the map can pick. */
function pickableSequences(linked: Linked, from: number, count: number, to = Infinity): number[] {
  const order = table(linked).order;
  const found: number[] = [];
  for (let row = from; row < Math.min(to, order.length) && found.length < count; row++) {
    if (mapPointOf(linked, order[row])) found.push(order[row]);
  }
  if (found.length < count) throw new Error(`only ${found.length} sequences from row ${from} can be picked on the map`);
  return found;
}

/** Clicks a point of `sequence` on the map (Control: compare). */
async function clickOnMap(linked: Linked, sequence: number, modifiers: Modifier[] = []): Promise<void> {
  await clickAt(...mapPointOf(linked, sequence)!, modifiers);
  await settle();
}

describe('<hs-table> answers the bus', () => {
  it('focus: the row of the focused step’s sequence is outlined, only that mark repainted, no scrolling', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    // Precondition, not under test: a sequence in the tokens view, its row in view.
    bus.selectSequence(table(linked).order[4], 'test');
    await settle();
    const before = scroller(linked).scrollTop;
    const plainOutline = getComputedStyle(rows(linked)[0]).outlineStyle;

    // Only the focused mark changes: no row is rebuilt, no text rewritten.
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(linked.root('table'), { subtree: true, childList: true, attributes: true, characterData: true });
    await hoverToken(linked, 3);
    observer.disconnect();

    expect(bus.focus).toBeGreaterThanOrEqual(0);
    const sequence = data.sequenceOf(bus.focus);
    const focused = rows(linked).filter((row) => row.classList.contains('focused'));
    expect(focused.map((row) => row.dataset.sequence)).toEqual([String(sequence)]);
    const style = getComputedStyle(focused[0]);
    expect(style.outlineStyle).not.toBe(plainOutline);
    expect(parseFloat(style.outlineWidth)).toBeGreaterThan(0);
    expect(scroller(linked).scrollTop).toBe(before);
    expect(mutations.length).toBeGreaterThan(0);
    for (const record of mutations) {
      expect([record.type, record.attributeName]).toEqual(['attributes', 'class']);
      expect((record.target as HTMLElement).getAttribute('role')).toBe('row');
    }

    // Focus on a sequence whose row is out of view: the table stays where it is.
    scroller(linked).scrollTop = scroller(linked).scrollHeight;
    await settle();
    const scrolled = scroller(linked).scrollTop;
    expect(rowOf(linked, sequence)).toBeUndefined();
    await hoverToken(linked, 5);
    expect(data.sequenceOf(bus.focus)).toBe(sequence);
    expect(scroller(linked).scrollTop).toBe(scrolled);
    expect(rows(linked).filter((row) => row.classList.contains('focused'))).toEqual([]);
    // Scrolled back by hand, the row is drawn with its mark.
    scroller(linked).scrollTop = 0;
    await settle();
    expect(rowOf(linked, sequence)!.classList.contains('focused')).toBe(true);

    // Focus left: no row marked, the outline gone.
    await leaveViews();
    expect(bus.focus).toBe(-1);
    expect(rows(linked).filter((row) => row.classList.contains('focused'))).toEqual([]);
    expect(getComputedStyle(rowOf(linked, sequence)!).outlineStyle).toBe(plainOutline);
  });

  it('active sequence: a click on the map marks its row active and scrolls it into view', async () => {
    const linked = await mountLinked();
    const [far, other] = pickableSequences(linked, 400, 2);
    expect(rowOf(linked, far)).toBeUndefined(); // far below the rows in view
    const plainShadow = getComputedStyle(rows(linked)[0]).boxShadow;

    await clickOnMap(linked, far);
    expect(linked.bus.activeSequence).toBe(far);
    const row = rowOf(linked, far)!;
    expect(row).toBeDefined();
    expect(inView(linked, row)).toBe(true);
    expect(scroller(linked).scrollTop).toBeGreaterThan(0);
    expect(row.classList.contains('active')).toBe(true);
    expect(getComputedStyle(row).boxShadow).not.toBe(plainShadow);
    expect(rows(linked).filter((r) => r.classList.contains('active'))).toEqual([row]);

    // Another sequence picked: the mark moves to its row, in view; the old row is plain again.
    await clickOnMap(linked, other);
    expect(linked.bus.activeSequence).toBe(other);
    expect(inView(linked, rowOf(linked, other)!)).toBe(true);
    expect(rows(linked).filter((r) => r.classList.contains('active'))).toEqual([rowOf(linked, other)]);
    const old = rowOf(linked, far);
    if (old) expect(getComputedStyle(old).boxShadow).toBe(plainShadow);
  });

  it('compared sequences: Ctrl-clicks on the map mark their rows selected', async () => {
    const linked = await mountLinked();
    const picked = pickableSequences(linked, 0, 3);
    const [first, second, third] = picked;
    const plain = getComputedStyle(rows(linked)[0]).backgroundColor;

    await clickOnMap(linked, first);
    await clickOnMap(linked, second, ['Control']);
    await clickOnMap(linked, third, ['Control']);
    expect(Array.from(linked.bus.selectedSequences)).toEqual([...picked].sort((a, b) => a - b));
    expect(linked.bus.activeSequence).toBe(third);
    // The active row is in view; the others are marked wherever they are scrolled to.
    expect(inView(linked, rowOf(linked, third)!)).toBe(true);
    for (const sequence of picked) {
      const row = await scrollToRow(linked, sequence);
      expect(row.getAttribute('aria-selected')).toBe('true');
      expect(getComputedStyle(row).backgroundColor).not.toBe(plain);
      expect(row.classList.contains('active')).toBe(sequence === third);
      const others = rows(linked).filter((r) => !picked.includes(Number(r.dataset.sequence)));
      for (const other of others) expect(other.getAttribute('aria-selected')).toBe('false');
      expect(getComputedStyle(others[0]).backgroundColor).toBe(plain);
    }

    // Ctrl-click again: taken out of the comparison, its row plain again.
    await clickOnMap(linked, second, ['Control']);
    expect(linked.bus.isSelected(second)).toBe(false);
    const row = await scrollToRow(linked, second);
    expect(row.getAttribute('aria-selected')).toBe('false');
    expect(getComputedStyle(row).backgroundColor).toBe(plain);
    expect((await scrollToRow(linked, first)).getAttribute('aria-selected')).toBe('true');
  });

  it('brush clauses: a map brush lists only the sequences with a brushed step, "n of N"; Esc lists all again', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    await brushMap(linked, [0.45, 0.45], [0.5, 0.5]);
    const steps = bus.clause('map')!.steps.toArray();
    const brushed = new Set(Array.from(steps, (step) => data.sequenceOf(step)));
    expect(brushed.size).toBeGreaterThan(0);
    expect(brushed.size).toBeLessThan(data.sequenceCount);
    expect(countText(linked)).toBe(`${brushed.size} of ${data.sequenceCount} sequences`);
    expect(new Set(table(linked).order)).toEqual(brushed);
    expect(rows(linked).length).toBeGreaterThan(0);
    for (const row of rows(linked)) expect(brushed.has(Number(row.dataset.sequence))).toBe(true);
    expect(linked.root('table').querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe(
      String(brushed.size + 1),
    );

    await press('Escape'); // on the map, which the drag focused
    expect(bus.clause('map')).toBeNull();
    expect(countText(linked)).toBe(`${data.sequenceCount} sequences`);
    expect(table(linked).order).toHaveLength(data.sequenceCount);
  });

  it('brush clauses: brushing while the table is scrolled down draws the rows left, without an error', async () => {
    const linked = await mountLinked();
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      scroller(linked).scrollTop = scroller(linked).scrollHeight;
      await settle();
      expect(scroller(linked).scrollTop).toBeGreaterThan(1000);
      await brushSparseSquare(linked);
      await settle();
      const order = Array.from(table(linked).order);
      expect(order.length).toBeGreaterThan(0);
      expect(order.length).toBeLessThan(10); // fewer rows than the box holds: nothing left to scroll
      // Rows drawn: a run of the listed sequences, in order, some of them in the box.
      const drawn = rows(linked).map((r) => Number(r.dataset.sequence));
      expect(drawn.length).toBeGreaterThan(0);
      const start = order.indexOf(drawn[0]);
      expect(drawn).toEqual(order.slice(start, start + drawn.length));
      expect(rows(linked).some((r) => inView(linked, r))).toBe(true);
      // A fresh brush elsewhere, then none: every sequence again, rows drawn from the top.
      await brushMap(linked, [0.2, 0.2], [0.23, 0.23]);
      await press('Escape');
      expect(countText(linked)).toBe(`${linked.data.sequenceCount} sequences`);
      expect(rows(linked).length).toBeGreaterThan(10);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).toEqual([]);
  });

  it('filters: a class unticked in the overview leaves its rows out; "fade correct" fades rows', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const negative = data.classes.indexOf('negative');
    const positives = Array.from(data.labels).filter((label) => label !== negative).length;

    await clickOverviewCheckbox(linked, 'negative');
    expect(countText(linked)).toBe(`${positives} of ${data.sequenceCount} sequences`);
    expect(rows(linked).length).toBeGreaterThan(0);
    for (const row of rows(linked)) expect(data.labels[Number(row.dataset.sequence)]).not.toBe(negative);

    await clickOverviewCheckbox(linked, 'fade correct');
    const correct = data.correctness();
    const drawn = rows(linked);
    expect(drawn.some((row) => correct[Number(row.dataset.sequence)] === 0)).toBe(true);
    for (const row of drawn) {
      const opacity = Number(getComputedStyle(row).opacity);
      expect(opacity).toBeCloseTo(correct[Number(row.dataset.sequence)] ? FADED_OPACITY : 1, 5);
    }

    // Both unticked: every row, none faded.
    await clickOverviewCheckbox(linked, 'fade correct');
    await clickOverviewCheckbox(linked, 'negative');
    expect(countText(linked)).toBe(`${data.sequenceCount} sequences`);
    expect(rows(linked).some((row) => data.labels[Number(row.dataset.sequence)] === negative)).toBe(true);
    for (const row of rows(linked)) expect(getComputedStyle(row).opacity).toBe('1');
  });

  it('options: each row’s swatch takes the colour mode chosen on the map', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    // A misclassified sequence in view: its true and predicted classes differ.
    const row = rows(linked).find((r) => data.correctness()[Number(r.dataset.sequence)] === 0)!;
    const sequence = Number(row.dataset.sequence);
    const swatch = () => {
      const element = rowOf(linked, sequence)!.querySelector('[part~="swatch"]')!;
      return [element.getBoundingClientRect(), getComputedStyle(element).backgroundColor] as const;
    };
    const last = data.offsets[sequence + 1] - 1;
    const expected = computedColor(new StepColors(data, 'expected').css(last));
    const truth = computedColor(classColor(data.labels[sequence]));
    const predicted = computedColor(classColor(data.predictions[sequence]));
    expect(new Set([expected, truth, predicted]).size).toBe(3);

    // A small square at the row's start, by the final expected prediction (the default mode).
    const [box, colour] = swatch();
    expect(box.width).toBeGreaterThan(4);
    expect(box.height).toBeGreaterThan(4);
    expect(box.left - row.getBoundingClientRect().left).toBeLessThan(12);
    expect(colour).toBe(expected);

    await chooseColorMode(linked, 'true');
    expect(swatch()[1]).toBe(truth);
    await chooseColorMode(linked, 'predicted');
    expect(swatch()[1]).toBe(predicted);
    await chooseColorMode(linked, 'expected');
    expect(swatch()[1]).toBe(expected);
  });
});
