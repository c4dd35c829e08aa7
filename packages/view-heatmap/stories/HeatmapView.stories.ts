import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '@statescope/view-heatmap/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';
import { centreOf, inShadow, loadedView, pointAt } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
  compareWith: number;
  mode: 'sequence' | 'aggregate';
  align: 'start' | 'end';
}

const meta: Meta<Args> = {
  title: 'Views/Heatmap',
  component: 'hs-heatmap',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    compareWith: { control: { type: 'number', min: -1 }, description: '-1: no comparison' },
    mode: { control: 'inline-radio', options: ['sequence', 'aggregate'] },
    align: { control: 'inline-radio', options: ['start', 'end'] },
  },
  args: { demo: 'imdb', sequence: 0, compareWith: -1, mode: 'sequence', align: 'start' },
  render: renderView('hs-heatmap', (view, args) => {
    view.mode = args.mode;
    view.setAttribute('align', args.align);
  }),
};
export default meta;
type Story = StoryObj<Args>;

/** Negative and positive rows and the diverging summary of one review. */
export const ImdbReview: Story = {
  args: { demo: 'imdb', sequence: 3 },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-heatmap');
    const screen = inShadow(view);
    const cells = await screen.findAllByRole('gridcell');
    // One column per word, rows negative, positive and the summary.
    await expect(cells).toHaveLength(3 * view.data!.sequenceLength(3));
    // Hovering a column focuses its step and outlines the column.
    const [cell] = screen.getAllByRole('gridcell', { name: /^step 5 / });
    await pointAt(cell, centreOf(cell));
    await expect(view.bus.focus).toBe(view.data!.offsets[3] + 4);
    await waitFor(() => expect(view.shadowRoot!.querySelector('rect.focus')).toBeTruthy());
  },
};

/**
 * Two reviews compared: a block each, the active one first, each headed by its id; ticks above
 * the columns mark where the expected prediction jumps past the prediction threshold.
 */
export const CompareTwoReviews: Story = {
  args: { demo: 'imdb', sequence: 1, compareWith: 2 },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-heatmap');
    const screen = inShadow(view);
    const grids = await screen.findAllByRole('grid');
    await expect(grids.map((g) => g.getAttribute('aria-label'))).toEqual([
      `Expected prediction per step and class, sequence ${view.data!.ids[1]}`,
      `Expected prediction per step and class, sequence ${view.data!.ids[2]}`,
    ]);
  },
};

/** One row per topic of a Reuters article, with the most likely topic as summary. */
export const ReutersArticle: Story = { args: { demo: 'reuters', sequence: 5 } };
/** Mean expected prediction of all reviews per position from the end. */
export const AggregateAlignedAtEnd: Story = { args: { demo: 'imdb', sequence: -1, mode: 'aggregate', align: 'end' } };
/** Mean topic probabilities per position, aligned at the start. */
export const ReutersAggregate: Story = { args: { demo: 'reuters', sequence: -1, mode: 'aggregate', align: 'start' } };
