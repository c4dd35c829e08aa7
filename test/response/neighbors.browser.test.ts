// The neighbours view's column of the response table (packages/view-base/README.md): each row
// driven by a real gesture in another view on the IMDB demo, checked on what <hs-neighbors> draws.
import { afterEach, describe, expect, it } from 'vitest';
import { StepColors } from '@statescope/view-base';
import { sharedNearestStates } from '@statescope/projection';
import type { NeighborsView } from '@statescope/view-neighbors';
import '@statescope/view-neighbors/define';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  hoverToken,
  leaveViews,
  mountBelow,
  mountLinked,
  settle,
  unmountAll,
  type Linked,
} from './responseHarness.js';
import type { TableView } from '@statescope/view-table';
import { centre, clickAt } from '../browser/pointer.js';
import type { Modifier } from '../browser/commands.js';

afterEach(unmountAll);

/** The six linked views plus <hs-neighbors> below them on the same bus, listing the neighbours of a hovered token. */
async function mountWithNeighbors(): Promise<{ linked: Linked; view: NeighborsView; root: ShadowRoot }> {
  const linked = await mountLinked();
  const view = await mountBelow(linked, 'hs-neighbors', 'neighbors');
  // The index takes a few seconds at 96,617 states; it is shared, so build it before the gestures.
  await sharedNearestStates(linked.data.layer().hidden, { dim: linked.data.layer().dim }).promise;
  await clickRow(linked, 0);
  await hoverToken(linked, 8);
  await settle();
  return { linked, view, root: view.shadowRoot! };
}

/** Scrolls the table to the row of `sequence` by hand and clicks it (with Control: compares it). */
async function clickSequenceRow(linked: Linked, sequence: number, modifiers: Modifier[] = []): Promise<void> {
  const order = (linked.views.table as unknown as TableView).order;
  const body = linked.root('table').querySelector('[role="rowgroup"]')!;
  const scroller = body.parentElement!;
  scroller.scrollTop = order.indexOf(sequence) * (scroller.scrollHeight / order.length) - scroller.clientHeight / 2;
  await settle();
  const row = body.querySelector(`[role="row"][data-sequence="${sequence}"]`);
  if (!row) throw new Error(`the table draws no row for sequence ${sequence}`);
  row.scrollIntoView({ block: 'center' });
  await clickAt(...centre(row), modifiers);
  await settle();
}

/** The listed rows: step, sequence and the tags beside the sequence id. */
function rows(root: ShadowRoot) {
  return [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((row) => ({
    step: Number(row.dataset.step),
    sequence: Number(row.dataset.sequence),
    tags: [...row.cells[1].querySelectorAll('.tag')].map((t) => t.textContent),
    row,
  }));
}

describe('<hs-neighbors> answers every bus change made in the other views', () => {
  it("focus: a hovered token's nearest states are listed, and stay when the pointer leaves", async () => {
    const { linked, view, root } = await mountWithNeighbors();
    const step = linked.bus.focus;
    expect(view.anchorStep).toBe(step);
    const index = sharedNearestStates(linked.data.layer().hidden, { dim: linked.data.layer().dim }).index!;
    expect(rows(root).map((r) => r.step)).toEqual(Array.from(index.queryStep(step, 10).steps));
    expect(root.textContent).toContain(`"${linked.data.token(step)}"`.slice(1, -1));
    await leaveViews();
    expect(linked.bus.focus).toBe(-1);
    expect(view.anchorStep).toBe(step);
    expect(rows(root)).toHaveLength(10);
    expect(root.querySelector('.who')!.textContent).toMatch(/^Last focused/);
  });

  it('active and compared sequences: a listed state whose sequence is clicked in the table is tagged active, and selected once another is Ctrl-clicked', async () => {
    const { linked, root } = await mountWithNeighbors();
    const listed = [...new Set(rows(root).map((r) => r.sequence))].filter((s) => s !== linked.bus.activeSequence);
    expect(listed.length).toBeGreaterThanOrEqual(2);
    const [first, second] = listed;
    await clickSequenceRow(linked, first);
    expect(linked.bus.activeSequence).toBe(first);
    for (const r of rows(root).filter((r) => r.sequence === first)) expect(r.tags).toContain('active');
    // Ctrl-click compares: the clicked sequence becomes the active one, the one before is kept selected.
    await clickSequenceRow(linked, second, ['Control']);
    expect([linked.bus.activeSequence, linked.bus.isSelected(first)]).toEqual([second, true]);
    for (const r of rows(root).filter((r) => r.sequence === second)) expect(r.tags).toContain('active');
    for (const r of rows(root).filter((r) => r.sequence === first)) expect(r.tags).toEqual(['selected']);
  });

  it('brush clauses: listed states inside a map brush are tagged brushed, exactly those', async () => {
    const { linked, root } = await mountWithNeighbors();
    scrollTo(0, 0);
    await brushMap(linked, [0.1, 0.1], [0.6, 0.9]);
    const brushed = linked.bus.brushed('neighbors')!;
    const listed = rows(root);
    expect(listed.filter((r) => r.tags.includes('brushed')).map((r) => r.step)).toEqual(
      listed.filter((r) => brushed.has(r.step)).map((r) => r.step),
    );
  });

  it('filters: fading the correctly classified sequences fades their listed states', async () => {
    const { linked, root } = await mountWithNeighbors();
    await clickOverviewCheckbox(linked, 'fade correct');
    const correct = linked.data.correctness();
    for (const r of rows(root)) {
      expect(r.row.classList.contains('faded')).toBe(correct[r.sequence] === 1);
      expect(r.tags.includes('faded')).toBe(correct[r.sequence] === 1);
    }
  });

  it("options: the map's colour mode recolours each listed state's swatch", async () => {
    const { linked, root } = await mountWithNeighbors();
    await chooseColorMode(linked, 'true');
    const colors = StepColors.of(linked.data, 'true');
    const swatch = (row: HTMLTableRowElement) => row.querySelector<HTMLElement>('.swatch')!.style.background;
    const probe = document.createElement('span');
    for (const r of rows(root)) {
      probe.style.background = colors.css(r.step);
      expect(swatch(r.row)).toBe(probe.style.background);
    }
  });
});
