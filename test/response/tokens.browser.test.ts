// The tokens column of the response table (packages/view-base/README.md): what <hs-sequence>
// draws when a gesture in another view changes the bus, and how it returns to its plain drawing
// when the change is undone. Real pointer and keyboard input on the IMDB demo in Chromium.
import { afterEach, describe, expect, it } from 'vitest';
import { rgb } from 'd3-color';
import type { StepSet } from '@statescope/core';
import { StepColors, FADED_OPACITY, classColor } from '@statescope/view-base';
import { centre, moveTo } from '../browser/pointer.js';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  leaveViews,
  mountLinked,
  press,
  settle,
  tableRow,
  unmountAll,
  type Linked,
} from './responseHarness.js';

afterEach(unmountAll);

/** The stacked sequence blocks of the tokens view, top to bottom. */
const blocks = (linked: Linked) => [...linked.root('tokens').querySelectorAll<HTMLElement>('.sequence')];
/** The header text of each block ("Sequence <id>" first). */
const headerIds = (linked: Linked) => blocks(linked).map((b) => b.querySelector('.id')!.textContent);
/** Every token drawn, in order. */
const tokens = (linked: Linked) => [...linked.root('tokens').querySelectorAll<HTMLElement>('[part~="token"]')];
const stepOf = (token: HTMLElement) => Number(token.dataset.step);
/** The CSS colour a colour string computes to ("rgb(r, g, b)"). */
const computed = (color: string) => rgb(color).formatRgb();

/** The sequences the table shows in its first `count` rows, by row index. */
function rowSequences(linked: Linked, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number(tableRow(linked, i).dataset.sequence));
}

describe('<hs-sequence> answers every bus change', () => {
  it('focus: the step hovered in the heatmap is outlined among the tokens, and no longer when the pointer leaves', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    const cells = [...linked.root('heatmap').querySelectorAll('[role="gridcell"]')];
    expect(cells.length).toBeGreaterThan(6);
    await moveTo(...centre(cells[5]));
    await settle();
    const focus = linked.bus.focus;
    expect(focus).toBe(linked.data.offsets[linked.bus.activeSequence] + 5);
    const focused = tokens(linked).filter((t) => t.classList.contains('focused'));
    expect(focused.map(stepOf)).toEqual([focus]);
    expect(getComputedStyle(focused[0]).outlineColor).not.toBe('rgba(0, 0, 0, 0)');

    await leaveViews();
    expect(linked.bus.focus).toBe(-1);
    expect(tokens(linked).some((t) => t.classList.contains('focused'))).toBe(false);
  });

  it('active sequence: the row clicked in the table is read first, its tokens in order', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    await clickRow(linked, 2);
    const active = linked.bus.activeSequence;
    expect(active).toBe(rowSequences(linked, 3)[2]);
    expect(headerIds(linked)).toEqual([`Sequence ${data.ids[active]}`]);
    expect(tokens(linked).map((t) => t.textContent)).toEqual(data.tokensOf(active));
    expect(tokens(linked).map(stepOf)[0]).toBe(data.offsets[active]);

    await clickRow(linked, 4);
    const next = linked.bus.activeSequence;
    expect(next).not.toBe(active);
    expect(headerIds(linked)).toEqual([`Sequence ${data.ids[next]}`]);
    expect(tokens(linked).map((t) => t.textContent)).toEqual(data.tokensOf(next));
  });

  it('compared sequences: every sequence Ctrl-clicked in the table is stacked under the active one, headed by its id, eight at most', async () => {
    const linked = await mountLinked(); // no compare attribute: comparing needs none
    const { data } = linked;
    await clickRow(linked, 0);
    await clickRow(linked, 1, ['Control']);
    const pair = linked.bus.selectedSequences;
    expect(pair.length).toBe(2);
    const active = linked.bus.activeSequence;
    const other = pair.find((s) => s !== active)!;
    expect(headerIds(linked)).toEqual([`Sequence ${data.ids[active]}`, `Sequence ${data.ids[other]}`]);
    const [top, under] = blocks(linked).map((b) => b.getBoundingClientRect());
    expect(under.top).toBeGreaterThanOrEqual(top.bottom); // stacked, the active one above
    expect([...blocks(linked)[1].querySelectorAll<HTMLElement>('[part~="token"]')].map((t) => t.textContent)).toEqual(
      data.tokensOf(other),
    );

    // Ten selected: the active one and seven more drawn, the last two counted.
    for (let row = 2; row < 10; row++) await clickRow(linked, row, ['Control']);
    const selected = Array.from(linked.bus.selectedSequences);
    expect(selected.length).toBe(10);
    const now = linked.bus.activeSequence;
    const expected = [now, ...selected.filter((s) => s !== now).slice(0, 7)];
    expect(headerIds(linked)).toEqual(expected.map((s) => `Sequence ${data.ids[s]}`));
    const boxes = blocks(linked).map((b) => b.getBoundingClientRect());
    for (let k = 1; k < boxes.length; k++) expect(boxes[k].top).toBeGreaterThanOrEqual(boxes[k - 1].bottom);
    const more = linked.root('tokens').querySelector<HTMLElement>('[part~="more"]');
    expect(more?.textContent).toBe('+2 more selected');
    expect(more!.getBoundingClientRect().top).toBeGreaterThanOrEqual(boxes[boxes.length - 1].bottom);

    // A plain click selects one sequence again: one block, nothing counted.
    await clickRow(linked, 3);
    expect(headerIds(linked)).toEqual([`Sequence ${data.ids[linked.bus.activeSequence]}`]);
    expect(linked.root('tokens').querySelector('[part~="more"]')).toBeNull();
  });

  it('brush clauses: the tokens whose states lie in the rectangle brushed on the map are underlined, none after Escape', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    expect(tokens(linked).some((t) => t.classList.contains('brushed'))).toBe(false);
    // A rectangle holding some of its states, not all: the first of a few that does (where the
    // states lie depends on the projection, not on this view).
    const drawn = tokens(linked);
    const rectangles = [
      [0.02, 0.02, 0.5, 0.5],
      [0.5, 0.02, 0.98, 0.5],
      [0.02, 0.5, 0.5, 0.98],
      [0.5, 0.5, 0.98, 0.98],
      [0.3, 0.3, 0.7, 0.7],
    ];
    let brushed: StepSet | null = null;
    for (const [left, top, right, bottom] of rectangles) {
      await brushMap(linked, [left, top], [right, bottom]);
      brushed = linked.bus.brushed('tokens');
      const inside = drawn.filter((t) => brushed?.has(stepOf(t))).length;
      if (inside > 0 && inside < drawn.length) break;
    }
    expect(brushed).not.toBeNull();
    const inBrush = drawn.filter((t) => brushed!.has(stepOf(t)));
    expect(inBrush.length).toBeGreaterThan(0);
    expect(inBrush.length).toBeLessThan(drawn.length);
    const sameElements = (before: HTMLElement[]) => tokens(linked).every((t, k) => t === before[k]);
    expect(sameElements(drawn)).toBe(true); // only the marks repainted, the tokens kept
    for (const token of drawn) {
      const marked = brushed!.has(stepOf(token));
      expect(token.classList.contains('brushed')).toBe(marked);
      // The underline is a bar drawn by CSS: a box shadow on the brushed tokens only.
      expect(getComputedStyle(token).boxShadow === 'none').toBe(!marked);
    }

    await press('Escape'); // the map (focused by the drag) clears its brush
    expect(linked.bus.brushed('tokens')).toBeNull();
    expect(tokens(linked).some((t) => t.classList.contains('brushed'))).toBe(false);
    expect(tokens(linked).every((t) => getComputedStyle(t).boxShadow === 'none')).toBe(true);
  });

  it('filters: a sequence the overview fades or hides is drawn faded, its header saying why, and plain again when unticked', async () => {
    const linked = await mountLinked();
    const { data } = linked;
    const correct = data.correctness();
    const rows = rowSequences(linked, 12);
    const right = rows.findIndex((s) => correct[s] === 1);
    const wrong = rows.findIndex((s) => correct[s] === 0);
    expect(right).toBeGreaterThanOrEqual(0);
    expect(wrong).toBeGreaterThanOrEqual(0);
    await clickRow(linked, right);
    await clickRow(linked, wrong, ['Control']); // the misclassified one active, the correct one under it
    const [wrongSequence, rightSequence] = [rows[wrong], rows[right]];
    expect(headerIds(linked)).toEqual([`Sequence ${data.ids[wrongSequence]}`, `Sequence ${data.ids[rightSequence]}`]);

    /** For each block: faded, the opacity of its tokens, and its filter note. */
    const looks = () =>
      blocks(linked).map((b) => ({
        faded: b.classList.contains('faded'),
        opacity: Number(getComputedStyle(b.querySelector('.tokens')!).opacity),
        note: b.querySelector('[part~="header"]')!.textContent!.match(/\(([^)]*(faded|hidden)[^)]*)\)/)?.[1] ?? null,
      }));
    const plain = { faded: false, opacity: 1, note: null };
    expect(looks()).toEqual([plain, plain]);
    const drawn = tokens(linked);

    await clickOverviewCheckbox(linked, 'fade correct');
    expect(looks()).toEqual([plain, { faded: true, opacity: FADED_OPACITY, note: 'faded: correct' }]);
    await clickOverviewCheckbox(linked, 'fade correct');
    expect(looks()).toEqual([plain, plain]);

    await clickOverviewCheckbox(linked, 'fade misclassified');
    expect(looks()).toEqual([{ faded: true, opacity: FADED_OPACITY, note: 'faded: misclassified' }, plain]);
    await clickOverviewCheckbox(linked, 'fade misclassified');
    expect(looks()).toEqual([plain, plain]);

    // Hide the true class of the correct one (the table may leave its row out; it stays selected).
    const hiddenClass = data.classes[data.labels[rightSequence]];
    await clickOverviewCheckbox(linked, hiddenClass);
    const hidden = { faded: true, opacity: FADED_OPACITY, note: 'hidden by the class filter' };
    const sameClass = data.labels[wrongSequence] === data.labels[rightSequence];
    expect(looks()).toEqual([sameClass ? hidden : plain, hidden]);
    await clickOverviewCheckbox(linked, hiddenClass);
    expect(looks()).toEqual([plain, plain]);
    expect(tokens(linked).every((t, k) => t === drawn[k])).toBe(true); // only the fading repainted
  });

  it("options: the tokens take the colour mode chosen in the map's toolbar, and the expected prediction again", async () => {
    const linked = await mountLinked();
    const { data } = linked;
    await clickRow(linked, 1);
    const active = linked.bus.activeSequence;
    const backgrounds = () => tokens(linked).map((t) => getComputedStyle(t).backgroundColor);
    const inMode = (mode: StepColors['mode']) => {
      const colors = new StepColors(data, mode);
      return tokens(linked).map((t) => computed(colors.css(stepOf(t))));
    };
    const expected = inMode('expected');
    expect(backgrounds()).toEqual(expected);

    await chooseColorMode(linked, 'true');
    const truth = computed(classColor(data.labels[active]));
    expect(backgrounds()).toEqual(tokens(linked).map(() => truth));
    expect(backgrounds()).not.toEqual(expected);

    await chooseColorMode(linked, 'predicted');
    expect(backgrounds()).toEqual(inMode('predicted'));

    await chooseColorMode(linked, 'expected');
    expect(backgrounds()).toEqual(expected);
  });
});
