// The map's column of the response table (packages/view-base/README.md): gestures in the other
// views, and the map's own brush, checked on the map's SVG overlay and canvas pixels.
import { afterEach, describe, expect, it } from 'vitest';
import { CLASS_COLORS } from '@statescope/view-base';
import {
  brushMap,
  chooseColorMode,
  clickOverviewCheckbox,
  clickRow,
  hoverToken,
  leaveViews,
  mountLinked,
  press,
  settle,
  unmountAll,
  type Linked,
} from './responseHarness.js';
import { drag } from '../browser/pointer.js';

afterEach(unmountAll);

/** Every pixel of the map's canvas as an RGBA word (the canvas renderer writes exact colours). */
function pixels(linked: Linked): Uint32Array {
  const canvas = linked.root('map').querySelector('canvas')!;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  return new Uint32Array(data.buffer);
}

/** How many pixels are drawn, and how many of them are opaque (not dimmed or faded). */
function coverage(words: Uint32Array): { drawn: number; opaque: number } {
  let drawn = 0;
  let opaque = 0;
  for (const word of words) {
    if (word === 0) continue;
    drawn++;
    if (word >>> 24 === 255) opaque++;
  }
  return { drawn, opaque };
}

/** The canvas pixels inside and outside a box given as fractions of the canvas. */
function split(linked: Linked, [x0, y0, x1, y1]: number[]) {
  const canvas = linked.root('map').querySelector('canvas')!;
  const words = pixels(linked);
  const inside: number[] = [];
  const outside: number[] = [];
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const word = words[y * canvas.width + x];
      if (word === 0) continue;
      const fx = x / canvas.width;
      const fy = y / canvas.height;
      (fx > x0 && fx < x1 && fy > y0 && fy < y1 ? inside : outside).push(word >>> 24);
    }
  }
  const share = (alphas: number[]) => alphas.filter((a) => a === 255).length / Math.max(1, alphas.length);
  return { inside: share(inside), outside: share(outside) };
}

describe('the map answers every bus change', () => {
  it('focus: a token hovered in the tokens view is ringed on the map, with its tooltip', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 0);
    await hoverToken(linked, 4);
    const step = linked.bus.focus;
    const map = linked.views.map as unknown as { screenPosition(step: number): [number, number] };
    const ring = linked.root('map').querySelector('.focus circle')!;
    expect(ring.getAttribute('visibility')).toBe('visible');
    expect(Number(ring.getAttribute('data-step'))).toBe(step);
    const [x, y] = map.screenPosition(step);
    expect(Number(ring.getAttribute('cx'))).toBeCloseTo(x, 3);
    expect(Number(ring.getAttribute('cy'))).toBeCloseTo(y, 3);
    const tooltip = linked.root('map').querySelector<HTMLElement>('[part="tooltip"]')!;
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.textContent).toContain(linked.data.token(step));
    await leaveViews();
    expect(ring.getAttribute('visibility')).toBe('hidden');
    expect(tooltip.hidden).toBe(true);
  });

  it('active and compared sequences: a trajectory each, the active one marked', async () => {
    const linked = await mountLinked();
    await clickRow(linked, 2);
    const active = linked.bus.activeSequence;
    const trajectories = () => [...linked.root('map').querySelectorAll('.trajectory')];
    expect(trajectories().map((t) => Number(t.getAttribute('data-sequence')))).toEqual([active]);
    const path = trajectories()[0].querySelectorAll('.segment');
    expect(path).toHaveLength(linked.data.sequenceLength(active) - 1);
    await clickRow(linked, 5, ['Control']);
    const compared = linked.bus.activeSequence;
    expect(new Set(trajectories().map((t) => Number(t.getAttribute('data-sequence'))))).toEqual(
      new Set([active, compared]),
    );
    expect(linked.root('map').querySelector('.trajectory.active')!.getAttribute('data-sequence')).toBe(
      String(compared),
    );
  });

  it('brush: what the map brushed stands out and the rest dims, until Esc', async () => {
    const linked = await mountLinked();
    const plain = coverage(pixels(linked));
    expect(plain.opaque / plain.drawn).toBeGreaterThan(0.99); // nothing dimmed yet
    const box = [0.3, 0.3, 0.65, 0.65];
    await brushMap(linked, [box[0], box[1]], [box[2], box[3]]);
    expect(linked.bus.clause('map')).not.toBeNull();
    const { inside, outside } = split(linked, box);
    expect(inside).toBeGreaterThan(0.9); // brushed points at full strength (points on the edge may be out)
    expect(outside).toBeLessThan(0.01); // everything else dimmed
    expect(linked.root('map').querySelector('.brush .selection')!.getAttribute('display')).not.toBe('none');
    await press('Escape');
    expect(linked.bus.clause('map')).toBeNull();
    const after = coverage(pixels(linked));
    expect(after.opaque / after.drawn).toBeGreaterThan(0.99);
  });

  it('brush: bus.restore(snapshot) on a fresh page redraws the rectangle and the dimming', async () => {
    const first = await mountLinked();
    await brushMap(first, [0.2, 0.25], [0.5, 0.6]);
    const rect = first.root('map').querySelector('.brush .selection')!;
    const drawn = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)));
    const before = pixels(first).slice();
    const snapshot = JSON.parse(JSON.stringify(first.bus.snapshot()));
    unmountAll();

    const second = await mountLinked();
    second.bus.restore(snapshot, 'page');
    await settle();
    const restored = second.root('map').querySelector('.brush .selection')!;
    ['x', 'y', 'width', 'height'].forEach((a, i) => expect(Number(restored.getAttribute(a))).toBeCloseTo(drawn[i], 3));
    const after = pixels(second);
    let differing = 0;
    for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) differing++;
    expect(differing).toBe(0); // the very same drawing
  });

  it('brush: a lasso is restored too', async () => {
    const linked = await mountLinked();
    linked.views.map.setAttribute('mode', 'lasso');
    const canvas = linked.root('map').querySelector('canvas')!.getBoundingClientRect();
    const at = (fx: number, fy: number): [number, number] => [
      canvas.left + fx * canvas.width,
      canvas.top + fy * canvas.height,
    ];
    await drag(at(0.3, 0.3), at(0.7, 0.3), at(0.7, 0.7), at(0.3, 0.7), at(0.3, 0.35));
    const clause = linked.bus.clause('map')!;
    expect((clause.value as { kind: string }).kind).toBe('lasso');
    const path = linked.root('map').querySelector('path.lasso')!.getAttribute('d');
    const snapshot = JSON.parse(JSON.stringify(linked.bus.snapshot()));
    unmountAll();
    const fresh = await mountLinked();
    fresh.bus.restore(snapshot, 'page');
    await settle();
    expect(fresh.root('map').querySelector('path.lasso')!.getAttribute('d')).toBe(path);
  });

  it('filters: a class unticked in the overview disappears from the map; ticked again, it returns', async () => {
    const linked = await mountLinked();
    const all = coverage(pixels(linked)).drawn;
    await clickOverviewCheckbox(linked, linked.data.classes[1]);
    expect(linked.bus.filters.classes).toEqual([0]);
    const without = coverage(pixels(linked)).drawn;
    expect(without).toBeLessThan(all * 0.8);
    await clickOverviewCheckbox(linked, linked.data.classes[1]);
    expect(coverage(pixels(linked)).drawn).toBe(all);
  });

  it('options: the colour mode chosen in the map colours every point by it', async () => {
    const linked = await mountLinked();
    const colours = () => new Set(pixels(linked).filter((w) => w !== 0));
    expect(colours().size).toBeGreaterThan(20); // expected prediction: a continuous scale
    await chooseColorMode(linked, 'true');
    const packed = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      return ((255 << 24) | ((n & 0xff) << 16) | (n & 0xff00) | (n >>> 16)) >>> 0; // RGBA bytes, little-endian word
    };
    expect([...colours()].sort()).toEqual([packed(CLASS_COLORS[0]), packed(CLASS_COLORS[1])].sort());
  });
});
