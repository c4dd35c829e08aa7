// The heatmap's column of the response table (packages/view-base/README.md): each row driven by a
// real gesture in another view on the IMDB demo, checked on what <hs-heatmap> draws.
import { afterEach, describe, expect, it } from 'vitest';
import { sequencesOfSteps } from '@statescope/core';
import { CLASS_COLORS } from '@statescope/view-base';
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
  type Linked,
} from './responseHarness.js';

afterEach(async () => {
  await leaveViews();
  document.body.replaceChildren();
});

const blocks = (linked: Linked) => [...linked.root('heatmap').querySelectorAll<HTMLElement>('.block')];
const headings = (linked: Linked) =>
  blocks(linked).map((block) => block.querySelector('.heading')!.textContent!.replace(/\s+/g, ' ').trim());
const gridOf = (block: Element) => block.querySelector('svg')!;
/** The cells of a block's first row, one per column. */
const columnCells = (block: Element) => [...gridOf(block).querySelector('[role="row"]')!.querySelectorAll('rect.cell')];

/** The columns (0-based) that marks sit over, by their drawn left edges. */
function markedColumns(block: Element, selector: string): number[] {
  const lefts = columnCells(block).map((cell) => Math.round(cell.getBoundingClientRect().left));
  return [...gridOf(block).querySelectorAll(selector)].map((mark) =>
    lefts.indexOf(Math.round(mark.getBoundingClientRect().left)),
  );
}

/** The columns of a sequence's steps that `steps` holds. */
function columnsIn(linked: Linked, sequence: number, has: (step: number) => boolean): number[] {
  const first = linked.data.offsets[sequence];
  const columns: number[] = [];
  for (let t = 0; t < linked.data.sequenceLength(sequence); t++) if (has(first + t)) columns.push(t);
  return columns;
}

describe('<hs-heatmap> answers every bus change', () => {
  it("focus: the hovered token's column is outlined in the block that shows it, and no more when the pointer leaves", async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    await clickRow(linked, 1, ['Control']); // two blocks: the outline goes only where the step is
    expect(blocks(linked)).toHaveLength(2);
    expect(linked.root('heatmap').querySelectorAll('rect.focus')).toHaveLength(0);

    await hoverToken(linked, 3);
    const step = linked.bus.focus;
    const sequence = linked.data.sequenceOf(step);
    const index = [
      linked.bus.activeSequence,
      ...linked.bus.selectedSequences.filter((s) => s !== linked.bus.activeSequence),
    ].indexOf(sequence);
    expect(index).toBeGreaterThanOrEqual(0);
    const outlines = blocks(linked).map((block) => [...gridOf(block).querySelectorAll('rect.focus')]);
    expect(outlines.map((o) => o.length)).toEqual(index === 0 ? [1, 0] : [0, 1]);
    const cell = columnCells(blocks(linked)[index])[step - linked.data.offsets[sequence]];
    const outline = outlines[index][0].getBoundingClientRect();
    expect(outline.left).toBeCloseTo(cell.getBoundingClientRect().left, 0);
    expect(outline.width).toBeCloseTo(cell.getBoundingClientRect().width, 0);

    await leaveViews();
    expect(linked.root('heatmap').querySelectorAll('rect.focus')).toHaveLength(0);
  });

  it('active sequence: its time x class block comes first, one column per step', async () => {
    const linked = await mountLinked();
    expect(linked.root('heatmap').querySelector('[part="empty"]')?.textContent).toMatch(/Select a sequence/);

    await clickRow(linked, 0);
    const active = linked.bus.activeSequence;
    const [block] = blocks(linked);
    expect(headings(linked)).toEqual([linked.data.ids[active]]);
    expect(gridOf(block).getAttribute('aria-label')).toBe(
      `Expected prediction per step and class, sequence ${linked.data.ids[active]}`,
    );
    expect(columnCells(block)).toHaveLength(linked.data.sequenceLength(active));

    await clickRow(linked, 3); // another row replaces it
    const next = linked.bus.activeSequence;
    expect(next).not.toBe(active);
    expect(headings(linked)).toEqual([linked.data.ids[next]]);
    expect(columnCells(blocks(linked)[0])).toHaveLength(linked.data.sequenceLength(next));
  });

  it('compared sequences: a block each under the active one, headed by its id; six at most, "+N more selected"', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    await clickRow(linked, 1, ['Control']);
    await clickRow(linked, 2, ['Control']);
    const ids = (sequences: Iterable<number>) => [...sequences].map((s) => linked.data.ids[s]);
    const active = linked.bus.activeSequence;
    const others = [...linked.bus.selectedSequences].filter((s) => s !== active);
    expect(headings(linked)).toEqual([`${linked.data.ids[active]} active`, ...ids(others)]);
    blocks(linked).forEach((block, i) =>
      expect(columnCells(block)).toHaveLength(linked.data.sequenceLength([active, ...others][i])),
    );
    // Stacked in order, the active one on top.
    const tops = blocks(linked).map((block) => block.getBoundingClientRect().top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));

    for (let row = 3; row < 8; row++) await clickRow(linked, row, ['Control']);
    expect(linked.bus.selectedSequences).toHaveLength(8);
    expect(blocks(linked)).toHaveLength(6);
    expect(headings(linked)[0]).toBe(`${linked.data.ids[linked.bus.activeSequence]} active`);
    expect(linked.root('heatmap').querySelector('.more')?.textContent).toBe('+2 more selected');

    await clickRow(linked, 4); // a plain click: one sequence again
    expect(headings(linked)).toEqual([linked.data.ids[linked.bus.activeSequence]]);
    expect(linked.root('heatmap').querySelector('.more')).toBeNull();
  });

  it('brush clauses: brushed steps marked under their columns; in aggregate mode the mean over the sequences with a brushed step', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    const active = linked.bus.activeSequence;
    const [block] = blocks(linked);
    expect(gridOf(block).querySelectorAll('rect.brushed')).toHaveLength(0);

    await brushMap(linked, [0.02, 0.02], [0.98, 0.98]);
    const clause = linked.bus.clause('map')!.steps;
    const expected = columnsIn(linked, active, (step) => clause.has(step));
    expect(expected.length).toBeGreaterThan(0);
    expect(markedColumns(block, 'rect.brushed')).toEqual(expected);
    // Under the cells, not over them.
    const lastRow = [...gridOf(block).querySelectorAll('[role="row"]')].at(-1)!.getBoundingClientRect();
    const bar = gridOf(block).querySelector('rect.brushed')!.getBoundingClientRect();
    expect(bar.top).toBeGreaterThanOrEqual(lastRow.bottom - 1);

    await press('Escape'); // the map's brush cleared: the plain drawing again
    expect(linked.bus.clause('map')).toBeNull();
    expect(gridOf(block).querySelectorAll('rect.brushed')).toHaveLength(0);

    // The aggregate follows the brush with no switching: the mean over the sequences with a
    // brushed step in place of the selected one, the title saying so.
    linked.views.heatmap.setAttribute('mode', 'aggregate');
    await settle();
    const title = () => linked.root('heatmap').querySelector('.heading')!.textContent;
    const overSelected = 'Mean expected prediction per position over the 1 selected sequence, aligned at the start';
    expect(title()).toBe(overSelected);
    await brushMap(linked, [0.3, 0.3], [0.6, 0.6]);
    const hit = sequencesOfSteps(linked.data, linked.bus.clause('map')!.steps).count();
    expect(hit).toBeGreaterThan(1);
    expect(title()).toBe(
      `Mean expected prediction per position over the ${hit} sequences with a brushed step, aligned at the start`,
    );
    expect(linked.root('heatmap').querySelector('svg')!.getAttribute('aria-label')).toBe(title());
    const countRow = linked.root('heatmap').querySelector('[role="row"][aria-label="sequences"]')!;
    expect(countRow.querySelector('rect.cell')!.getAttribute('aria-label')).toBe(
      `position 1: ${hit} of ${hit} sequences`,
    );
    await press('Escape');
    expect(title()).toBe(overSelected);
  });

  it("filters: a faded or hidden sequence's block faded, saying why; aggregates leave hidden sequences out", async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    const active = linked.bus.activeSequence;
    const correct = linked.data.correctness()[active] === 1;
    const [block] = blocks(linked);
    const opacity = () => Number(getComputedStyle(gridOf(block)).opacity);
    expect(opacity()).toBe(1);

    await clickOverviewCheckbox(linked, correct ? 'fade correct' : 'fade misclassified');
    expect(headings(linked)).toEqual([`${linked.data.ids[active]} faded: ${correct ? 'correct' : 'misclassified'}`]);
    expect(opacity()).toBeCloseTo(0.15, 5);
    await clickOverviewCheckbox(linked, correct ? 'fade correct' : 'fade misclassified');
    expect(headings(linked)).toEqual([linked.data.ids[active]]);
    expect(opacity()).toBe(1);

    const className = linked.data.classes[linked.data.labels[active]];
    await clickOverviewCheckbox(linked, className); // its class no longer shown
    expect(headings(linked)).toEqual([`${linked.data.ids[active]} hidden by the class filter`]);
    expect(opacity()).toBeCloseTo(0.15, 5);

    // The aggregate of the selection leaves the hidden sequence out: nothing left to average.
    linked.views.heatmap.setAttribute('mode', 'aggregate');
    await settle();
    expect(linked.root('heatmap').querySelector('[part="empty"]')!.textContent).toBe(
      'No sequence to average (1 hidden by the class filter left out).',
    );
    await clickOverviewCheckbox(linked, className); // ticked again: its block, not faded
    linked.views.heatmap.setAttribute('mode', 'sequence');
    await settle();
    expect(headings(linked)).toEqual([linked.data.ids[active]]);
    expect(Number(getComputedStyle(gridOf(blocks(linked)[0])).opacity)).toBe(1);

    // With nothing selected, the aggregate over all sequences leaves those of an unticked class out.
    await aggregateLeavesHiddenOut();
  });

  /** On a fresh page: an aggregate over all sequences, a class unticked in the overview and ticked again. */
  async function aggregateLeavesHiddenOut() {
    document.body.replaceChildren();
    const linked = await mountLinked({ heatmap: { mode: 'aggregate' } });
    const title = () => linked.root('heatmap').querySelector('.heading')!.textContent;
    const overAll = `Mean expected prediction per position over all ${linked.data.sequenceCount} sequences, aligned at the start`;
    expect(title()).toBe(overAll);
    const hiddenCount = linked.data.labels.filter((label) => label === 0).length;
    const shown = linked.data.sequenceCount - hiddenCount;
    await clickOverviewCheckbox(linked, linked.data.classes[0]);
    expect(title()).toBe(
      `Mean expected prediction per position over the ${shown} shown sequences, aligned at the start (${hiddenCount} hidden by the class filter left out)`,
    );
    const countRow = linked.root('heatmap').querySelector('[role="row"][aria-label="sequences"]')!;
    expect(countRow.querySelector('rect.cell')!.getAttribute('aria-label')).toBe(
      `position 1: ${shown} of ${shown} sequences`,
    );
    await clickOverviewCheckbox(linked, 'fade correct'); // faded sequences still count
    expect(title()).toMatch(new RegExp(`over the ${shown} shown sequences`));
    await clickOverviewCheckbox(linked, 'fade correct');
    await clickOverviewCheckbox(linked, linked.data.classes[0]); // ticked again
    expect(title()).toBe(overAll);
  }

  it('options: steps whose expected prediction jumps past the prediction threshold marked, live; the summary row in the colour mode chosen on the map', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    const active = linked.bus.activeSequence;
    const [block] = blocks(linked);
    const changes = linked.data.expectedPredictionChanges();
    // The map's rule (jumpLabels): the step read when the prediction changed by more than the threshold.
    const jumpsAt = (threshold: number) =>
      columnsIn(linked, active, (step) => changes[step - 1] > threshold).filter((t) => t > 0);
    const threshold = linked.bus.options.predictionThreshold;
    expect(markedColumns(block, 'rect.jump')).toEqual(jumpsAt(threshold));

    // Precondition, not a gesture under test: no view publishes predictionThreshold (the histogram
    // publishes distanceThreshold only), so it is set on the bus as an app would.
    let lower = 0.05;
    while (lower > 0.001 && jumpsAt(lower).length <= jumpsAt(threshold).length) lower /= 2;
    linked.bus.setOptions({ predictionThreshold: lower }, 'test');
    await settle();
    expect(jumpsAt(lower).length).toBeGreaterThan(jumpsAt(threshold).length);
    expect(markedColumns(block, 'rect.jump')).toEqual(jumpsAt(lower));
    // Above the cells.
    const firstRow = gridOf(block).querySelector('[role="row"]')!.getBoundingClientRect();
    expect(gridOf(block).querySelector('rect.jump')!.getBoundingClientRect().bottom).toBeLessThanOrEqual(
      firstRow.top + 1,
    );
    linked.bus.setOptions({ predictionThreshold: 1 }, 'test');
    await settle();
    expect(gridOf(block).querySelectorAll('rect.jump')).toHaveLength(0);
    linked.bus.setOptions({ predictionThreshold: threshold }, 'test');
    await settle();

    // A real gesture: the colour mode chosen on the map colours the summary row by predicted class.
    const summary = () => gridOf(block).querySelectorAll('[role="row"]')[linked.data.classCount];
    const summaryFills = () => [...summary().querySelectorAll('rect.cell')].map((cell) => cell.getAttribute('fill'));
    const expectedFills = summaryFills();
    const classRows = () =>
      [...gridOf(block).querySelectorAll('[role="row"]')].slice(0, linked.data.classCount).map((row) => row.innerHTML);
    const classCells = classRows();
    await chooseColorMode(linked, 'predicted');
    expect(summary().getAttribute('aria-label')).toBe('predicted');
    const predicted = linked.data.stepClasses();
    const first = linked.data.offsets[active];
    expect(summaryFills()).toEqual(columnCells(block).map((_, t) => CLASS_COLORS[predicted[first + t]]));
    expect(classRows()).toEqual(classCells); // the class rows keep the expected predictions
    expect(markedColumns(block, 'rect.jump')).toEqual(jumpsAt(threshold));
    await chooseColorMode(linked, 'expected');
    expect(summary().getAttribute('aria-label')).toBe('summary');
    expect(summaryFills()).toEqual(expectedFills);
  });
});
