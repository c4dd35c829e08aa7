import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { LinkBus, type ProvisionalSequence } from '@statescope/bus';
import { loadDataset, type StateDataset } from '@statescope/core';
import type { ProjectionView } from '@statescope/view-projection';
import '@statescope/view-projection/define';
import { provisionalCopy } from '../../../test/support/provisionalCopy.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
let demo: Promise<StateDataset> | null = null;
const imdb = () => (demo ??= loadDataset(new URL('../../../data/imdb.json', import.meta.url).href));

/** A demo sequence of at least 12 steps whose steps all lie inside the map. */
function pickSequence(data: StateDataset, view: ProjectionView): number {
  for (let s = 0; s < data.sequenceCount; s++) {
    if (data.sequenceLength(s) < 12 || data.sequenceLength(s) > 100) continue;
    let inside = true;
    for (let t = data.offsets[s]; t < data.offsets[s + 1] && inside; t++) {
      const [x, y] = view.screenPosition(t);
      inside = x > 10 && y > 10 && x < 490 && y < 350;
    }
    if (inside) return s;
  }
  throw new Error('no demo sequence fits');
}

/** A provisional copy of a demo sequence: its tokens, expected and hidden rows, its stored t-SNE coordinates. */
function copyOf(data: StateDataset, sequence: number, edit: Partial<ProvisionalSequence> = {}): ProvisionalSequence {
  const [start, end] = [data.offsets[sequence], data.offsets[sequence + 1]];
  const coordinates = { tsne: data.projection('tsne')!.slice(2 * start, 2 * end) };
  return provisionalCopy(data, sequence, { coordinates, original: -1, ...edit });
}

async function mount() {
  await page.viewport(800, 600);
  const data = await imdb();
  const bus = new LinkBus();
  const view = document.createElement('hs-projection');
  view.style.cssText = 'width: 500px; height: 360px';
  view.renderer = 'canvas';
  view.bus = bus;
  view.data = data;
  document.body.append(view);
  await nextFrame();
  view.renderNow();
  const layer = view.shadowRoot!.querySelector('g.provisional')!;
  const overlay = view.shadowRoot!.querySelector('svg.overlay') as SVGSVGElement;
  return { view, bus, data, layer, overlay, sequence: pickSequence(data, view) };
}

afterEach(() => document.body.replaceChildren());

describe('<hs-projection> draws the provisional sequence (IMDB demo, Chromium)', () => {
  it('its segments join the screen positions of its t-SNE coordinates', async () => {
    const { view, bus, data, layer, sequence } = await mount();
    expect(data.projectionNames).toContain('tsne');
    const start = data.offsets[sequence];
    const length = data.sequenceLength(sequence);
    bus.setProvisional(copyOf(data, sequence), 'whatif');
    await nextFrame();
    await nextFrame();
    const segments = [...layer.querySelectorAll('line.segment')];
    expect(segments).toHaveLength(length - 1);
    segments.forEach((segment, k) => {
      const [x1, y1] = view.screenPosition(start + k);
      const [x2, y2] = view.screenPosition(start + k + 1);
      expect(Number(segment.getAttribute('x1'))).toBeCloseTo(x1, 3);
      expect(Number(segment.getAttribute('y1'))).toBeCloseTo(y1, 3);
      expect(Number(segment.getAttribute('x2'))).toBeCloseTo(x2, 3);
      expect(Number(segment.getAttribute('y2'))).toBeCloseTo(y2, 3);
    });
    const label = layer.querySelector('text.provisional-id')!;
    expect(label.textContent).toBe('what-if');
    // Its id sits at its end, inside the view.
    const box = label.getBoundingClientRect();
    const frame = view.getBoundingClientRect();
    const [ex, ey] = view.screenPosition(start + length - 1);
    expect(Math.hypot(box.left - frame.left - ex, box.bottom - frame.top - ey)).toBeLessThan(30);
  });

  it('marks the step where it parts from its original, drawn beside it', async () => {
    const { view, bus, data, layer, sequence } = await mount();
    const base = copyOf(data, sequence, { original: sequence });
    const changed = 6;
    const tokens = [...base.tokens];
    const was = tokens[changed];
    tokens[changed] = was === 'good' ? 'bad' : 'good';
    bus.selectSequence(sequence, 'table');
    bus.setProvisional({ ...base, tokens }, 'whatif');
    await nextFrame();
    await nextFrame();
    expect(view.shadowRoot!.querySelector(`g.trajectory[data-sequence="${sequence}"]`)).not.toBeNull();
    const marker = layer.querySelector('.parting')!;
    expect(marker.getAttribute('data-step')).toBe(String(changed));
    const markerBox = marker.getBoundingClientRect();
    const frame = view.getBoundingClientRect();
    const [x, y] = view.screenPosition(data.offsets[sequence] + changed);
    expect(markerBox.left + markerBox.width / 2 - frame.left).toBeCloseTo(x, 0);
    expect(markerBox.top + markerBox.height / 2 - frame.top).toBeCloseTo(y, 0);
    expect(layer.querySelector('text.parting-label')!.textContent).toBe(`${was} → ${tokens[changed]}`);

    bus.setProvisional({ ...base, tokens, original: -1 }, 'whatif'); // no original: no mark
    await nextFrame();
    await nextFrame();
    expect(layer.querySelectorAll('line.segment').length).toBe(tokens.length - 1);
    expect(layer.querySelector('.parting')).toBeNull();
  });

  it('a provisional change redraws the overlay, not the points canvas', async () => {
    const { view, bus, data, layer, sequence } = await mount();
    const canvas = view.shadowRoot!.querySelector('canvas')!;
    const context = canvas.getContext('2d')!;
    const pixels = () => context.getImageData(0, 0, canvas.width, canvas.height).data.slice();
    const before = pixels();
    expect(before.some((v) => v !== 0)).toBe(true);
    const paint = vi.spyOn(context, 'putImageData');

    const text = copyOf(data, sequence);
    bus.setProvisional(text, 'whatif');
    await nextFrame();
    await nextFrame();
    expect(layer.querySelectorAll('line.segment').length).toBe(text.tokens.length - 1);
    const shorter = 5;
    bus.setProvisional(
      {
        ...text,
        tokens: text.tokens.slice(0, shorter),
        unknown: text.unknown.slice(0, shorter),
        expected: text.expected.slice(0, shorter * data.classCount),
        hidden: text.hidden.slice(0, (shorter * text.hidden.length) / text.tokens.length),
        coordinates: { tsne: text.coordinates.tsne.slice(0, 2 * shorter) },
      },
      'whatif',
    );
    await nextFrame();
    await nextFrame();
    expect(layer.querySelectorAll('line.segment').length).toBe(shorter - 1);
    bus.setProvisional(null, 'whatif');
    await nextFrame();
    await nextFrame();
    expect(layer.children.length).toBe(0);
    expect(paint).not.toHaveBeenCalled();
    expect(pixels()).toEqual(before);

    bus.setOptions({ colorMode: 'true' }, 'test'); // the spy sees a repaint when there is one
    await nextFrame();
    await nextFrame();
    expect(paint).toHaveBeenCalled();
    paint.mockRestore();
  });

  it('hovering a provisional step shows its token and prediction, without focusing a dataset step', async () => {
    const { view, bus, data, overlay, sequence } = await mount();
    const start = data.offsets[sequence];
    const frame = view.getBoundingClientRect();
    // A step over the bare map (not under a panel) with no other step of the text on the same spot.
    const step = Array.from({ length: data.sequenceLength(sequence) }, (_, k) => k).find((k) => {
      const [x, y] = view.screenPosition(start + k);
      const under = view.shadowRoot!.elementFromPoint(frame.left + x, frame.top + y);
      if (!under?.closest('svg.overlay')) return false;
      for (let j = 0; j < data.sequenceLength(sequence); j++) {
        const [xj, yj] = view.screenPosition(start + j);
        if (j !== k && Math.hypot(xj - x, yj - y) < 1) return false;
      }
      return true;
    })!;
    expect(step).toBeDefined();
    const base = copyOf(data, sequence);
    const text = { ...base, tokens: base.tokens.map((t, k) => (k === step ? 'unseenword' : t)) };
    bus.setProvisional(text, 'whatif');
    await nextFrame();
    await nextFrame();
    const [x, y] = view.screenPosition(start + step);
    await userEvent.hover(overlay, { position: { x, y } });
    const tooltip = view.shadowRoot!.querySelector('.tooltip') as HTMLElement;
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.querySelector('.token')!.textContent).toBe('unseenword');
    const p1 = text.expected[step * data.classCount + 1];
    expect(tooltip.textContent).toContain(p1.toFixed(3));
    expect(tooltip.textContent).toContain(`${step + 1} of ${text.tokens.length}`);
    expect(bus.focus).toBe(-1);
  });
});
