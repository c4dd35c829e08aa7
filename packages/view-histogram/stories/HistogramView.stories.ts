import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@statescope/view-histogram/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';

interface Args {
  demo: DemoName;
  sequence: number;
  mode: 'steps' | 'distribution';
  metric: 'euclidean' | 'cosine';
}

const meta: Meta<Args> = {
  title: 'Views/Histogram',
  component: 'hs-histogram',
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
export const ImdbReview: Story = { args: { demo: 'imdb', sequence: 3 } };
/** The same for a Reuters article, bars in the colour of the most likely topic. */
export const ReutersArticle: Story = { args: { demo: 'reuters', sequence: 5 } };
/** Every step distance of the reviews; brush a range to select those steps. */
export const ImdbDistribution: Story = { args: { demo: 'imdb', mode: 'distribution' } };
/** Cosine distances of the Reuters states. */
export const ReutersCosineDistribution: Story = { args: { demo: 'reuters', mode: 'distribution', metric: 'cosine' } };
