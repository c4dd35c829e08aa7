// <my-word-count>, the view of your own that docs/own-view.md builds (docs/examples/WordCountView.ts),
// next to <hs-projection> on one bus over the IMDB demo, driven by real pointer gestures in
// Chromium. Every list is checked against a brute-force count over the token strings.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { StepSet, loadDataset, type StateDataset } from '@statescope/core';
import '@statescope/view-projection/define';
import '../docs/examples/WordCountView.js';
import { centre, clickAt, drag, nextFrame } from './browser/pointer.js';

let data: StateDataset;

beforeAll(async () => {
  data = await loadDataset(new URL('../data/imdb.json', import.meta.url).href);
});

afterEach(() => document.body.replaceChildren());

/** The map (560 x 560) and the word list beside it, on a fresh bus, drawn. */
async function mount() {
  await page.viewport(1000, 800);
  const bus = new LinkBus();
  const map = document.createElement('hs-projection');
  map.setAttribute('source', 'map');
  Object.assign(map.style, { position: 'absolute', left: '0px', top: '0px', width: '560px', height: '560px' });
  const words = document.createElement('my-word-count');
  words.setAttribute('source', 'words');
  Object.assign(words.style, { position: 'absolute', left: '580px', top: '0px', width: '300px' });
  for (const view of [map, words]) {
    view.bus = bus;
    view.data = data;
    document.body.append(view);
  }
  await settle();
  return { bus, map, words };
}

/** Two frames: one for the redraws the bus asked for, one for anything they scheduled. */
async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

/** The rectangle brushed on the map, as fractions of its canvas: [left, top, right, bottom]. */
const BOX = [0.3, 0.3, 0.65, 0.65];

/** Drags the rectangle BOX on the map with the mouse. */
async function brushMap(map: HTMLElement): Promise<void> {
  const canvas = map.shadowRoot!.querySelector('canvas')!.getBoundingClientRect();
  const at = (fx: number, fy: number): [number, number] => [
    canvas.left + fx * canvas.width,
    canvas.top + fy * canvas.height,
  ];
  const [x0, y0, x1, y1] = BOX;
  await drag(at(x0, y0), at((x0 + x1) / 2, (y0 + y1) / 2), at(x1, y1));
  await settle();
}

/** The words the panel lists, in order, with their counts. */
function listed(words: HTMLElement): [string, number][] {
  return [...words.shadowRoot!.querySelectorAll('[part~="word"]')].map((button) => [
    button.querySelector('bdi')!.textContent!,
    Number(button.querySelector('.count')!.textContent),
  ]);
}

/** The panel's button of a word. */
function buttonOf(words: HTMLElement, word: string): HTMLElement {
  const buttons = [...words.shadowRoot!.querySelectorAll<HTMLElement>('[part~="word"]')];
  return buttons.find((button) => button.querySelector('bdi')!.textContent === word)!;
}

/**
 * What the panel should list: the token strings of the steps counted one by one, the `limit`
 * most frequent (ties alphabetically), ordered by count or alphabetically.
 */
function bruteForce(
  steps: (step: number) => boolean,
  { limit = 10, order = 'count' }: { limit?: number; order?: 'count' | 'alphabet' } = {},
): [string, number][] {
  const counts = new Map<string, number>();
  for (let step = 0; step < data.stepCount; step++) {
    if (steps(step)) counts.set(data.token(step), (counts.get(data.token(step)) ?? 0) + 1);
  }
  const top = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).slice(0, limit);
  if (order === 'alphabet') top.sort(([a], [b]) => a.localeCompare(b));
  return top;
}

/** The share of the drawn map pixels inside BOX that are opaque (not dimmed). */
function opaqueInsideBox(map: HTMLElement): number {
  const canvas = map.shadowRoot!.querySelector('canvas')!;
  const words = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  const [x0, y0, x1, y1] = BOX.map((f, i) => f * (i % 2 ? canvas.height : canvas.width));
  let drawn = 0;
  let opaque = 0;
  for (let y = Math.ceil(y0); y < y1; y++) {
    for (let x = Math.ceil(x0); x < x1; x++) {
      const word = words[y * canvas.width + x];
      if (word === 0) continue;
      drawn++;
      if (word >>> 24 === 255) opaque++;
    }
  }
  expect(drawn).toBeGreaterThan(1000);
  return opaque / drawn;
}

describe('<my-word-count>, a view of your own, linked with the map', () => {
  it('lists the most frequent words among the steps brushed on the map, as limit and order say', async () => {
    const { bus, map, words } = await mount();
    expect(listed(words)).toEqual([]);
    expect(words.shadowRoot!.querySelector('[part="empty"]')!.textContent).toBe(
      'Brush steps in another view, or select a sequence.',
    );

    await brushMap(map);
    const brushed = bus.clause('map')!.steps;
    expect(brushed.count()).toBeGreaterThan(1000);
    const inBrush = (step: number) => brushed.has(step);
    expect(listed(words)).toEqual(bruteForce(inBrush));
    expect(listed(words)).toHaveLength(10); // limit absent: 10

    words.setAttribute('limit', '3');
    await settle();
    expect(words.limit).toBe(3);
    expect(listed(words)).toEqual(bruteForce(inBrush, { limit: 3 }));

    words.setAttribute('order', 'alphabet');
    await settle();
    expect(words.order).toBe('alphabet');
    expect(listed(words)).toEqual(bruteForce(inBrush, { limit: 3, order: 'alphabet' }));

    words.limit = 25; // the typed property writes the attribute
    await settle();
    expect(words.getAttribute('limit')).toBe('25');
    expect(listed(words)).toEqual(bruteForce(inBrush, { limit: 25, order: 'alphabet' }));
    expect(() => (words.limit = 0)).toThrow(RangeError);

    words.order = 'count';
    words.limit = null;
    await settle();
    expect(words.hasAttribute('limit')).toBe(false);
    expect(listed(words)).toEqual(bruteForce(inBrush));
  });

  it('a click on a word brushes every step with its token: typed my-word-pick, the map dims', async () => {
    const { bus, map, words } = await mount();
    await brushMap(map);
    const mapSteps = bus.clause('map')!.steps;
    const before = listed(words);
    const [word, countInBrush] = before[2];
    const picks: { word: string; steps: number }[] = [];
    words.addEventListener('my-word-pick', (event) => picks.push(event.detail)); // typed by augmentation
    const brushEvents: unknown[] = [];
    words.addEventListener('hs-brush', (event) => brushEvents.push(event.detail.value));
    const opaqueBefore = opaqueInsideBox(map);
    expect(opaqueBefore).toBeGreaterThan(0.9); // what the map brushed stands out

    await clickAt(...centre(buttonOf(words, word)));
    await settle();

    const withToken = new StepSet(data.stepCount);
    for (let step = 0; step < data.stepCount; step++) if (data.token(step) === word) withToken.add(step);
    const clause = bus.clause('words')!;
    expect(clause.steps.equals(withToken)).toBe(true);
    expect(clause.value).toEqual({ word });
    expect(picks).toEqual([{ word, steps: withToken.count() }]);
    expect(brushEvents).toEqual([{ word }]);

    // Both clauses now constrain the steps: the map's rectangle and the word.
    const both = mapSteps.clone().intersect(withToken);
    expect(bus.brushed()!.equals(both)).toBe(true);
    expect(both.count()).toBe(countInBrush);
    // The map dims every point of its rectangle that does not hold the word.
    expect(opaqueInsideBox(map)).toBeLessThan(opaqueBefore / 2);

    // The panel is not filtered by its own brush: the same list, the word marked.
    expect(listed(words)).toEqual(before);
    expect(buttonOf(words, word).getAttribute('aria-pressed')).toBe('true');
    expect(words.shadowRoot!.querySelectorAll('[aria-pressed="true"]')).toHaveLength(1);

    await clickAt(...centre(buttonOf(words, word))); // a second click takes the word's brush off
    await settle();
    expect(bus.clause('words')).toBeNull();
    expect(brushEvents).toEqual([{ word }, null]);
    expect(picks).toHaveLength(1);
    expect(opaqueInsideBox(map)).toBeGreaterThan(0.9);
  });

  it('leaves out the steps of the sequences the class filter hides', async () => {
    const { bus, map, words } = await mount();
    await brushMap(map);
    const brushed = bus.clause('map')!.steps;
    const hidden = (step: number) => data.labels[data.sequenceOf(step)] !== 0;
    let hiddenInBrush = 0;
    for (let step = 0; step < data.stepCount; step++) if (brushed.has(step) && hidden(step)) hiddenInBrush++;
    expect(hiddenInBrush).toBeGreaterThan(100); // the filter below has something to take away

    bus.setFilters({ classes: [0] }, 'test');
    await settle();
    const expected = bruteForce((step) => brushed.has(step) && !hidden(step));
    expect(listed(words)).toEqual(expected);
    expect(listed(words)).not.toEqual(bruteForce((step) => brushed.has(step)));

    bus.setFilters({ classes: null }, 'test');
    await settle();
    expect(listed(words)).toEqual(bruteForce((step) => brushed.has(step)));
  });

  it('counts the active sequence when nothing is brushed', async () => {
    const { bus, words } = await mount();
    const sequence = 3;
    bus.selectSequence(sequence, 'test');
    await settle();
    expect(listed(words)).toEqual(bruteForce((step) => data.sequenceOf(step) === sequence));

    bus.setFilters({ classes: [1 - data.labels[sequence]] }, 'test'); // hides the sequence's class
    await settle();
    expect(listed(words)).toEqual([]);
    expect(words.shadowRoot!.querySelector('[part="empty"]')!.textContent).toBe(
      'The filters hide every step to count.',
    );
  });
});
