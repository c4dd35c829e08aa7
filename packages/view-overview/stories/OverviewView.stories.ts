import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@statescope/view-overview/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';

interface Args {
  demo: DemoName;
  sequence: number;
}

const meta: Meta<Args> = {
  title: 'Views/Overview',
  component: 'hs-overview',
  loaders: [demoLoader],
  argTypes: demoArgTypes,
  args: { demo: 'imdb', sequence: 0 },
  render: renderView('hs-overview', () => {}),
};
export default meta;
type Story = StoryObj<Args>;

/** Binary sentiment: two classes. */
export const Imdb: Story = {};
/** Five Reuters topics: click a cell of the confusion matrix to select its articles. */
export const Reuters: Story = { args: { demo: 'reuters' } };
