import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import type { NeighborsView } from '@statescope/view-neighbors';
import '@statescope/view-neighbors/define';
import '@statescope/view-projection/define';
import { busWith, demoArgTypes, demoLoader, type DemoName } from '../../../stories/support/demoData.js';
import { centreOf, inShadow, loadedView, pointAt } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
  /** The word whose first occurrence in the selected sequence is focused ('' : none). */
  focusWord: string;
  k: number;
  metric: 'euclidean' | 'cosine';
  context: number;
}

/** The first step of `sequence` whose token is `word`, or -1. */
function firstStep(data: StateDataset, sequence: number, word: string): number {
  if (sequence < 0 || !word) return -1;
  for (let t = data.offsets[sequence]; t < data.offsets[sequence + 1]; t++) if (data.token(t) === word) return t;
  return -1;
}

/** The element on the loaded demo data, with a bus on which `focusWord` of `sequence` is focused. */
function neighborsView(args: Args, data: StateDataset, bus: LinkBus): NeighborsView {
  const view = document.createElement('hs-neighbors');
  view.data = data;
  view.bus = bus;
  view.k = args.k;
  view.metric = args.metric;
  view.context = args.context;
  const step = firstStep(data, args.sequence, args.focusWord);
  if (step >= 0) bus.setFocus(step, 'story');
  return view;
}

const meta: Meta<Args> = {
  title: 'Views/Neighbors',
  component: 'hs-neighbors',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    focusWord: { control: 'text', description: 'the first occurrence of this word in the sequence is focused' },
    k: { control: { type: 'number', min: 1, max: 100 } },
    metric: { control: 'inline-radio', options: ['euclidean', 'cosine'] },
    context: { control: { type: 'number', min: 0, max: 20 } },
  },
  args: { demo: 'imdb', sequence: 0, focusWord: 'not', k: 10, metric: 'euclidean', context: 4 },
  render: (args, { loaded }) => neighborsView(args, loaded.data as StateDataset, busWith(args)),
};
export default meta;
type Story = StoryObj<Args>;

/**
 * The ten states of the IMDB model nearest the first "not" of a review, across all 96,617 states
 * (the index is built once, in a worker); hover a row to see it in other views.
 */
export const ImdbNearestToNot: Story = {
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-neighbors');
    const data = view.data!;
    const root = view.shadowRoot!;
    const anchor = firstStep(data, 0, 'not');
    await expect(anchor).toBeGreaterThanOrEqual(0);
    await waitFor(() => expect(root.querySelectorAll('tbody tr')).toHaveLength(10), { timeout: 30_000 });
    await expect(root.querySelector('.anchor mark')!.textContent).toBe('not');
    const rows = [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    await expect(rows.map((r) => Number(r.dataset.step))).toEqual(Array.from(view.neighbors!.steps));
    await expect(rows.some((r) => Number(r.dataset.step) === anchor)).toBe(false);
    // Hovering a neighbour focuses it on the bus; the list stays on the "not".
    await pointAt(rows[3], centreOf(rows[3].cells[2]));
    await expect(view.bus.focus).toBe(Number(rows[3].dataset.step));
    await expect(view.anchorStep).toBe(anchor);
  },
};

/**
 * "Where does 'not' put the model?" as one query: the search brushes every "not", and the map
 * on the same bus dims every other state.
 */
export const ImdbSearchNotOnMap: Story = {
  args: { focusWord: '' },
  render: (args, { loaded }) => {
    const data = loaded.data as StateDataset;
    const bus = busWith(args);
    const page = document.createElement('div');
    page.style.cssText = 'display: grid; gap: 16px; max-width: 960px';
    const map = document.createElement('hs-projection');
    map.data = data;
    map.bus = bus;
    map.style.height = '420px';
    page.append(neighborsView(args, data, bus), map);
    return page;
  },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-neighbors');
    const data = view.data!;
    const box = await inShadow(view).findByRole('searchbox', { name: 'Search tokens' });
    await userEvent.click(box);
    await userEvent.keyboard('not');
    let count = 0;
    for (let t = 0; t < data.stepCount; t++) if (data.token(t).toLowerCase() === 'not') count++;
    await expect(view.bus.clause(view.source)!.steps.count()).toBe(count);
    await expect(view.bus.clause(view.source)!.value).toEqual({ kind: 'token-search', query: 'not' });
    await waitFor(() =>
      expect(view.shadowRoot!.querySelector('.search-status')!.textContent).toMatch(
        new RegExp(`^${count.toLocaleString('en')} steps in [\\d,]+ sequences$`),
      ),
    );
  },
};
