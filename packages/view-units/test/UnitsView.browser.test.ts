import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { UnitMatcher, loadDataset, unitsOnThroughout, type StateDataset } from '@statescope/core';
import '@statescope/view-units/define';
import { centre, clickAt, drag, moveTo, nextFrame } from '../../../test/browser/pointer.js';
import { expectNoSeriousViolations } from '../../../test/support/axe.js';

let demo: Promise<StateDataset> | null = null;
const imdb = () => (demo ??= loadDataset(new URL('../../../data/imdb.json', import.meta.url).href));

const SEQUENCE = 3;
const THRESHOLD = 0.2;

async function mount(attributes: Record<string, string> = {}) {
  await page.viewport(1200, 900);
  const data = await imdb();
  const view = document.createElement('hs-units');
  for (const [name, value] of Object.entries({
    width: '1000',
    height: '260',
    threshold: String(THRESHOLD),
    ...attributes,
  }))
    view.setAttribute(name, value);
  const bus = new LinkBus();
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  bus.selectSequence(SEQUENCE, 'table');
  await nextFrame();
  await nextFrame();
  const root = view.shadowRoot!;
  const svg = () => root.querySelector<SVGSVGElement>('.panel.active svg')!;
  /** Client x of the centre of step t (within the sequence) on the active panel. */
  const stepX = (t: number) => {
    const box = svg().getBoundingClientRect();
    const band = (box.width - 34 - 8) / data.sequenceLength(SEQUENCE);
    return box.left + 34 + (t + 0.5) * band;
  };
  return { view, bus, data, root, svg, stepX };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-units> in Chromium on the IMDB demo', () => {
  it('brushing steps with the pointer selects exactly the units on throughout them; chips and the field edit it', async () => {
    const { view, bus, data, root, svg, stepX } = await mount();
    const first = data.offsets[SEQUENCE];
    // The first four steps with some unit on throughout them.
    const t = Array.from({ length: data.sequenceLength(SEQUENCE) - 4 }, (_, i) => i).find(
      (i) => unitsOnThroughout(data, first + i, first + i + 4, { threshold: THRESHOLD }).length > 0,
    )!;
    const y = svg().getBoundingClientRect().top + 100;
    await drag([stepX(t), y], [stepX(t + 1), y], [stepX(t + 3), y]);
    expect(view.selectedRange).toEqual([first + t, first + t + 4]);
    const expected = Array.from(unitsOnThroughout(data, first + t, first + t + 4, { threshold: THRESHOLD }));
    expect(bus.options.units).toEqual({ layer: 'lstm', state: 'hidden', units: expected });
    expect(expected.length).toBeGreaterThan(0);
    await nextFrame();
    const chips = [...root.querySelectorAll<HTMLButtonElement>('button.chip')];
    expect(chips.map((c) => Number(c.dataset.unit))).toEqual(expected);
    expect(
      [...root.querySelectorAll('path.unit.selected')]
        .map((p) => Number(p.getAttribute('data-unit')))
        .sort((a, b) => a - b),
    ).toEqual(expected);
    // Remove the first chip by a click.
    await clickAt(...centre(chips[0]));
    expect(bus.options.units!.units).toEqual(expected.slice(1));
    // Add a unit by typing its index.
    const unit = [0, 1, 2, 3].find((u) => !expected.includes(u))!;
    const field = root.querySelector<HTMLInputElement>('.add-unit input')!;
    field.focus();
    field.value = String(unit);
    await clickAt(...centre(root.querySelector('.add-unit button')!));
    expect(bus.options.units!.units).toEqual([...expected.slice(1), unit].sort((a, b) => a - b));
  });

  it('clicking a match selects its sequence and draws its range; the clause covers exactly the matches', async () => {
    const { view, bus, data, root, svg, stepX } = await mount({ 'match-length': 'any' });
    const first = data.offsets[SEQUENCE];
    // The first three steps with some unit on throughout them.
    const t = Array.from({ length: data.sequenceLength(SEQUENCE) - 3 }, (_, i) => i).find(
      (i) => unitsOnThroughout(data, first + i, first + i + 3, { threshold: THRESHOLD }).length > 0,
    )!;
    const y = svg().getBoundingClientRect().top + 100;
    await drag([stepX(t), y], [stepX(t + 2), y]);
    expect(view.selectedRange).toEqual([first + t, first + t + 3]);
    await nextFrame();
    const matches = view.unitMatches;
    expect(matches.length).toBeGreaterThan(0);
    const matcher = UnitMatcher.for(data, { layer: 'lstm', state: 'hidden', threshold: THRESHOLD });
    expect(bus.clause(view.source)!.steps.equals(matcher.steps(matches))).toBe(true);
    const other = matches.findIndex((m) => m.sequence !== SEQUENCE);
    expect(other).toBeGreaterThanOrEqual(0);
    const button = root.querySelectorAll<HTMLButtonElement>('button.match')[other];
    expect(button.querySelector('mark')!.textContent).toBe(
      Array.from({ length: matches[other].end - matches[other].start }, (_, i) =>
        data.token(matches[other].start + i),
      ).join(' '),
    );
    await clickAt(...centre(button));
    expect(bus.activeSequence).toBe(matches[other].sequence);
    await nextFrame();
    const selection = root.querySelector<SVGRectElement>('.panel.active g.brush.match rect.selection')!;
    expect(selection.getAttribute('display')).not.toBe('none');
    expect(Number(selection.getAttribute('width'))).toBeGreaterThan(0);
    // Clearing the selection clears the clause.
    await clickAt(...centre(root.querySelector<HTMLButtonElement>('.selection > button')!));
    expect(bus.clause(view.source)).toBeNull();
    expect(bus.options.units).toBeNull();
  });

  it('a focus from another view outlines its column; hovering a step focuses it and names the unit under the pointer', async () => {
    const { bus, data, root, svg, stepX } = await mount({ display: 'heatmap' });
    const first = data.offsets[SEQUENCE];
    bus.setFocus(first + 7, 'tokens');
    await nextFrame();
    const column = root.querySelector<SVGRectElement>('.panel.active rect.focus-column')!;
    expect(getComputedStyle(column).display).not.toBe('none');
    const box = column.getBoundingClientRect();
    expect(box.left).toBeLessThan(stepX(7));
    expect(box.right).toBeGreaterThan(stepX(7));
    await moveTo(stepX(30), svg().getBoundingClientRect().top + 50);
    expect(bus.focus).toBe(first + 30);
    await nextFrame();
    expect(root.querySelector('.readout')!.textContent).toMatch(/^unit \d+ at /);
    // The heatmap's pixels are drawn: the canvas is not blank.
    const canvas = root.querySelector<HTMLCanvasElement>('.panel.active canvas')!;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    expect(pixels.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
  });

  it('compared sequences are drawn side by side, each headed by its id; axe finds nothing serious', async () => {
    const { bus, data, root } = await mount();
    bus.setSelection([SEQUENCE, 5, 8], 'table', SEQUENCE);
    await nextFrame();
    const panels = [...root.querySelectorAll<HTMLElement>('.panel')];
    expect(panels.map((p) => p.querySelector('figcaption')!.textContent)).toEqual([
      data.ids[SEQUENCE],
      `compared: ${data.ids[5]}`,
      `compared: ${data.ids[8]}`,
    ]);
    const boxes = panels.map((p) => p.getBoundingClientRect());
    expect(boxes[1].left).toBeGreaterThan(boxes[0].right - 1);
    expect(boxes[2].left).toBeGreaterThan(boxes[1].right - 1);
    expect(Math.abs(boxes[1].top - boxes[0].top)).toBeLessThan(1);
    await expectNoSeriousViolations();
  });
});
