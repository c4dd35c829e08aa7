import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '@statescope/view-overview/define';
import { demoArgTypes, demoLoader, renderView, type DemoName } from '../../../stories/support/demoData.js';
import { inShadow, loadedView } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
}

const meta: Meta<Args> = {
  title: 'Views/Overview',
  component: 'hs-overview',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: demoArgTypes,
  args: { demo: 'imdb', sequence: 0 },
  render: renderView('hs-overview', () => {}),
};
export default meta;
type Story = StoryObj<Args>;

/** Binary sentiment: two classes. */
export const Imdb: Story = {};
/**
 * Five Reuters topics: click a cell of the confusion matrix to select its articles; the cell is
 * then marked (its first article is the active one) and counts the articles selected in it.
 */
export const Reuters: Story = {
  args: { demo: 'reuters' },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-overview');
    const screen = inShadow(view);
    const data = view.data!;
    await expect(await screen.findByText(data.sequenceCount.toLocaleString('en'))).toBeVisible();
    // A cell of the confusion matrix: the count it shows, and a click selects exactly those articles.
    const cell = screen.getByRole('gridcell', { name: /^true earn, predicted earn: \d+ sequences$/ });
    const count = Number(/(\d+) sequences/.exec(cell.getAttribute('aria-label')!)![1]);
    await expect(cell).toHaveTextContent(String(count));
    await userEvent.click(cell);
    const selected = [...view.bus.selectedSequences];
    await expect(selected).toHaveLength(count);
    await expect(selected.every((s) => data.labels[s] === 0 && data.predictions[s] === 0)).toBe(true);
    // The overview follows the bus: the cell holds the active article and all the selected ones.
    await waitFor(() => expect(cell).toHaveClass('active'));
    // The badge lies in the note drawn over the cell (hidden from assistive technology: the name says it).
    const index = [...view.shadowRoot!.querySelectorAll('g.cell')].indexOf(cell as Element as SVGGElement);
    const note = view.shadowRoot!.querySelectorAll('g.cell-note')[index];
    if (count > 1) await expect(note.querySelector('.selected-badge')).toHaveTextContent(String(count));
    if (count > 1) await expect(cell).toHaveAccessibleName(new RegExp(`, ${count} selected$`));
  },
};
