// The six views on one bus over the IMDB demo, laid out on a 1600x1000 page, and the gestures a
// user makes in them, as real pointer and keyboard input. Each response test drives a gesture in
// one view and checks what the others draw (DOM and canvas pixels), one row of the response table
// in packages/view-base/README.md at a time.
import { page, userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import type { StatescopeElement } from '@statescope/view-base';
import '@statescope/view-projection/define';
import '@statescope/view-sequence/define';
import '@statescope/view-heatmap/define';
import '@statescope/view-histogram/define';
import '@statescope/view-table/define';
import '@statescope/view-overview/define';
import { centre, clickAt, drag, moveTo, nextFrame } from '../browser/pointer.js';
import type { Modifier } from '../browser/commands.js';

let demo: Promise<StateDataset> | null = null;

/** The IMDB demo (96,617 states), loaded once per test file. */
export function imdbDemo(): Promise<StateDataset> {
  return (demo ??= loadDataset(new URL('../../data/imdb.json', import.meta.url).href));
}

/** Where each view sits on the page: [left, top, width, height] in CSS pixels. */
const LAYOUT = {
  map: [0, 0, 560, 560],
  tokens: [580, 0, 1000, 240],
  heatmap: [580, 250, 1000, 300],
  histogram: [580, 560, 1000, 220],
  table: [0, 580, 560, 400],
  overview: [580, 790, 1000, 200],
} as const;

const TAGS = {
  map: 'hs-projection',
  tokens: 'hs-sequence',
  heatmap: 'hs-heatmap',
  histogram: 'hs-histogram',
  table: 'hs-table',
  overview: 'hs-overview',
} as const;

export type ViewName = keyof typeof TAGS;
export type Views = Record<ViewName, StatescopeElement>;

export interface Linked {
  bus: LinkBus;
  data: StateDataset;
  views: Views;
  /** The shadow root of a view. */
  root(name: ViewName): ShadowRoot;
}

/**
 * Mounts the six views on a fresh bus, each in a fixed box that scrolls its own overflow, and
 * waits until they have drawn. `attributes` adds attributes per view (a mode, say).
 */
export async function mountLinked(attributes: Partial<Record<ViewName, Record<string, string>>> = {}): Promise<Linked> {
  await page.viewport(1600, 1000);
  const data = await imdbDemo();
  const bus = new LinkBus();
  const views = {} as Views;
  for (const name of Object.keys(TAGS) as ViewName[]) {
    const [left, top, width, height] = LAYOUT[name];
    const box = document.createElement('div');
    Object.assign(box.style, {
      position: 'absolute',
      left: `${left}px`,
      top: `${top}px`,
      width: `${width}px`,
      height: `${height}px`,
      overflow: 'auto',
    });
    const view = document.createElement(TAGS[name]) as unknown as StatescopeElement;
    view.setAttribute('source', name);
    for (const [key, value] of Object.entries(attributes[name] ?? {})) view.setAttribute(key, value);
    if (name === 'map') view.style.height = `${height}px`;
    view.bus = bus;
    view.data = data;
    box.append(view);
    document.body.append(box);
    views[name] = view;
  }
  await settle();
  return { bus, data, views, root: (name) => views[name].shadowRoot! };
}

/**
 * Adds a view outside the six (its tag registered by the caller) on their bus and dataset, below
 * them at full width: the page scrolls to it, the gestures reach the six as before. `attributes`
 * are set before it joins the page (the what-if view's `weights`, say).
 */
export async function mountBelow<K extends keyof HTMLElementTagNameMap>(
  linked: Linked,
  tag: K,
  source: string,
  attributes: Record<string, string> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const box = document.createElement('div');
  Object.assign(box.style, { position: 'absolute', left: '0px', top: '1000px', width: '1600px' });
  const view = document.createElement(tag);
  const element = view as unknown as StatescopeElement;
  element.setAttribute('source', source);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  element.bus = linked.bus;
  element.data = linked.data;
  box.append(view);
  document.body.append(box);
  await settle();
  return view;
}

/** Waits two animation frames: one for the bus's redraw requests, one for anything they scheduled. */
export async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

/** Removes everything the last test mounted. */
export function unmountAll(): void {
  document.body.replaceChildren();
}

/** Scrolls an element into its box and returns its centre. */
function reach(element: Element): [number, number] {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  return centre(element);
}

// ---- gestures -------------------------------------------------------------------------------

/** Hovers the `index`-th token of the tokens view (focus). */
export async function hoverToken(linked: Linked, index: number): Promise<void> {
  const token = linked.root('tokens').querySelectorAll('[part~="token"]')[index];
  if (!token) throw new Error(`the tokens view has no token ${index}`);
  await moveTo(...reach(token));
  await settle();
}

/** Moves the pointer off every view (focus cleared). */
export async function leaveViews(): Promise<void> {
  await moveTo(1595, 995);
  await settle();
}

/** The `index`-th body row of the table (in display order). */
export function tableRow(linked: Linked, index: number): HTMLElement {
  const row = linked.root('table').querySelectorAll<HTMLElement>('[role="rowgroup"] [role="row"]')[index];
  if (!row) throw new Error(`the table shows no row ${index}`);
  return row;
}

/** Clicks the `index`-th table row; with Control held it adds the sequence for comparison. */
export async function clickRow(linked: Linked, index: number, modifiers: Modifier[] = []): Promise<void> {
  await clickAt(...reach(tableRow(linked, index)), modifiers);
  await settle();
}

/**
 * Drags a rectangle on the map, corners given as fractions of the map's canvas ([0, 0] top left),
 * in the map's default rectangle mode.
 */
export async function brushMap(linked: Linked, from: [number, number], to: [number, number]): Promise<void> {
  const canvas = linked.root('map').querySelector('canvas')!;
  const box = canvas.getBoundingClientRect();
  const at = ([fx, fy]: [number, number]): [number, number] => [box.left + fx * box.width, box.top + fy * box.height];
  await drag(at(from), at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), at(to));
  await settle();
}

/**
 * Drags a range of normalised distances [low, high] on the histogram, which must be in
 * distribution mode (mount it with `{ histogram: { mode: 'distribution' } }`).
 */
export async function brushDistances(linked: Linked, low: number, high: number): Promise<void> {
  const root = linked.root('histogram');
  const axis = [...root.querySelectorAll<SVGTextElement>('g.x-ticks text')];
  if (axis.length < 2) throw new Error('the histogram shows no distance axis: is it in distribution mode?');
  const [zero, one] = [centre(axis[0])[0], centre(axis[axis.length - 1])[0]];
  const overlay = root.querySelector('g.brush rect.overlay')!.getBoundingClientRect();
  const y = overlay.top + overlay.height / 2;
  const at = (d: number) => zero + d * (one - zero);
  await drag([at(low), y], [at((low + high) / 2), y + 5], [at(high), y]);
  await settle();
}

/** Presses a key with the keyboard focus where it is (Escape clears a view's brush or selection). */
export async function press(key: string): Promise<void> {
  await userEvent.keyboard(`{${key}}`);
  await settle();
}

/** Clicks the overview's checkbox whose label reads `label` (a fade, or a class name). */
export async function clickOverviewCheckbox(linked: Linked, label: string): Promise<void> {
  const labels = [...linked.root('overview').querySelectorAll('label')];
  const target = labels.find((l) => l.textContent?.trim() === label);
  if (!target)
    throw new Error(`the overview has no checkbox "${label}" (has ${labels.map((l) => l.textContent).join(', ')})`);
  await clickAt(...reach(target.querySelector('input')!));
  await settle();
}

/** Chooses a colour mode in the map's toolbar. */
export async function chooseColorMode(linked: Linked, mode: 'expected' | 'predicted' | 'true'): Promise<void> {
  const select = linked.root('map').querySelector('select')!;
  await userEvent.selectOptions(select, mode);
  await settle();
}

/**
 * A point of the map, in client coordinates, whose click picks a step of `sequence` even a pixel
 * or two off (the map is dense) and lies on its drawing (not under its toolbar, legend or
 * tooltip), or null.
 */
export function mapPointOf(linked: Linked, sequence: number): [number, number] | null {
  const map = linked.views.map as unknown as {
    stepAt(x: number, y: number): number;
    screenPosition(step: number): [number, number];
  };
  const box = linked.root('map').querySelector('canvas')!.getBoundingClientRect();
  const { offsets } = linked.data;
  const picks = (x: number, y: number) => {
    const step = map.stepAt(x, y);
    return step >= 0 && linked.data.sequenceOf(step) === sequence;
  };
  for (let step = offsets[sequence]; step < offsets[sequence + 1]; step++) {
    const [x, y] = map.screenPosition(step);
    if (!(x > 20 && x < box.width - 20 && y > 20 && y < box.height - 20)) continue;
    let sure = true;
    for (let dx = -2; dx <= 2 && sure; dx++) for (let dy = -2; dy <= 2 && sure; dy++) sure = picks(x + dx, y + dy);
    const onDrawing =
      linked
        .root('map')
        .elementFromPoint(box.left + x, box.top + y)
        ?.closest('svg') != null;
    if (sure && onDrawing) return [box.left + x, box.top + y];
  }
  return null;
}

// ---- reading what was drawn -------------------------------------------------------------------

/** The RGBA of the map canvas at a fraction of its box (Canvas 2D renderer, as in headless Chromium). */
export function mapPixel(linked: Linked, fx: number, fy: number): [number, number, number, number] {
  const canvas = linked.root('map').querySelector('canvas')!;
  const context = canvas.getContext('2d')!;
  const [r, g, b, a] = context.getImageData(Math.floor(fx * canvas.width), Math.floor(fy * canvas.height), 1, 1).data;
  return [r, g, b, a];
}
