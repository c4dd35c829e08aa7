// The overview's column of the response table (packages/view-base/README.md): each row driven by
// a real gesture in another view, checked on what <hs-overview> draws in its shadow DOM.
import { afterEach, describe, expect, it } from 'vitest';
import { sequencesOfSteps } from '@statescope/core';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  hoverToken,
  leaveViews,
  mountLinked,
  press,
  settle,
  tableRow,
  unmountAll,
  type Linked,
} from './responseHarness.js';

afterEach(unmountAll);

/** The confusion matrix cells, row-major (true x predicted). */
function cells(linked: Linked): SVGGElement[] {
  return [...linked.root('overview').querySelectorAll<SVGGElement>('g.cell')];
}

/** The notes drawn over the matrix cells (brushed counts, selected badges), in the cells' order. */
function notes(linked: Linked): SVGGElement[] {
  return [...linked.root('overview').querySelectorAll<SVGGElement>('g.cell-note')];
}

/** The matrix cell (row-major index) a sequence lies in. */
function cellOf(linked: Linked, sequence: number): number {
  const { data } = linked;
  return data.labels[sequence] * data.classCount + data.predictions[sequence];
}

/** Indices of the cells carrying a class. */
function marked(linked: Linked, name: string): number[] {
  return cells(linked).flatMap((cell, i) => (cell.classList.contains(name) ? [i] : []));
}

/** The sequence a table row shows. */
function rowSequence(linked: Linked, index: number): number {
  return Number(tableRow(linked, index).dataset.sequence);
}

/** The first table row, from `from` on, whose sequence lies in another matrix cell than `cell`. */
function rowOutside(linked: Linked, cell: number, from = 0): number {
  for (let index = from; index < 200; index++) if (cellOf(linked, rowSequence(linked, index)) !== cell) return index;
  throw new Error(`no table row outside cell ${cell}`);
}

function visibility(element: Element): string {
  return getComputedStyle(element).visibility;
}

describe('<hs-overview> answers the bus', () => {
  it('focus: outlines the matrix cell of the focused step, touching nothing else; cleared on leaving', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0); // precondition: the tokens view shows a sequence to hover
    const before = cells(linked);
    expect(marked(linked, 'focused')).toEqual([]);

    await hoverToken(linked, 3);
    const step = linked.bus.focus;
    expect(step).toBeGreaterThanOrEqual(0);
    const expected = cellOf(linked, linked.data.sequenceOf(step));
    expect(marked(linked, 'focused')).toEqual([expected]);
    expect(visibility(cells(linked)[expected].querySelector('.focus-mark')!)).toBe('visible');
    // Only the mark moved: the matrix was not drawn anew.
    expect(cells(linked).every((cell, i) => cell === before[i])).toBe(true);

    await leaveViews();
    expect(linked.bus.focus).toBe(-1);
    expect(marked(linked, 'focused')).toEqual([]);
    expect(visibility(cells(linked)[expected].querySelector('.focus-mark')!)).toBe('hidden');
  });

  it('active sequence: marks its matrix cell, follows a new one, and clears with the selection', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    const first = cellOf(linked, linked.bus.activeSequence);
    expect(marked(linked, 'active')).toEqual([first]);
    expect(visibility(cells(linked)[first].querySelector('.active-mark')!)).toBe('visible');

    const other = rowOutside(linked, first);
    await clickRow(linked, other);
    const second = cellOf(linked, linked.bus.activeSequence);
    expect(second).not.toBe(first);
    expect(marked(linked, 'active')).toEqual([second]);
    expect(visibility(cells(linked)[first].querySelector('.active-mark')!)).toBe('hidden');

    await press('Escape'); // the table clears its selection
    expect(linked.bus.activeSequence).toBe(-1);
    expect(marked(linked, 'active')).toEqual([]);
  });

  it('compared sequences: each matrix cell counts the selected sequences it holds', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    // Compare rows over at least two cells.
    const compared = [1, 2, rowOutside(linked, cellOf(linked, rowSequence(linked, 0)), 3)];
    for (const index of compared) await clickRow(linked, index, ['Control']);
    const selected = linked.bus.selectedSequences;
    expect(selected.length).toBe(4);
    const counts = new Array<number>(cells(linked).length).fill(0);
    for (const s of selected) counts[cellOf(linked, s)]++;
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

    cells(linked).forEach((cell, i) => {
      const badge = notes(linked)[i].querySelector('.selected-badge')!;
      expect(cell.classList.contains('has-selected')).toBe(counts[i] > 0);
      expect(getComputedStyle(badge).display).toBe(counts[i] > 0 ? 'inline' : 'none');
      expect(badge.textContent).toBe(counts[i] > 0 ? String(counts[i]) : '');
      expect(cell.getAttribute('aria-label')!.endsWith(`, ${counts[i]} selected`)).toBe(counts[i] > 0);
    });

    // Back to one sequence: the active mark says it all, no counts.
    await clickRow(linked, 0);
    expect(linked.bus.selectedSequences.length).toBe(1);
    expect(marked(linked, 'has-selected')).toEqual([]);
    cells(linked).forEach((cell, i) => {
      expect(getComputedStyle(notes(linked)[i].querySelector('.selected-badge')!).display).toBe('none');
      expect(cell.getAttribute('aria-label')).not.toContain('selected');
    });
  });

  it('brush clauses: counts the brushed sequences per class and per matrix cell; gone with the brush', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const root = linked.root('overview');
    await brushMap(linked, [0.4, 0.4], [0.47, 0.47]);
    const steps = linked.bus.brushed('overview');
    expect(steps).not.toBeNull();
    const brushed = sequencesOfSteps(data, steps!);
    const C = data.classCount;
    const perClass = new Array<number>(C).fill(0);
    const perCell = new Array<number>(C * C).fill(0);
    for (let s = 0; s < data.sequenceCount; s++) {
      if (!brushed.has(s)) continue;
      perClass[data.labels[s]]++;
      perCell[cellOf(linked, s)]++;
    }
    expect(perClass.some((n) => n > 0)).toBe(true);
    expect(perClass.reduce((a, b) => a + b)).toBeLessThan(data.sequenceCount);

    const totals = data.classCounts();
    const bars = [...root.querySelectorAll('.class-row')];
    expect(bars.map((bar) => bar.querySelector('.brush-count')!.textContent)).toEqual(
      perClass.map((n, c) => ` · ${n} of ${totals[c]} brushed`),
    );
    bars.forEach((bar, c) => {
      const overlay = bar.querySelector('.brushed-bar')!.getBoundingClientRect().width;
      const whole = [...bar.querySelectorAll('.part')].reduce((w, p) => w + p.getBoundingClientRect().width, 0);
      expect(overlay).toBeCloseTo((whole * perClass[c]) / totals[c], 0);
    });
    const matrix = data.confusionMatrix();
    expect(notes(linked).map((note) => note.querySelector('.brushed-count')!.textContent)).toEqual(
      perCell.map((n, i) => `${n} / ${matrix[i]}`),
    );
    cells(linked).forEach((cell, i) => {
      expect(cell.getAttribute('aria-label')).toContain(`, ${perCell[i]} brushed`);
      const strip = cell.querySelector('.brushed-bar')!.getBoundingClientRect().width;
      expect(strip > 0).toBe(perCell[i] > 0);
    });

    await press('Escape'); // the map clears its brush
    expect(linked.bus.brushSources).toEqual([]);
    for (const bar of root.querySelectorAll('.class-row')) {
      expect(bar.querySelector('.brush-count')!.textContent).toBe('');
      expect(bar.querySelector('.brushed-bar')!.getBoundingClientRect().width).toBe(0);
    }
    for (const note of notes(linked)) expect(note.querySelector('.brushed-count')!.textContent).toBe('');
    for (const cell of cells(linked)) {
      expect(cell.querySelector('.brushed-bar')!.getBoundingClientRect().width).toBe(0);
      expect(cell.getAttribute('aria-label')).not.toContain('brushed');
    }
  });

  it('filters: its checkboxes show filters set elsewhere, hidden classes greyed; unticking restores', async () => {
    const linked = await mountLinked();
    const root = linked.root('overview');
    const [negative, positive] = linked.data.classes;
    const box = (label: string) =>
      [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)!.querySelector('input')!;
    const rows = () => [...root.querySelectorAll('.class-row')];
    const matrixRows = () => [...root.querySelectorAll('g.row')];
    const shadeFill = (i: number) => getComputedStyle(cells(linked)[i].querySelector('.shade')!).fill;
    const plainFill = shadeFill(0);

    // Precondition: filters from code (a dashboard, a restored session); the overview is the only view with such controls.
    linked.bus.setFilters({ classes: [1], fadeWrong: true }, 'dashboard');
    await settle();
    expect([box('fade correct').checked, box('fade misclassified').checked]).toEqual([false, true]);
    expect([box(negative).checked, box(positive).checked]).toEqual([false, true]);
    expect(box(negative).closest('label')!.classList.contains('hidden')).toBe(true);
    expect(rows().map((r) => r.classList.contains('hidden'))).toEqual([true, false]);
    expect(matrixRows().map((r) => r.classList.contains('hidden'))).toEqual([true, false]);
    expect(marked(linked, 'hidden')).toEqual([0, 1]); // the negative row
    expect(marked(linked, 'faded')).toEqual([2]); // positive reviews predicted negative
    expect(shadeFill(0)).toBe('rgb(236, 236, 236)');
    expect(getComputedStyle(rows()[0].querySelector('.part')!).fill).toBe('rgb(236, 236, 236)');

    // The real gesture: ticking the class again in the overview itself, where the keyboard focus stays.
    const checkbox = box(negative);
    await clickOverviewCheckbox(linked, negative);
    expect(linked.bus.filters.classes).toBeNull();
    expect(box(negative)).toBe(checkbox);
    expect(root.activeElement).toBe(checkbox);
    expect(checkbox.checked).toBe(true);
    expect(marked(linked, 'hidden')).toEqual([]);
    expect(rows().some((r) => r.classList.contains('hidden'))).toBe(false);
    expect(shadeFill(0)).toBe(plainFill);

    await clickOverviewCheckbox(linked, 'fade misclassified');
    expect(linked.bus.filters.fadeWrong).toBe(false);
    expect(marked(linked, 'faded')).toEqual([]);
    expect(root.querySelectorAll('.hidden')).toHaveLength(0);
  });

  it('options: counts classes by predicted class in colour mode predicted, by true class otherwise', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const root = linked.root('overview');
    const heading = () => [...root.querySelectorAll('h3')][0].textContent;
    const counts = () => [...root.querySelectorAll('.class-row .bar-count')].map((t) => t.firstChild!.textContent);
    const correct = data.correctness();
    const right = new Array<number>(data.classCount).fill(0);
    for (let s = 0; s < data.sequenceCount; s++) if (correct[s]) right[data.labels[s]]++;
    const byTrue = [...data.classCounts()].map((n, c) => `${right[c]} / ${n}`);
    const byPredicted = [...data.predictedClassCounts()].map((n, c) => `${right[c]} / ${n}`);
    expect(byPredicted).not.toEqual(byTrue);
    expect(heading()).toBe('Correct and misclassified per true class');
    expect(counts()).toEqual(byTrue);

    await chooseColorMode(linked, 'predicted');
    expect(linked.bus.options.colorMode).toBe('predicted');
    expect(heading()).toBe('Correct and misclassified per predicted class');
    expect(counts()).toEqual(byPredicted);
    expect(root.querySelector('.class-row')!.getAttribute('aria-label')).toMatch(/^predicted /);

    await chooseColorMode(linked, 'true');
    expect(heading()).toBe('Correct and misclassified per true class');
    expect(counts()).toEqual(byTrue);
  });
});
