// The histogram's column of the response table (packages/view-base/README.md): each row driven by
// a real gesture in another view on the IMDB demo, checked on what <hs-histogram> draws.
import { afterEach, describe, expect, it } from 'vitest';
import { classColor } from '@statescope/view-base';
import type { HistogramView } from '@statescope/view-histogram';
import {
  brushDistances,
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  hoverToken,
  leaveViews,
  mountLinked,
  press,
  settle,
  unmountAll,
  type Linked,
} from './responseHarness.js';
import { centre, drag } from '../browser/pointer.js';

afterEach(unmountAll);

const BINS = 40;

const root = (linked: Linked) => linked.root('histogram');

/** Sets the histogram's mode (a precondition, not a gesture under test) and waits for the redraw. */
async function showMode(linked: Linked, mode: 'steps' | 'distribution'): Promise<void> {
  (linked.views.histogram as unknown as HistogramView).mode = mode;
  await settle();
}

/** The bars of the active sequence (steps mode). */
function activeBars(linked: Linked): SVGRectElement[] {
  return [...root(linked).querySelectorAll<SVGRectElement>('g.bars:not(.compared) rect.bar')];
}

/** The step each rectangle stands for. */
const stepsOf = (rects: Element[]) => rects.map((r) => Number((r as SVGElement).dataset.step));

/** The steps of the bars carrying a class. */
function barsWith(linked: Linked, className: string): number[] {
  return stepsOf([...root(linked).querySelectorAll(`rect.bar.${className}`)]);
}

/** The counts of a distribution's bins, read from their accessible names ("…: 12 steps"). */
function binCounts(linked: Linked, group: 'g.bars' | 'g.brushed-bars'): number[] {
  return [...root(linked).querySelectorAll(`${group} rect`)].map((r) =>
    Number(/: (\d+) /.exec(r.getAttribute('aria-label')!)![1]),
  );
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The distribution's bin counts computed from the data: steps with a distance, those `keep` allows. */
function expectedCounts(linked: Linked, keep: (step: number) => boolean = () => true): number[] {
  const distances = linked.data.normalizedStepDistances();
  const counts = new Array<number>(BINS).fill(0);
  distances.forEach((d, t) => {
    if (!Number.isNaN(d) && keep(t)) counts[Math.min(BINS - 1, Math.floor(d * BINS))]++;
  });
  return counts;
}

/** The d3-brush selection rectangle of the distribution, as drawn on the page. */
function brushBox(linked: Linked): DOMRect {
  return root(linked).querySelector('g.brush rect.selection')!.getBoundingClientRect();
}

describe('<hs-histogram> answers the bus', () => {
  it('focus: the bars at the hovered token marked; in distribution mode, the bin of its distance', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    await clickRow(linked, 0);
    const first = data.offsets[bus.activeSequence];
    await hoverToken(linked, 3);
    expect(bus.focus).toBe(first + 3);
    // the bars from step 2 to 3 and from 3 to 4 touch step 3
    expect(barsWith(linked, 'focused')).toEqual([first + 2, first + 3]);
    const focusedBar = root(linked).querySelector('rect.bar.focused')!;
    expect(getComputedStyle(focusedBar).strokeWidth).toBe('2px');
    await leaveViews();
    expect(barsWith(linked, 'focused')).toEqual([]);

    await showMode(linked, 'distribution');
    await hoverToken(linked, 3);
    const bin = Math.floor(data.normalizedStepDistances()[first + 3] * BINS);
    const marked = [...root(linked).querySelectorAll<SVGRectElement>('g.bars rect.focused')];
    expect(marked.map((r) => Number(r.dataset.bin))).toEqual([bin]);
    // the column behind the bin is shown, over the bin's bar
    const column = root(linked).querySelector('rect.focus-bin')!;
    expect(getComputedStyle(column).display).not.toBe('none');
    const [c, b] = [column.getBoundingClientRect(), marked[0].getBoundingClientRect()];
    expect(c.left).toBeLessThanOrEqual(b.left);
    expect(c.right).toBeGreaterThanOrEqual(b.right);
    await leaveViews();
    expect(root(linked).querySelectorAll('rect.focused')).toHaveLength(0);
    expect(getComputedStyle(column).display).toBe('none');
  });

  it('active sequence: its distance bars', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    expect(root(linked).querySelector('[part="empty"]')!.textContent).toMatch(/Select a sequence/);
    await clickRow(linked, 0);
    const sequence = bus.activeSequence;
    const first = data.offsets[sequence];
    const length = data.sequenceLength(sequence);
    let bars = activeBars(linked);
    expect(stepsOf(bars)).toEqual(Array.from({ length: length - 1 }, (_, b) => first + b));
    expect(root(linked).querySelector('svg')!.getAttribute('aria-label')).toContain(`sequence ${data.ids[sequence]}`);
    // bar heights follow the distances: the tallest bar is the largest distance
    const distances = data.normalizedStepDistances().subarray(first, first + length - 1);
    const heights = bars.map((bar) => bar.getBoundingClientRect().height);
    expect(heights.indexOf(Math.max(...heights))).toBe(distances.indexOf(Math.max(...distances)));

    await clickRow(linked, 1);
    const next = bus.activeSequence;
    expect(next).not.toBe(sequence);
    bars = activeBars(linked);
    expect(stepsOf(bars)[0]).toBe(data.offsets[next]);
    expect(bars).toHaveLength(data.sequenceLength(next) - 1);

    await press('Escape'); // the table clears the selection
    expect(bus.activeSequence).toBe(-1);
    expect(activeBars(linked)).toHaveLength(0);
    expect(root(linked).querySelector('[part="empty"]')!.textContent).toMatch(/Select a sequence/);
  });

  it('compared sequences: their bars overlaid as outlines, a tint each, with their ids', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    await clickRow(linked, 0);
    const compared = bus.activeSequence;
    await clickRow(linked, 1, ['Control']);
    const active = bus.activeSequence;
    expect(bus.selectedSequences).toHaveLength(2);

    const groups = () => [...root(linked).querySelectorAll<SVGGElement>('g.bars')];
    expect(groups().map((g) => Number(g.dataset.sequence))).toEqual([active, compared]);
    const outlines = [...groups()[1].querySelectorAll<SVGRectElement>('rect.bar')];
    expect(stepsOf(outlines)[0]).toBe(data.offsets[compared]);
    expect(outlines).toHaveLength(data.sequenceLength(compared) - 1);
    const style = getComputedStyle(outlines[0]);
    expect(style.fill).toBe('none');
    expect(style.stroke).not.toBe('none');
    expect(getComputedStyle(activeBars(linked)[0]).fill).not.toBe('none');
    // overlaid: the n-th bar of each sequence in the same place along the x axis
    expect(outlines[0].getBoundingClientRect().left).toBeCloseTo(activeBars(linked)[0].getBoundingClientRect().left, 1);
    const legend = () => [...root(linked).querySelectorAll('.legend-item text')].map((t) => t.textContent);
    expect(legend()).toEqual([data.ids[active], data.ids[compared]]);

    // more compared sequences: a tint each; beyond six, the legend counts the rest
    for (let row = 2; row <= 6; row++) await clickRow(linked, row, ['Control']);
    expect(bus.selectedSequences).toHaveLength(7);
    expect(groups()).toHaveLength(6);
    const tints = groups()
      .slice(1)
      .map((g) => getComputedStyle(g.querySelector('rect.bar')!).stroke);
    expect(new Set(tints).size).toBe(5);
    expect(legend()).toHaveLength(6);
    expect(root(linked).querySelector('.legend .more')!.textContent).toBe('+1 more selected');

    await clickRow(linked, 0); // a plain click: one sequence again
    expect(groups()).toHaveLength(1);
    expect(root(linked).querySelector('.legend')).toBeNull();
  });

  it("brush clauses: brushed bars marked; the brushed steps' distribution over the full one; crossfilter", async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    await clickRow(linked, 0);
    const transitions = stepsOf(activeBars(linked));
    await brushMap(linked, [0.1, 0.1], [0.5, 0.9]);
    const brushed = bus.brushed('histogram')!;
    const inside = transitions.filter((t) => brushed.has(t));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(transitions.length);
    expect(barsWith(linked, 'brushed')).toEqual(inside);
    expect(barsWith(linked, 'outside')).toEqual(transitions.filter((t) => !brushed.has(t)));
    const outside = root(linked).querySelector(`rect.bar[data-step="${transitions.find((t) => !brushed.has(t))}"]`)!;
    expect(Number(getComputedStyle(outside).opacity)).toBeLessThan(0.5);
    await press('Escape'); // the map's brush cleared
    expect(bus.brushSources).toEqual([]);
    expect(barsWith(linked, 'brushed')).toEqual([]);
    expect(barsWith(linked, 'outside')).toEqual([]);

    await showMode(linked, 'distribution');
    const full = expectedCounts(linked);
    expect(binCounts(linked, 'g.bars')).toEqual(full);
    expect(root(linked).querySelector('g.brushed-bars')).toBeNull();
    // its own range: the clause holds every step in it, whatever the others brushed
    await brushDistances(linked, 0.3, 0.6);
    const own = bus.clause('histogram')!;
    const [low, high] = (own.value as { range: [number, number] }).range;
    const distances = data.normalizedStepDistances();
    expect(own.steps.count()).toBe(distances.filter((d) => d >= low && d <= high).length);
    expect(root(linked).querySelector('g.brushed-bars')).toBeNull(); // its own brush never filters it

    await brushMap(linked, [0.1, 0.1], [0.5, 0.9]);
    const map = bus.clause('map')!.steps;
    // the overlay is the map's steps, not folded with this view's range, on the same scale as the full one
    const overlay = binCounts(linked, 'g.brushed-bars');
    expect(overlay).toEqual(expectedCounts(linked, (t) => map.has(t)));
    expect(sum(overlay)).toBeGreaterThan(sum(expectedCounts(linked, (t) => map.has(t) && own.steps.has(t))));
    const fullBars = [...root(linked).querySelectorAll('g.bars rect')];
    [...root(linked).querySelectorAll('g.brushed-bars rect')].forEach((bar, b) =>
      expect(bar.getBoundingClientRect().height).toBeLessThanOrEqual(fullBars[b].getBoundingClientRect().height + 0.01),
    );
    expect(bus.clause('histogram')!.steps.equals(own.steps)).toBe(true);

    await press('Escape'); // the map's brush cleared: the overlay widens back to the full distribution
    expect(root(linked).querySelector('g.brushed-bars')).toBeNull();
    expect(binCounts(linked, 'g.bars')).toEqual(full);
    expect(bus.clause('histogram')!.steps.equals(own.steps)).toBe(true);
  });

  it('brush clauses: its own range is drawn from its clause, also after a restore on a fresh page', async () => {
    let linked = await mountLinked({ histogram: { mode: 'distribution' } });
    await brushDistances(linked, 0.25, 0.5);
    const before = brushBox(linked);
    expect(before.width).toBeGreaterThan(50);
    const snapshot = JSON.parse(JSON.stringify(linked.bus.snapshot()));

    unmountAll();
    linked = await mountLinked({ histogram: { mode: 'distribution' } });
    expect(getComputedStyle(root(linked).querySelector('g.brush rect.selection')!).display).toBe('none');
    linked.bus.restore(snapshot, 'session');
    await settle();
    const after = brushBox(linked);
    expect(after.left).toBeCloseTo(before.left, 0);
    expect(after.width).toBeCloseTo(before.width, 0);

    // a clause cleared elsewhere takes the drawn range with it
    linked.bus.brush('histogram', null);
    await settle();
    expect(getComputedStyle(root(linked).querySelector('g.brush rect.selection')!).display).toBe('none');
  });

  it('filters: the distribution leaves hidden classes out; a faded or hidden sequence faded', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    await clickRow(linked, 0);
    const sequence = bus.activeSequence;
    const right = data.correctness()[sequence] === 1;
    const group = () => root(linked).querySelector<SVGGElement>('g.bars')!;
    expect(Number(getComputedStyle(group()).opacity)).toBe(1);

    await clickOverviewCheckbox(linked, right ? 'fade correct' : 'fade misclassified');
    expect(Number(getComputedStyle(group()).opacity)).toBeLessThan(0.5);
    await clickOverviewCheckbox(linked, right ? 'fade correct' : 'fade misclassified');
    expect(Number(getComputedStyle(group()).opacity)).toBe(1);

    const className = data.classes[data.labels[sequence]];
    await clickOverviewCheckbox(linked, className);
    expect(bus.filters.classes).not.toContain(data.labels[sequence]);
    expect(Number(getComputedStyle(group()).opacity)).toBeLessThan(0.5);

    await showMode(linked, 'distribution');
    const hidden = data.labels[sequence];
    const sequenceOf = data.stepSequences();
    const shown = expectedCounts(linked, (t) => data.labels[sequenceOf[t]] !== hidden);
    expect(binCounts(linked, 'g.bars')).toEqual(shown);
    expect(sum(shown)).toBeLessThan(sum(expectedCounts(linked)));

    await clickOverviewCheckbox(linked, className);
    expect(bus.filters.classes).toBeNull();
    expect(binCounts(linked, 'g.bars')).toEqual(expectedCounts(linked));
  });

  it('options: the threshold line and the bars above it; the colour mode of the bars', async () => {
    const linked = await mountLinked();
    const { bus, data } = linked;
    await clickRow(linked, 0);
    const sequence = bus.activeSequence;
    await chooseColorMode(linked, 'true');
    const color = classColor(data.labels[sequence]);
    const probe = document.createElement('div');
    probe.style.color = color;
    document.body.append(probe);
    const expectedFill = getComputedStyle(probe).color;
    probe.remove();
    expect(new Set(activeBars(linked).map((bar) => getComputedStyle(bar).fill))).toEqual(new Set([expectedFill]));

    // Another histogram on the bus, in distribution mode, over the table: its threshold is dragged.
    const box = document.createElement('div');
    Object.assign(box.style, { position: 'absolute', left: '0px', top: '580px', width: '560px', height: '220px' });
    const other = document.createElement('hs-histogram');
    other.setAttribute('source', 'other-histogram');
    other.mode = 'distribution';
    other.bus = bus;
    other.data = data;
    box.append(other);
    document.body.append(box);
    await settle();
    const handle = other.shadowRoot!.querySelector('.threshold .handle')!;
    const axis = [...other.shadowRoot!.querySelectorAll('g.x-ticks text')];
    const [zero, one] = [centre(axis[0])[0], centre(axis[axis.length - 1])[0]];
    const [x, y] = centre(handle);
    await drag([x, y], [x + 10, y], [zero + 0.2 * (one - zero), y]);
    await settle();
    expect(bus.options.distanceThreshold).toBeCloseTo(0.2, 2);

    const slider = root(linked).querySelector('[role="slider"]')!;
    expect(slider.getAttribute('aria-valuenow')).toBe('0.20');
    const lineY = slider.querySelector('line')!.getBoundingClientRect().top;
    const distances = data.normalizedStepDistances();
    for (const bar of activeBars(linked)) {
      const above = distances[Number(bar.dataset.step)] > 0.2;
      expect(bar.classList.contains('jump')).toBe(above);
      expect(getComputedStyle(bar).stroke === 'none').toBe(!above);
      // a bar above the threshold reaches over the line
      if (above) expect(bar.getBoundingClientRect().top).toBeLessThan(lineY);
      else expect(bar.getBoundingClientRect().top).toBeGreaterThanOrEqual(lineY - 1);
    }
    expect(activeBars(linked).some((bar) => bar.classList.contains('jump'))).toBe(true);

    // back to the default: fewer bars stand out
    const jumps = barsWith(linked, 'jump').length;
    await drag(centre(other.shadowRoot!.querySelector('.threshold .handle')!), [zero + 0.4 * (one - zero), y]);
    await settle();
    expect(bus.options.distanceThreshold).toBeCloseTo(0.4, 2);
    expect(barsWith(linked, 'jump').length).toBeLessThan(jumps);
    expect(barsWith(linked, 'jump')).toEqual(
      stepsOf(activeBars(linked)).filter((t) => distances[t] > bus.options.distanceThreshold),
    );
  });
});
