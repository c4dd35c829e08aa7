import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '@statescope/view-table/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';
import { inShadow, loadedView } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
  sortBy: 'id' | 'label' | 'prediction' | 'correct' | 'length' | 'text';
  descending: boolean;
}

const meta: Meta<Args> = {
  title: 'Views/Table',
  component: 'hs-table',
  tags: ['autodocs'],
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
export const ImdbReviews: Story = {
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-table');
    const screen = inShadow(view);
    // The rows shown (the first is the header); the table reuses row elements as it scrolls.
    const rows = async () => (await screen.findAllByRole('row')).slice(1);
    const selected = async () =>
      (await rows()).filter((row) => row.getAttribute('aria-selected') === 'true').map((row) => row.dataset.sequence);
    await expect(await selected()).toEqual(['0']); // the story's selection
    // Clicking another row selects its review instead: that row alone is marked.
    const other = (await rows()).find((row) => row.dataset.sequence !== '0')!;
    const sequence = other.dataset.sequence!;
    await userEvent.click(within(other).getAllByRole('gridcell')[5]);
    await expect(view.bus.activeSequence).toBe(Number(sequence));
    await waitFor(async () => expect(await selected()).toEqual([sequence]));
  },
};

/** Reuters articles, misclassified first. */
export const ReutersMisclassifiedFirst: Story = { args: { demo: 'reuters', sortBy: 'correct' } };
