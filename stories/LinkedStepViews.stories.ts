import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { StateDataset } from '@statescope/core';
import { sharedBus } from '@statescope/view-base';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import { inShadow, loadedView } from './support/play.js';

interface Args {
  demo: 'imdb' | 'reuters';
}

let pages = 0;

/**
 * The three step views written as plain HTML: each loads the same file from its `src`
 * attribute (fetched once) and joins the bus named by its `bus` attribute. The select stands in
 * for the sequence table; hover a token, a heatmap column or a bar and the others answer.
 */
function linkedPage({ demo }: Args): HTMLElement {
  const bus = `linked-${++pages}`;
  const src = `/data/${demo}.json`;
  const page = document.createElement('div');
  page.style.cssText = 'display: grid; gap: 16px; max-width: 900px';
  page.innerHTML = `
    <label>Sequence <select aria-label="Sequence" disabled><option>loading…</option></select></label>
    <hs-sequence bus="${bus}" src="${src}"></hs-sequence>
    <hs-heatmap bus="${bus}" src="${src}"></hs-heatmap>
    <hs-histogram bus="${bus}" src="${src}"></hs-histogram>
    <hs-heatmap bus="${bus}" src="${src}" mode="aggregate" align="end"></hs-heatmap>`;
  const select = page.querySelector('select')!;
  page.querySelector('hs-sequence')!.addEventListener('hs-load', (event) => {
    const data: StateDataset = event.detail.data;
    select.replaceChildren(
      ...data.ids.slice(0, 200).map((id, s) => {
        const option = document.createElement('option');
        option.value = String(s);
        option.textContent = `${id}: ${data.classes[data.labels[s]]}${data.correctness()[s] ? '' : ' (misclassified)'}`;
        return option;
      }),
    );
    select.disabled = false;
    sharedBus(bus).selectSequence(0, 'select');
  });
  select.addEventListener('change', () => sharedBus(bus).selectSequence(Number(select.value), 'select'));
  return page;
}

const meta: Meta<Args> = {
  title: 'Linked/Step views',
  argTypes: { demo: { control: 'inline-radio', options: ['imdb', 'reuters'] } },
  render: linkedPage,
};
export default meta;
type Story = StoryObj<Args>;

export const Imdb: Story = {
  args: { demo: 'imdb' },
  play: async ({ canvasElement }) => {
    const sequence = await loadedView(canvasElement, 'hs-sequence');
    const [heatmap] = canvasElement.querySelectorAll('hs-heatmap');
    const histogram = canvasElement.querySelector('hs-histogram')!;
    // Hovering a word: the heatmap outlines its column, the histogram lights the bars into and out of it.
    const tokens = await inShadow(sequence).findAllByRole('button');
    await userEvent.hover(tokens[2]);
    await waitFor(() => expect(heatmap.shadowRoot!.querySelector('rect.focus')).toBeTruthy());
    await waitFor(() => {
      const bars = [...histogram.shadowRoot!.querySelectorAll('rect.bar')].slice(0, 3);
      return expect(bars.map((bar) => bar.classList.contains('focused'))).toEqual([false, true, true]);
    });
  },
};

export const Reuters: Story = { args: { demo: 'reuters' } };
