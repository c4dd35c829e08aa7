import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '@statescope/view-histogram/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';
import { loadedView } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
  compareWith: number;
  mode: 'steps' | 'distribution';
  metric: 'euclidean' | 'cosine';
}

const meta: Meta<Args> = {
  title: 'Views/Histogram',
  component: 'hs-histogram',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    compareWith: { control: { type: 'number', min: -1 }, description: '-1: no comparison' },
    mode: { control: 'inline-radio', options: ['steps', 'distribution'] },
    metric: { control: 'inline-radio', options: ['euclidean', 'cosine'] },
  },
  args: { demo: 'imdb', sequence: 0, compareWith: -1, mode: 'steps', metric: 'euclidean' },
  render: renderView('hs-histogram', (view, args) => {
    view.mode = args.mode;
    view.setAttribute('metric', args.metric);
  }),
};
export default meta;
type Story = StoryObj<Args>;

/** How far the state of a review moves per word; drag the dashed threshold. */
export const ImdbReview: Story = {
  args: { demo: 'imdb', sequence: 3 },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-histogram');
    await waitFor(() => expect(view.shadowRoot!.querySelector('rect.bar')).toBeTruthy());
    // One bar per move from a word to the next; hovering one lights it and focuses both of its words.
    const bars = view.shadowRoot!.querySelectorAll('rect.bar');
    await expect(bars).toHaveLength(view.data!.sequenceLength(3) - 1);
    await userEvent.hover(bars[5]);
    await expect([view.bus.focus, view.bus.focusLength]).toEqual([view.data!.offsets[3] + 5, 2]);
    await waitFor(() => expect(bars[5]).toHaveClass('focused'));
  },
};

/** Two reviews: the second one's bars overlaid as outlines, with a legend of both ids. */
export const CompareTwoReviews: Story = {
  args: { demo: 'imdb', sequence: 1, compareWith: 2 },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-histogram');
    await waitFor(() => expect(view.shadowRoot!.querySelectorAll('g.bars')).toHaveLength(2));
    const legend = [...view.shadowRoot!.querySelectorAll('.legend-item text')].map((t) => t.textContent);
    await expect(legend).toEqual([view.data!.ids[1], view.data!.ids[2]]);
  },
};
/** The same for a Reuters article, bars in the colour of the most likely topic. */
export const ReutersArticle: Story = { args: { demo: 'reuters', sequence: 5 } };
/** Every step distance of the reviews; brush a range to select those steps. */
export const ImdbDistribution: Story = { args: { demo: 'imdb', mode: 'distribution' } };
/** Cosine distances of the Reuters states. */
export const ReutersCosineDistribution: Story = { args: { demo: 'reuters', mode: 'distribution', metric: 'cosine' } };
