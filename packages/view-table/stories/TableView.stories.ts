import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@statescope/view-table/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';

interface Args {
  demo: DemoName;
  sequence: number;
  sortBy: 'id' | 'label' | 'prediction' | 'correct' | 'length' | 'text';
  descending: boolean;
}

const meta: Meta<Args> = {
  title: 'Views/Table',
  component: 'hs-table',
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    sortBy: { control: 'select', options: ['id', 'label', 'prediction', 'correct', 'length', 'text'] },
  },
  args: { demo: 'imdb', sequence: 0, sortBy: 'id', descending: false },
  render: renderView('hs-table', (view, args) => view.sortBy(args.sortBy, args.descending)),
};
export default meta;
type Story = StoryObj<Args>;

/** The test reviews; focus the table and use Up / Down, Esc. */
export const ImdbReviews: Story = {};
/** Reuters articles, misclassified first. */
export const ReutersMisclassifiedFirst: Story = { args: { demo: 'reuters', sortBy: 'correct' } };
