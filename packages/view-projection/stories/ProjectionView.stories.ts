import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import type { ProjectionView } from '@statescope/view-projection';
import '@statescope/view-projection/define';
import { syntheticDataset } from '../test/syntheticDataset.js';
import { inShadow, loadedView, pointAt } from '../../../stories/support/play.js';

type Demo = 'imdb' | 'reuters' | 'million';

interface Args {
  demo: Demo;
  sequence: number;
  compareWith: number;
  colorMode: 'expected' | 'predicted' | 'true';
  trajectoryColor: 'expected' | 'time';
  trajectoryWidth: 'constant' | 'time' | 'distance';
  labelPlacement: 'before' | 'after';
  fadeCorrect: boolean;
  renderer: 'auto' | 'canvas' | 'webgl';
}

const loads = new Map<Demo, Promise<{ data: StateDataset; note: string }>>();

/**
 * The demo datasets of `npm run data`, served by Storybook at /data/. While one is missing
 * (not made on this machine yet) the story shows a generated dataset of the same shape and says so.
 */
function loadDemo(demo: Demo): Promise<{ data: StateDataset; note: string }> {
  let pending = loads.get(demo);
  if (!pending) {
    const generated = (note: string) => ({
      data:
        demo === 'million'
          ? syntheticDataset({ sequences: 10_000, length: 100 })
          : syntheticDataset({
              sequences: demo === 'imdb' ? 1_000 : 500,
              length: 100,
              classes: demo === 'imdb' ? 2 : 5,
            }),
      note,
    });
    pending =
      demo === 'million'
        ? Promise.resolve(generated('1,000,000 generated states (10,000 random walks of 100 steps)'))
        : loadDataset(new URL(`/data/${demo}.json`, location.href).href).then(
            (data) => ({ data, note: `${demo} demo data: ${data.stepCount.toLocaleString('en')} states` }),
            () => generated(`data/${demo}.json is not there yet: a generated dataset of the same shape`),
          );
    loads.set(demo, pending);
  }
  return pending;
}

/** How many pixels of the map's canvas are painted, whichever renderer draws it. */
function paintedPixels(view: ProjectionView): number {
  view.renderNow(); // a WebGL drawing buffer can be read only in the task that drew it
  const canvas = view.shadowRoot!.querySelector('canvas')!;
  const { width, height } = canvas;
  const rgba = new Uint8Array(width * height * 4);
  const gl = view.activeRenderer === 'webgl' ? canvas.getContext('webgl2') : null;
  if (gl) gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
  else rgba.set(canvas.getContext('2d')!.getImageData(0, 0, width, height).data);
  let painted = 0;
  for (let alpha = 3; alpha < rgba.length; alpha += 4) if (rgba[alpha] > 0) painted++;
  return painted;
}

function frame(view: ProjectionView, note: string): HTMLElement {
  const figure = document.createElement('figure');
  figure.style.margin = '0';
  const caption = document.createElement('figcaption');
  caption.style.cssText = 'font: 12px system-ui, sans-serif; color: #666; margin-bottom: 4px';
  caption.textContent = note;
  view.style.height = '560px';
  figure.append(caption, view);
  return figure;
}

const meta: Meta<Args> = {
  title: 'Views/Projection',
  component: 'hs-projection',
  tags: ['autodocs'],
  loaders: [async ({ args }) => loadDemo((args as Args).demo)],
  argTypes: {
    demo: { control: 'inline-radio', options: ['imdb', 'reuters', 'million'] },
    sequence: { control: { type: 'number', min: -1 } },
    compareWith: { control: { type: 'number', min: -1 } },
    colorMode: { control: 'inline-radio', options: ['expected', 'predicted', 'true'] },
    trajectoryColor: { control: 'inline-radio', options: ['expected', 'time'] },
    trajectoryWidth: { control: 'inline-radio', options: ['constant', 'time', 'distance'] },
    labelPlacement: { control: 'inline-radio', options: ['before', 'after'] },
    fadeCorrect: { control: 'boolean' },
    renderer: { control: 'inline-radio', options: ['auto', 'canvas', 'webgl'] },
  },
  args: {
    demo: 'imdb',
    sequence: 3,
    compareWith: -1,
    colorMode: 'expected',
    trajectoryColor: 'expected',
    trajectoryWidth: 'constant',
    labelPlacement: 'after',
    fadeCorrect: false,
    renderer: 'auto',
  },
  render: (args, { loaded }) => {
    const { data, note } = loaded as { data: StateDataset; note: string };
    const bus = new LinkBus({ options: { colorMode: args.colorMode }, filters: { fadeCorrect: args.fadeCorrect } });
    if (args.sequence >= 0 && args.sequence < data.sequenceCount) {
      const compare = args.compareWith >= 0 && args.compareWith < data.sequenceCount ? [args.compareWith] : [];
      bus.setSelection([args.sequence, ...compare], 'story', args.sequence);
    }
    const view = document.createElement('hs-projection');
    view.bus = bus;
    view.data = data;
    view.setAttribute('trajectory-color', args.trajectoryColor);
    view.setAttribute('trajectory-width', args.trajectoryWidth);
    view.setAttribute('label-placement', args.labelPlacement);
    view.setAttribute('renderer', args.renderer);
    return frame(view, `${note}. Drag: brush; Shift-drag: lasso; wheel: zoom; Alt-drag: pan; Esc: clear.`);
  },
};

export default meta;
type Story = StoryObj<Args>;

/** Every state of the IMDB reviews, a review's trajectory with word labels at its jumps. */
export const Imdb: Story = {
  args: { demo: 'imdb', sequence: 3 },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-projection');
    await waitFor(() => expect(paintedPixels(view)).toBeGreaterThan(1000));
    // Pointing at a word of review #3 (not a punctuation mark): the tooltip names the word and the review.
    const data = view.data!;
    const step = data.offsets[3] + data.tokensOf(3).findIndex((token) => /^[a-z]{4,}$/.test(token));
    const [x, y] = view.screenPosition(step);
    const overlay = view.shadowRoot!.querySelector('svg.overlay')!;
    const box = overlay.getBoundingClientRect();
    await pointAt(overlay, { clientX: box.left + x, clientY: box.top + y });
    const tooltip = inShadow(view).getByRole('tooltip');
    await expect(tooltip).toHaveTextContent(data.token(step));
    await expect(tooltip).toHaveTextContent('(#3)');
  },
};

/** The Reuters topics: the map coloured by the most likely topic, intensity by its probability. */
export const Reuters: Story = { args: { demo: 'reuters', sequence: 5 } };
/** Two Reuters articles compared: the active one solid, the other dashed, each with its id. */
export const ReutersCompared: Story = {
  args: { demo: 'reuters', sequence: 5, compareWith: 12, trajectoryColor: 'time', trajectoryWidth: 'distance' },
};
/** Coloured by true class, the correctly classified reviews faded: the errors stand out. */
export const ImdbErrors: Story = { args: { demo: 'imdb', sequence: -1, colorMode: 'true', fadeCorrect: true } };
/**
 * A confusion-matrix cell's worth of reviews selected at once (true negative, predicted
 * positive): twelve trajectories, the active one among them, and "+N more" with Previous / Next
 * to page through the rest.
 */
export const ImdbManySelected: Story = {
  args: { demo: 'imdb', sequence: -1 },
  render: (args, context) => {
    const figure = meta.render!(args, context) as HTMLElement;
    const view = figure.querySelector('hs-projection') as ProjectionView;
    const data = (context.loaded as { data: StateDataset }).data;
    const cell = [...data.labels.keys()].filter((s) => data.labels[s] === 0 && data.predictions[s] === 1);
    view.bus.setSelection(cell, 'story');
    return figure;
  },
  play: async ({ canvasElement }) => {
    const view = await loadedView(canvasElement, 'hs-projection');
    const selected = view.bus.selectedSequences.length;
    await waitFor(() => expect(view.shadowRoot!.querySelectorAll('g.trajectory')).toHaveLength(Math.min(12, selected)));
    if (selected <= 12) return;
    const pager = inShadow(view).getByRole('group', { name: 'Trajectories of the selected sequences' });
    await expect(pager).toHaveTextContent(`+${selected - 12} more`);
    const first = view.shadowRoot!.querySelector('g.trajectory')!.getAttribute('data-sequence');
    await userEvent.click(within(pager).getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(view.shadowRoot!.querySelector('g.trajectory')!.getAttribute('data-sequence')).not.toBe(first),
    );
  },
};
/** A million states, redrawn by pixel splatting within a frame on a CPU. */
export const MillionPoints: Story = { args: { demo: 'million', sequence: 1234 } };

/** A projection that is still running: each new layout is shown as it arrives. */
export const LiveProjection: Story = {
  args: { demo: 'reuters', sequence: 5 },
  render: (args, context) => {
    const figure = meta.render!(args, context) as HTMLElement;
    const view = figure.querySelector('hs-projection') as ProjectionView;
    const data = (context.loaded as { data: StateDataset }).data;
    const target = view.coordinates ?? data.projection('tsne') ?? data.projection('pca');
    if (!target) return figure;
    // Stands in for a running t-SNE: from a random start to the final layout in 120 frames.
    const start = Float32Array.from(target, (_, k) => Math.sin(k * 12.9898) * 4);
    async function* layouts() {
      for (let step = 1; step <= 120 && figure.isConnected !== false; step++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const t = 1 - (1 - step / 120) ** 3;
        yield Float32Array.from(target!, (v, k) => start[k] + (v - start[k]) * t);
      }
    }
    void view.followProjection(layouts());
    return figure;
  },
};
