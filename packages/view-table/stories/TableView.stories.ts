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
  search: string;
}

const meta: Meta<Args> = {
  title: 'Views/Table',
  component: 'hs-table',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: {
    ...demoArgTypes,
    sortBy: { control: 'select', options: ['id', 'label', 'prediction', 'correct', 'length', 'text'] },
    search: { control: 'text', description: 'text in ids or tokens, or a /regular expression/' },
  },
  args: { demo: 'imdb', sequence: 0, sortBy: 'id', descending: false, search: '' },
  render: renderView('hs-table', (view, args) => {
    view.sortBy(args.sortBy, args.descending);
    view.search = args.search;
  }),
};
export default meta;
type Story = StoryObj<Args>;

/** The test reviews; focus the table and use Up / Down, Home / End, Page Up / Page Down, Esc. */
export const ImdbReviews: Story = {
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-table');
    const screen = inShadow(view);
    // The rows shown (the first is the header); the table reuses row elements as it scrolls.
    const rows = async () => (await screen.findAllByRole('row')).slice(1);
    const selected = async () =>
      (await rows()).filter((row) => row.getAttribute('aria-selected') === 'true').map((row) => row.dataset.sequence);
    // It opens at its top: the story's selection (review 0) is listed further down, not shown.
    await waitFor(async () => expect((await rows())[0].getAttribute('aria-rowindex')).toBe('2'));
    await expect(await selected()).toEqual([]);
    // Clicking a row selects its review instead: that row alone is marked.
    const other = (await rows())[1];
    const sequence = other.dataset.sequence!;
    await userEvent.click(within(other).getAllByRole('gridcell')[5]);
    await expect(view.bus.activeSequence).toBe(Number(sequence));
    await waitFor(async () => expect(await selected()).toEqual([sequence]));
    // End (the click left the keyboard in the grid): the last review, brought into view.
    await userEvent.keyboard('{End}');
    await waitFor(async () => expect(await selected()).toEqual([String(view.order.at(-1))]));
  },
};

/** Reuters articles, misclassified first. */
export const ReutersMisclassifiedFirst: Story = { args: { demo: 'reuters', sortBy: 'correct' } };

/** Only the reviews that say "brilliant" as a word: a regular expression in the search box. */
export const SearchedReviews: Story = {
  args: { search: '/\\bbrilliant\\b/' },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-table');
    const screen = inShadow(view);
    const box = await screen.findByRole('searchbox', { name: 'Search ids and tokens' });
    await expect(box).toHaveValue('/\\bbrilliant\\b/');
    await waitFor(() => expect(screen.getByText(/^\d+ of 1000 sequences$/)).toBeTruthy());
    // Cleared: every review again.
    await userEvent.click(box);
    await userEvent.keyboard('{End}{Backspace>20/}');
    await waitFor(() => expect(screen.getByText('1000 sequences')).toBeTruthy());
  },
};
