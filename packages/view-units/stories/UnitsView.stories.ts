import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { LinkBus } from '@statescope/bus';
import { unitsOnThroughout, type StateDataset } from '@statescope/core';
import type { UnitsView } from '@statescope/view-units';
import '@statescope/view-units/define';
import '@statescope/view-projection/define';
import { busWith, demoArgTypes, demoLoader, type DemoName } from '../../../stories/support/demoData.js';
import { loadedView, pointAt } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
  compareWith: number;
  display: 'lines' | 'heatmap';
  state: 'hidden' | 'cell';
  order: 'index' | 'correlation' | 'cluster';
  threshold: number;
  offBefore: number;
  matchLength: 'exact' | 'any';
  matchMode: 'fast' | 'precise';
}

/** The element on the loaded demo data, with a bus on which the `sequence` arg is selected. */
function unitsView(args: Args, data: StateDataset, bus: LinkBus): UnitsView {
  const view = document.createElement('hs-units');
  view.data = data;
  view.bus = bus;
  view.display = args.display;
  view.state = args.state;
  view.order = args.order;
  view.threshold = args.threshold;
  view.offBefore = args.offBefore;
  view.matchLength = args.matchLength;
  view.matchMode = args.matchMode;
  return view;
}

const meta: Meta<Args> = {
  title: 'Views/Units',
  component: 'hs-units',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    compareWith: { control: { type: 'number', min: -1 }, description: '-1: no comparison' },
    display: { control: 'inline-radio', options: ['lines', 'heatmap'] },
    state: { control: 'inline-radio', options: ['hidden', 'cell'] },
    order: { control: 'inline-radio', options: ['index', 'correlation', 'cluster'] },
    threshold: { control: { type: 'number', step: 0.05 } },
    offBefore: { control: { type: 'number', min: 0, max: 20 } },
    matchLength: { control: 'inline-radio', options: ['exact', 'any'] },
    matchMode: { control: 'inline-radio', options: ['fast', 'precise'] },
  },
  args: {
    demo: 'imdb',
    sequence: 0,
    compareWith: -1,
    display: 'lines',
    state: 'hidden',
    order: 'index',
    threshold: 0.3,
    offBefore: 0,
    matchLength: 'exact',
    matchMode: 'fast',
  },
  render: (args, { loaded }) => unitsView(args, loaded.data as StateDataset, busWith(args)),
};
export default meta;
type Story = StoryObj<Args>;

/** The 100 units of the IMDB model's h over one review, one line each; hover a step. */
export const ImdbLines: Story = {
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-units');
    const data = view.data!;
    const root = view.shadowRoot!;
    await waitFor(() => expect(root.querySelectorAll('.panel.active path.unit')).toHaveLength(data.layer().dim));
    await expect(root.querySelector('.panel.active figcaption')!.textContent).toBe(data.ids[0]);
    // Hovering the 11th step on the point of unit 0's line there: the step is focused on the bus and
    // the readout names a unit and its token.
    const svg = root.querySelector<SVGSVGElement>('.panel.active svg')!;
    const path = root.querySelector('.panel.active path.unit[data-unit="0"]')!;
    const [x, y] = path.getAttribute('d')!.split(/[ML]/)[11].split(',').map(Number);
    const box = svg.getBoundingClientRect();
    await pointAt(svg, { clientX: box.left + x, clientY: box.top + y });
    await expect(view.bus.focus).toBe(data.offsets[0] + 10);
    await waitFor(() =>
      expect(root.querySelector('.readout')!.textContent).toMatch(
        new RegExp(`^unit \\d+ at ${data.ids[0]}, step 11 "`),
      ),
    );
  },
};

/** Two reviews side by side on one scale, units ordered by their correlation with the prediction. */
export const ImdbCompareByCorrelation: Story = {
  args: { sequence: 1, compareWith: 2, order: 'correlation' },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-units');
    const data = view.data!;
    const captions = () => [...view.shadowRoot!.querySelectorAll('.panel figcaption')].map((c) => c.textContent);
    await waitFor(() => expect(captions()).toEqual([data.ids[1], `compared: ${data.ids[2]}`]));
  },
};

/** A Reuters article as a units x steps heatmap, the rows in the order of a clustering of the units. */
export const ReutersHeatmapByCluster: Story = {
  args: { demo: 'reuters', sequence: 5, display: 'heatmap', order: 'cluster' },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-units');
    const data = view.data!;
    const canvas = () => view.shadowRoot!.querySelector<HTMLCanvasElement>('.panel.active canvas.heat')!;
    await waitFor(() => expect(canvas()?.hidden).toBe(false));
    // One pixel row per unit, one column per word, every pixel painted.
    await expect([canvas().width, canvas().height]).toEqual([data.sequenceLength(5), data.layer().dim]);
    const pixels = canvas().getContext('2d')!.getImageData(0, 0, canvas().width, canvas().height).data;
    await expect(pixels.every((v, i) => i % 4 !== 3 || v === 255)).toBe(true);
  },
};

/**
 * LSTMVis's selection on a real review: the "not" of "also , i'm not" (review imdb-9645) in the
 * cell state, on from 0.294 and off the step before; the match list shows the other one-word
 * ranges where those units switch on, several of them another "not".
 */
export const ImdbNegationSelection: Story = {
  args: { sequence: 0, state: 'cell', threshold: 0.294, offBefore: 1, matchMode: 'precise' },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-units');
    const data = view.data!;
    const root = view.shadowRoot!;
    // The first "not" of the review, preceded by "i'm".
    const first = data.offsets[0];
    let step = first + 1;
    while (!(data.token(step) === 'not' && data.token(step - 1) === "i'm")) step++;
    view.selectRange(step, step + 1);
    const expected = Array.from(
      unitsOnThroughout(data, step, step + 1, { state: 'cell', threshold: 0.294, offBefore: 1 }),
    );
    await expect(expected.length).toBeGreaterThan(0);
    await expect(view.bus.options.units).toEqual({ layer: data.layer().name, state: 'cell', units: expected });
    await waitFor(() =>
      expect([...root.querySelectorAll<HTMLButtonElement>('button.chip')].map((c) => Number(c.dataset.unit))).toEqual(
        expected,
      ),
    );
    // The matches: one word each, listed with the word marked, and brushed on the bus.
    const matches = view.unitMatches;
    await expect(matches.length).toBeGreaterThan(0);
    await expect(matches.every((m) => m.end - m.start === 1 && m.start !== step)).toBe(true);
    await waitFor(() => expect(root.querySelectorAll('button.match')).toHaveLength(matches.length));
    const marked = [...root.querySelectorAll('button.match mark')].map((m) => m.textContent);
    await expect(marked).toEqual(matches.map((m) => data.token(m.start)));
    await expect(view.bus.clause(view.source)!.steps.count()).toBe(matches.length);
  },
};

/**
 * The units view and the map on one bus, the map coloured by `activation`: selecting unit 69 of h
 * (the unit that follows p(positive) most closely) colours every state of the map by it.
 */
export const ImdbLinkedWithMap: Story = {
  args: { sequence: 0 },
  render: (args, { loaded }) => {
    const data = loaded.data as StateDataset;
    const bus = busWith(args);
    const page = document.createElement('div');
    page.style.cssText = 'display: grid; gap: 16px; max-width: 960px';
    const map = document.createElement('hs-projection');
    map.data = data;
    map.bus = bus;
    map.colorMode = 'activation';
    map.style.height = '480px';
    page.append(unitsView(args, data, bus), map);
    return page;
  },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-units');
    const map = await loadedView(canvasElement, 'hs-projection');
    view.selectUnits([69]);
    await expect(map.bus.options.units).toEqual({ layer: view.data!.layer().name, state: 'hidden', units: [69] });
    await waitFor(() =>
      expect(map.shadowRoot!.querySelector('.legend-title')!.textContent).toMatch(/^Activation of unit 69 /),
    );
  },
};
