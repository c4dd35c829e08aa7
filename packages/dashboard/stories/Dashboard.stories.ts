import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '@statescope/dashboard/define';
import { inShadow, loadedView } from '../../../stories/support/play.js';

interface Args {
  demo: 'imdb' | 'reuters';
}

const meta: Meta<Args> = {
  title: 'Dashboard',
  component: 'hs-dashboard',
  tags: ['autodocs'],
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
export const Imdb: Story = {
  args: { demo: 'imdb' },
  play: async ({ canvasElement }) => {
    const dashboard = await loadedView(canvasElement, 'hs-dashboard');
    const view = (tag: string) => dashboard.views.find((v) => v.localName === tag)!;
    const data = dashboard.data!;
    // A click on a row of the table shows that review's words in the token view.
    const rows = (await inShadow(view('hs-table')).findAllByRole('row')).slice(1);
    const row = rows.find((r) => r.getAttribute('aria-selected') !== 'true')!;
    const sequence = Number(row.dataset.sequence);
    await userEvent.click(row);
    await waitFor(async () => {
      const tokens = await inShadow(view('hs-sequence')).findAllByRole('button');
      await expect(tokens.map((token) => token.textContent)).toEqual(data.tokensOf(sequence));
    });
  },
};

/** Every view on the Reuters articles. */
export const Reuters: Story = { args: { demo: 'reuters' } };
