import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '@statescope/view-histogram/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';
import { loadedView } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
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
    mode: { control: 'inline-radio', options: ['steps', 'distribution'] },
    metric: { control: 'inline-radio', options: ['euclidean', 'cosine'] },
  },
  args: { demo: 'imdb', sequence: 0, mode: 'steps', metric: 'euclidean' },
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

/** The same for a Reuters article, bars in the colour of the most likely topic. */
export const ReutersArticle: Story = { args: { demo: 'reuters', sequence: 5 } };
/** Every step distance of the reviews; brush a range to select those steps. */
export const ImdbDistribution: Story = { args: { demo: 'imdb', mode: 'distribution' } };
/** Cosine distances of the Reuters states. */
export const ReutersCosineDistribution: Story = { args: { demo: 'reuters', mode: 'distribution', metric: 'cosine' } };
