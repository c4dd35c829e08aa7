// `bus.restore(bus.snapshot())` on a fresh page reproduces every view's drawing: the six views are
// driven by real gestures, the bus snapshot goes through JSON (as into a URL or a file), and a new
// set of views on a new bus, given only that snapshot, draws the same markup and the same pixels.
import { afterEach, expect, it } from 'vitest';
import { normalizeMarkup } from '../support/normalizeMarkup.js';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  leaveViews,
  mountLinked,
  settle,
  unmountAll,
  type Linked,
  type ViewName,
} from './responseHarness.js';

afterEach(unmountAll);

const VIEWS: ViewName[] = ['map', 'tokens', 'heatmap', 'histogram', 'table', 'overview'];

/**
 * What a view shows: its normalised shadow markup without what is hidden (a hidden tooltip keeps
 * the last step hovered, which no user sees).
 */
function visibleMarkup(root: ShadowRoot): string {
  const copy = document.createElement('div');
  copy.append(...[...root.childNodes].map((node) => node.cloneNode(true)));
  for (const hidden of copy.querySelectorAll('[hidden], [visibility="hidden"]')) hidden.replaceChildren();
  for (const hidden of copy.querySelectorAll('[hidden], [visibility="hidden"]')) {
    for (const name of [...hidden.getAttributeNames()])
      if (!['class', 'part', 'hidden', 'visibility'].includes(name)) hidden.removeAttribute(name);
  }
  return normalizeMarkup(copy);
}

/** What each view shows: its visible markup, and for the map its canvas pixels too. */
function drawing(linked: Linked): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of VIEWS) result[name] = visibleMarkup(linked.root(name));
  const canvas = linked.root('map').querySelector('canvas')!;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0;
  for (let i = 0; i < pixels.length; i++) hash = (Math.imul(hash, 31) + pixels[i]) | 0;
  result.mapPixels = `${canvas.width}x${canvas.height}:${hash}`;
  return result;
}

it('restoring a snapshot on a fresh page draws every view as before', async () => {
  const first = await mountLinked();
  await clickRow(first, 1);
  await clickRow(first, 4, ['Control']); // compared
  await brushMap(first, [0.25, 0.3], [0.6, 0.7]);
  await clickOverviewCheckbox(first, 'fade misclassified');
  await chooseColorMode(first, 'predicted');
  await leaveViews();
  const before = drawing(first);
  const snapshot: unknown = JSON.parse(JSON.stringify(first.bus.snapshot()));
  unmountAll();

  const second = await mountLinked();
  expect(drawing(second)).not.toEqual(before); // a fresh page shows none of it
  second.bus.restore(snapshot, 'page');
  await settle();
  const after = drawing(second);
  for (const name of Object.keys(before)) expect(after[name], name).toBe(before[name]);
});
