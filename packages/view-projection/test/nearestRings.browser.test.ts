import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { LinkBus } from '@statescope/bus';
import { StateDataset } from '@statescope/core';
import { sharedNearestStates } from '@statescope/projection';
import type { ProjectionView } from '@statescope/view-projection';
import '@statescope/view-projection/define';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
const DIM = 8;
/** The default ring colour (--hs-nearest-color), #1f4fd1. */
const RING: Rgb = [0x1f, 0x4f, 0xd1];
type Rgb = [number, number, number];

/**
 * 30 sequences of 8 steps whose 8-D hidden states and stored "t-SNE" are unrelated random
 * numbers: a map that scatters every true neighbourhood, so rings at the model's neighbours lie
 * elsewhere than the focused point's neighbours on the map. Fresh arrays each call: a fresh index.
 */
function scatteredDataset(seed = 7): StateDataset {
  let state = seed;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const sequences = 30;
  const length = 8;
  const n = sequences * length;
  const hidden = Float32Array.from({ length: n * DIM }, () => random() * 4 - 2);
  const map = Float32Array.from({ length: 2 * n }, () => random() * 10);
  return new StateDataset({
    classes: ['negative', 'positive'],
    tokens: Array.from({ length: sequences }, (_, s) => Array.from({ length }, (_, k) => `w${s}.${k}`)),
    labels: Int32Array.from({ length: sequences }, (_, s) => s % 2),
    layers: [
      { name: 'low', dim: 3, hidden: Float32Array.from({ length: n * 3 }, () => random()) },
      { name: 'top', dim: DIM, hidden },
    ],
    expectedPredictions: Float32Array.from({ length: n }, () => random()),
    projections: { tsne: map },
  });
}

/** The k states nearest `step` in the top layer, by brute force: steps and distances, nearest first. */
function bruteForce(data: StateDataset, step: number, k: number): { steps: number[]; distances: number[] } {
  const { hidden, dim } = data.layer();
  const all: [number, number][] = [];
  for (let other = 0; other < data.stepCount; other++) {
    if (other === step) continue;
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += (hidden[other * dim + j] - hidden[step * dim + j]) ** 2;
    all.push([Math.sqrt(sum), other]);
  }
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { steps: all.slice(0, k).map(([, s]) => s), distances: all.slice(0, k).map(([d]) => d) };
}

async function mount(data: StateDataset, nearest: number | null) {
  const bus = new LinkBus();
  const view = document.createElement('hs-projection');
  view.style.cssText = 'width: 400px; height: 300px';
  view.renderer = 'canvas';
  if (nearest !== null) view.nearest = nearest;
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  await nextFrame();
  view.renderNow();
  return { view, bus, root: view.shadowRoot! };
}

/** The view as drawn on screen (points and overlay together), as RGBA rows of CSS pixels. */
async function screenshot(view: ProjectionView): Promise<{ rgba: Uint8ClampedArray; width: number; height: number }> {
  await nextFrame();
  const base64 = await page.screenshot({ element: view, save: false });
  const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
  const canvas = new OffscreenCanvas(view.clientWidth, view.clientHeight);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return {
    rgba: context.getImageData(0, 0, canvas.width, canvas.height).data,
    width: canvas.width,
    height: canvas.height,
  };
}

const near = (rgba: Uint8ClampedArray, i: number, color: Rgb) =>
  Math.abs(rgba[i] - color[0]) + Math.abs(rgba[i + 1] - color[1]) + Math.abs(rgba[i + 2] - color[2]) < 60;

/** Where the screenshot holds the ring colour: CSS pixel positions. */
function pixelsOf(shot: { rgba: Uint8ClampedArray; width: number }, color: Rgb): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < shot.rgba.length; i += 4) {
    if (near(shot.rgba, i, color)) found.push([(i / 4) % shot.width, Math.floor(i / 4 / shot.width)]);
  }
  return found;
}

/** How many of 32 points on the circle of `radius` around (x, y) hold the colour. */
function ringCoverage(
  shot: { rgba: Uint8ClampedArray; width: number },
  x: number,
  y: number,
  radius: number,
  color: Rgb,
) {
  let hits = 0;
  for (let a = 0; a < 32; a++) {
    const px = Math.round(x + radius * Math.cos((a * Math.PI) / 16));
    const py = Math.round(y + radius * Math.sin((a * Math.PI) / 16));
    if (near(shot.rgba, 4 * (py * shot.width + px), color)) hits++;
  }
  return hits;
}

let panels: HTMLStyleElement;
beforeAll(() => {
  // The panels over the map could hide a ring; the pixels are the map's alone without them.
  panels = document.createElement('style');
  panels.textContent =
    'hs-projection::part(toolbar), hs-projection::part(legend), hs-projection::part(tooltip) { visibility: hidden; }';
});
afterEach(() => {
  document.body.replaceChildren();
  panels.remove();
});

describe('<hs-projection nearest>: the focused state’s nearest states in the model’s space, ringed', () => {
  it('rings exactly the index’s 5 nearest states (the brute-force ones) where the map draws them, and nothing else', async () => {
    await page.viewport(800, 600);
    const data = scatteredDataset();
    const { view, bus, root } = await mount(data, 5);
    document.head.append(panels);
    const step = 97;
    const before = await screenshot(view);
    expect(pixelsOf(before, RING)).toEqual([]); // no point is drawn in the ring colour

    bus.setFocus(step, 'elsewhere');
    // The shared index is built on this first need; nothing is ringed meanwhile.
    expect(view.nearestSteps).toBeNull();
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(0);
    const entry = sharedNearestStates(data.layer().hidden, { dim: DIM });
    const index = await entry.promise;
    expect(view.renderPending).toBe(false); // the overlay alone redrew, not the points

    const expected = index.queryStep(step, 5);
    const truth = bruteForce(data, step, 5);
    expect([...expected.steps]).toEqual(truth.steps);
    expect([...view.nearestSteps!]).toEqual(truth.steps);
    // The model's neighbours are not the map's: the test tells the two spaces apart.
    const [fx, fy] = view.screenPosition(step);
    const mapOrder = [...Array(data.stepCount).keys()]
      .filter((s) => s !== step)
      .sort(
        (a, b) =>
          Math.hypot(...sub(view.screenPosition(a), [fx, fy])) - Math.hypot(...sub(view.screenPosition(b), [fx, fy])),
      );
    expect(mapOrder.slice(0, 5)).not.toEqual(truth.steps);

    const rings = [...root.querySelectorAll('.nearest-ring')];
    expect(rings.map((ring) => Number(ring.getAttribute('data-step')))).toEqual(truth.steps);
    const radius = Number(rings[0].getAttribute('r'));
    const shot = await screenshot(view);
    const centres = truth.steps.map((s) => view.screenPosition(s));
    for (const [x, y] of centres) {
      expect(ringCoverage(shot, x, y, radius, RING), `ring at ${x}, ${y}`).toBeGreaterThanOrEqual(12);
    }
    // Every pixel of the ring colour belongs to one of those rings: none around the focus or elsewhere.
    const coloured = pixelsOf(shot, RING);
    expect(coloured.length).toBeGreaterThan(5 * 20);
    for (const [x, y] of coloured) {
      const distance = Math.min(...centres.map(([cx, cy]) => Math.hypot(x + 0.5 - cx, y + 0.5 - cy)));
      expect(Math.abs(distance - radius), `pixel ${x}, ${y}`).toBeLessThan(2.5);
    }

    bus.setFocus(null, 'elsewhere'); // clearing the focus removes them
    expect(view.nearestSteps).toBeNull();
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(0);
    expect(pixelsOf(await screenshot(view), RING)).toEqual([]);

    bus.setFocus(12, 'elsewhere'); // built now: another focus is ringed at once
    expect([...view.nearestSteps!]).toEqual(bruteForce(data, 12, 5).steps);
  });

  it('without the attribute rings nothing; setting it rings the step still focused', async () => {
    const data = scatteredDataset(11);
    const { view, bus, root } = await mount(data, null);
    expect(view.nearest).toBeNull();
    bus.setFocus(40, 'elsewhere');
    await sharedNearestStates(data.layer().hidden, { dim: DIM }).promise;
    await nextFrame();
    expect(view.nearestSteps).toBeNull();
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(0);
    expect((root.querySelector('.tooltip') as HTMLElement).textContent).not.toContain('nearest');
    view.setAttribute('nearest', '0');
    view.renderNow();
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(0);

    view.setAttribute('nearest', '3');
    view.renderNow();
    expect([...view.nearestSteps!]).toEqual(bruteForce(data, 40, 3).steps);
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(3);
    view.nearest = null;
    view.renderNow();
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(0);
    expect(() => (view.nearest = 51)).toThrow(RangeError);
  });

  it('the hovered state’s tooltip says how many are ringed and their mean distance; the colour follows --hs-nearest-color', async () => {
    const data = scatteredDataset(23);
    const { view, bus, root } = await mount(data, 10);
    view.style.setProperty('--hs-nearest-color', 'rgb(255, 0, 255)');
    const overlay = root.querySelector('svg.overlay') as SVGSVGElement;
    let step = 0;
    // A point that no other point lies over, so that hovering it focuses it.
    while (view.stepAt(...view.screenPosition(step)) !== step) step++;
    const [x, y] = view.screenPosition(step);
    await userEvent.hover(overlay, { position: { x, y } });
    expect(bus.focus).toBe(step);
    await sharedNearestStates(data.layer().hidden, { dim: DIM }).promise;
    const truth = bruteForce(data, step, 10);
    const mean = truth.distances.reduce((a, b) => a + b) / 10;
    const tooltip = root.querySelector('.tooltip') as HTMLElement;
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.querySelector('.token')!.textContent).toBe(data.token(step));
    expect(tooltip.querySelector('.nearest-note')!.textContent).toBe(
      `10 nearest in the model's space ringed (mean distance ${mean.toFixed(2)})`,
    );
    expect([...view.nearestSteps!]).toEqual(truth.steps);

    document.head.append(panels);
    const shot = await screenshot(view);
    const radius = Number(root.querySelector('.nearest-ring')!.getAttribute('r'));
    const magenta: Rgb = [255, 0, 255];
    const [rx, ry] = view.screenPosition(truth.steps[0]);
    expect(ringCoverage(shot, rx, ry, radius, magenta)).toBeGreaterThanOrEqual(12);
    expect(pixelsOf(shot, RING)).toEqual([]);

    await userEvent.unhover(overlay);
    expect(bus.focus).toBe(-1);
    expect(root.querySelectorAll('.nearest-ring')).toHaveLength(0);

    // The index built, a hover tells them at once.
    let next = step + 1;
    while (view.stepAt(...view.screenPosition(next)) !== next) next++;
    const [nx, ny] = view.screenPosition(next);
    await userEvent.hover(overlay, { position: { x: nx, y: ny } });
    expect(bus.focus).toBe(next);
    const nextMean = bruteForce(data, next, 10).distances.reduce((a, b) => a + b) / 10;
    expect(tooltip.querySelector('.token')!.textContent).toBe(data.token(next));
    expect(tooltip.querySelector('.nearest-note')!.textContent).toBe(
      `10 nearest in the model's space ringed (mean distance ${nextMean.toFixed(2)})`,
    );
  });
});

function sub(a: [number, number], b: [number, number]): [number, number] {
  return [a[0] - b[0], a[1] - b[1]];
}
