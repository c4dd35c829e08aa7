// The units view's column of the response table (packages/view-base/README.md): each row driven
// by a real gesture in another view on the IMDB demo, checked on what <hs-units> draws.
import { afterEach, describe, expect, it } from 'vitest';
import { StepColors } from '@statescope/view-base';
import type { UnitsView } from '@statescope/view-units';
import '@statescope/view-units/define';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  hoverToken,
  mountBelow,
  mountLinked,
  unmountAll,
  type Linked,
} from './responseHarness.js';

afterEach(unmountAll);

/** The six linked views plus <hs-units> below them on the same bus (the page scrolls to it). */
async function mountWithUnits(): Promise<{ linked: Linked; units: UnitsView; root: ShadowRoot }> {
  const linked = await mountLinked();
  const units = await mountBelow(linked, 'hs-units', 'units');
  return { linked, units, root: units.shadowRoot! };
}

/** The captions of the panels drawn, active first. */
const captions = (root: ShadowRoot) => [...root.querySelectorAll('.panel figcaption')].map((c) => c.textContent);

describe('<hs-units> answers every bus change made in the other views', () => {
  it('focus: a token hovered in the tokens view outlines its column and the readout names it', async () => {
    const { linked, root } = await mountWithUnits();
    await clickRow(linked, 0);
    await hoverToken(linked, 5);
    const step = linked.bus.focus;
    const column = root.querySelector('.panel.active rect.focus-column')!;
    expect(column.classList.contains('shown')).toBe(true);
    expect(column.getAttribute('data-step')).toBe(String(step));
    const sequence = linked.data.sequenceOf(step);
    expect(root.querySelector('.readout')!.textContent).toBe(
      `${linked.data.ids[sequence]}, step 6 "${linked.data.token(step)}"`,
    );
  });

  it('active and compared sequences: a row click shows its units; Ctrl-clicks add panels beside it, four at most', async () => {
    const { linked, root } = await mountWithUnits();
    await clickRow(linked, 2);
    const active = linked.bus.activeSequence;
    expect(captions(root)).toEqual([linked.data.ids[active]]);
    expect(root.querySelector('.panel.active svg')!.getAttribute('data-sequence')).toBe(String(active));
    for (const row of [3, 4, 5, 6, 7]) await clickRow(linked, row, ['Control']);
    const shown = captions(root);
    expect(shown).toHaveLength(5);
    expect(shown[0]).toBe(linked.data.ids[linked.bus.activeSequence]);
    expect(shown.slice(1).every((c) => c!.startsWith('compared: '))).toBe(true);
    const more = root.querySelector<HTMLElement>('.more')!;
    expect([more.hidden, more.textContent]).toEqual([false, '+1 more selected']);
    const panels = [...root.querySelectorAll('.panel')].map((p) => p.getBoundingClientRect());
    expect(panels[1].left).toBeGreaterThanOrEqual(panels[0].right - 1); // beside, not below
  });

  it('brush clauses: states brushed on the map are marked under the active sequence', async () => {
    const { linked, root } = await mountWithUnits();
    await clickRow(linked, 0);
    scrollTo(0, 0); // the whole map in the window
    await brushMap(linked, [0.2, 0.2], [0.8, 0.8]);
    const sequence = linked.bus.activeSequence;
    const brushed = linked.bus.brushed('units')!;
    const first = linked.data.offsets[sequence];
    const expected = Array.from({ length: linked.data.sequenceLength(sequence) }, (_, t) => first + t).filter((s) =>
      brushed.has(s),
    );
    expect(expected.length).toBeGreaterThan(0);
    const marked = [...root.querySelectorAll('.panel.active g.brushed-marks rect')].map((r) =>
      Number(r.getAttribute('data-step')),
    );
    expect(marked).toEqual(expected);
  });

  it('filters: fading the correctly classified sequences fades the panel of a correct one, saying so', async () => {
    const { linked, root } = await mountWithUnits();
    const correct = linked.data.correctness();
    await clickRow(linked, 0);
    expect(correct[linked.bus.activeSequence]).toBe(1); // the first row's review is classified right
    await clickOverviewCheckbox(linked, 'fade correct');
    expect(captions(root)[0]).toMatch(/\(faded by the filters\)$/);
    expect(Number((root.querySelector('.panel.active') as HTMLElement).style.opacity)).toBeLessThan(1);
  });

  it("options: the map's colour mode recolours the strip under the steps", async () => {
    const { linked, root } = await mountWithUnits();
    await clickRow(linked, 0);
    await chooseColorMode(linked, 'true');
    const sequence = linked.bus.activeSequence;
    const colors = StepColors.of(linked.data, 'true');
    const strip = [...root.querySelectorAll('.panel.active g.strip rect')].map((r) => r.getAttribute('fill'));
    const first = linked.data.offsets[sequence];
    expect(strip).toEqual(strip.map((_, t) => colors.css(first + t)));
    expect(new Set(strip).size).toBe(1); // the true class is the sequence's: one colour
  });
});
