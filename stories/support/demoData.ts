import { loadDataset, type StateDataset } from '@statescope/core';
import { LinkBus } from '@statescope/bus';

/** The demo datasets made by `npm run data`, served by Storybook at /data/. */
export type DemoName = 'imdb' | 'reuters';

const loads = new Map<DemoName, Promise<StateDataset>>();

/** Loads a demo dataset once per Storybook session. */
export function loadDemo(name: DemoName): Promise<StateDataset> {
  let pending = loads.get(name);
  if (!pending) loads.set(name, (pending = loadDataset(new URL(`/data/${name}.json`, location.href).href)));
  return pending;
}

/** A story loader that puts the demo dataset named by the story's `demo` arg into `loaded.data`. */
export const demoLoader = async ({ args }: { args: { demo?: DemoName } }) => ({
  data: await loadDemo(args.demo ?? 'imdb'),
});

/**
 * A bus with a sequence selected (none for -1) and, optionally, a step focused, the way a table and a map
 * would leave it: the starting state of a single-view story.
 */
export function busWith(options: { sequence: number; compareWith?: number; focusStep?: number }): LinkBus {
  const bus = new LinkBus();
  if (options.sequence < 0) return bus; // nothing selected: views over all sequences
  if (options.compareWith !== undefined && options.compareWith >= 0) {
    bus.setSelection([options.sequence, options.compareWith], 'story', options.sequence);
  } else {
    bus.selectSequence(options.sequence, 'story');
  }
  if (options.focusStep !== undefined && options.focusStep >= 0) bus.setFocus(options.focusStep, 'story');
  return bus;
}

/** Controls every single-view story has: which demo dataset, which sequence. */
export const demoArgTypes = {
  demo: { control: 'inline-radio', options: ['imdb', 'reuters'] },
  sequence: { control: { type: 'number', min: -1 }, description: '-1: none selected' },
} as const;

/**
 * The render function of a single-view story: the element on the loaded demo data, with a bus
 * on which the `sequence` arg is selected; `configure` applies the story's own args.
 */
export function renderView<
  K extends 'hs-sequence' | 'hs-heatmap' | 'hs-histogram' | 'hs-table' | 'hs-overview',
  A extends { sequence: number; compareWith?: number },
>(tag: K, configure: (view: HTMLElementTagNameMap[K], args: A) => void) {
  return (args: A, { loaded }: { loaded: Record<string, unknown> }): HTMLElementTagNameMap[K] => {
    const view = document.createElement(tag);
    view.data = loaded.data as StateDataset;
    view.bus = busWith(args);
    configure(view, args);
    return view;
  };
}
