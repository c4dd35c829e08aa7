import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@statescope/view-heatmap/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';

interface Args {
  demo: DemoName;
  sequence: number;
  mode: 'sequence' | 'aggregate';
  align: 'start' | 'end';
}

const meta: Meta<Args> = {
  title: 'Views/Heatmap',
  component: 'hs-heatmap',
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    mode: { control: 'inline-radio', options: ['sequence', 'aggregate'] },
    align: { control: 'inline-radio', options: ['start', 'end'] },
  },
  args: { demo: 'imdb', sequence: 0, mode: 'sequence', align: 'start' },
  render: renderView('hs-heatmap', (view, args) => {
    view.mode = args.mode;
    view.setAttribute('align', args.align);
  }),
};
export default meta;
type Story = StoryObj<Args>;

/** Negative and positive rows and the diverging summary of one review. */
export const ImdbReview: Story = { args: { demo: 'imdb', sequence: 3 } };
/** One row per topic of a Reuters article, with the most likely topic as summary. */
export const ReutersArticle: Story = { args: { demo: 'reuters', sequence: 5 } };
/** Mean expected prediction of all reviews per position from the end. */
export const AggregateAlignedAtEnd: Story = { args: { demo: 'imdb', sequence: -1, mode: 'aggregate', align: 'end' } };
/** Mean topic probabilities per position, aligned at the start. */
export const ReutersAggregate: Story = { args: { demo: 'reuters', sequence: -1, mode: 'aggregate', align: 'start' } };
