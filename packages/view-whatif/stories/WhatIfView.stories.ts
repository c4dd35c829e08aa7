import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { LinkBus } from '@statescope/bus';
import type { StateDataset } from '@statescope/core';
import type { WhatIfView } from '@statescope/view-whatif';
import '@statescope/view-whatif/define';
import '@statescope/view-projection/define';
import { busWith, demoLoader, type DemoName } from '../../../stories/support/demoData.js';
import { inShadow, loadedView } from '../../../stories/support/play.js';

interface Args {
  demo: DemoName;
  sequence: number;
  text: string;
  debounce: number;
}

/** The element on the loaded demo, with the demo's weights (served beside it at /data/). */
function whatIfView(args: Args, data: StateDataset, bus: LinkBus): WhatIfView {
  const view = document.createElement('hs-whatif');
  view.data = data;
  view.bus = bus;
  view.weights = `/data/${args.demo}.model.json`;
  view.debounce = args.debounce;
  if (args.text) void view.whenReady().then(() => view.setText(args.text));
  return view;
}

/** The view above a map on the same bus, where the typed text is placed among the dataset's states. */
function withMap(args: Args, data: StateDataset): HTMLElement {
  const bus = busWith(args);
  const page = document.createElement('div');
  page.style.display = 'grid';
  page.style.gap = '16px';
  page.style.maxWidth = '960px';
  const map = document.createElement('hs-projection');
  map.data = data;
  map.bus = bus;
  map.style.height = '420px';
  page.append(whatIfView(args, data, bus), map);
  return page;
}

const meta: Meta<Args> = {
  title: 'Views/What if',
  component: 'hs-whatif',
  tags: ['autodocs'],
  loaders: [demoLoader],
  argTypes: {
    demo: { control: 'inline-radio', options: ['imdb', 'reuters'] },
    sequence: { control: { type: 'number', min: -1 }, description: 'the active sequence (-1: none)' },
    text: { control: 'text' },
    debounce: { control: { type: 'number', min: 0, max: 2000 } },
  },
  args: { demo: 'imdb', sequence: 0, text: '', debounce: 150 },
  render: (args, { loaded }) => withMap(args, loaded.data as StateDataset),
};
export default meta;
type Story = StoryObj<Args>;

/**
 * Type a review: its tokens on the colour of the model's expected prediction after each of them,
 * the prediction after the last, and (published on the bus) its states placed on the map.
 */
export const ImdbTypeAReview: Story = {
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-whatif');
    await view.whenReady();
    const box = await inShadow(view).findByRole('textbox', { name: 'Text to run through the model' });
    await userEvent.click(box);
    await userEvent.keyboard('A slow start, but the ending is wonderful.');
    await waitFor(() => expect(view.bus.provisional?.tokens.length).toBe(10), { timeout: 10_000 });
    await waitFor(() => expect(Object.keys(view.bus.provisional!.coordinates).sort()).toEqual(['pca', 'tsne']), {
      timeout: 30_000,
    });
    await waitFor(() => expect(view.shadowRoot!.querySelector('.prediction')!.textContent).toMatch(/^Prediction: /));
  },
};

/**
 * A counterfactual: the active review copied into the box, "bad" swapped for "good"; the view says
 * where the edit parts from the review and whether the prediction flips.
 */
export const ImdbEditBadToGood: Story = {
  render: (args, { loaded }) => {
    const data = loaded.data as StateDataset;
    // The first review the model finds strongly negative that says "bad".
    let sequence = 0;
    for (let s = 0; s < data.sequenceCount; s++) {
      if (data.expectedPredictions[2 * (data.offsets[s + 1] - 1)] > 0.9 && data.tokensOf(s).includes('bad')) {
        sequence = s;
        break;
      }
    }
    return withMap({ ...args, sequence }, data);
  },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-whatif');
    await view.whenReady();
    const data = view.data!;
    await waitFor(() => expect(view.shadowRoot!.querySelector<HTMLButtonElement>('button.edit')!.disabled).toBe(false));
    await userEvent.click(view.shadowRoot!.querySelector<HTMLButtonElement>('button.edit')!);
    await waitFor(() => expect(view.bus.provisional?.original).toBe(view.bus.activeSequence));
    const at = data.tokensOf(view.bus.activeSequence).lastIndexOf('bad');
    await view.replaceToken(at, 'good');
    await waitFor(() =>
      expect(view.shadowRoot!.querySelector('.comparison')!.textContent).toMatch(/at step \d+ \(bad → good\)/),
    );
  },
};
