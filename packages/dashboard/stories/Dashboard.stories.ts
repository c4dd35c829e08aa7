import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@statescope/dashboard/define';

interface Args {
  demo: 'imdb' | 'reuters';
}

const meta: Meta<Args> = {
  title: 'Dashboard',
  component: 'hs-dashboard',
  parameters: { layout: 'fullscreen' },
  argTypes: { demo: { control: 'inline-radio', options: ['imdb', 'reuters'] } },
  render: ({ demo }) => {
    const dashboard = document.createElement('hs-dashboard');
    dashboard.setAttribute('src', `/data/${demo}.json`);
    dashboard.style.padding = '12px';
    return dashboard;
  },
};
export default meta;
type Story = StoryObj<Args>;

/** Every view on the IMDB reviews, linked. */
export const Imdb: Story = { args: { demo: 'imdb' } };
/** Every view on the Reuters articles. */
export const Reuters: Story = { args: { demo: 'reuters' } };
